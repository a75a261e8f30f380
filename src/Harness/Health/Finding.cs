namespace InfraTests.Harness.Health;

/// <summary>
/// One thing <see cref="Doctor"/> looked at (the engine, the registry, the tag, the image's contract…), what it found, and,
/// when that is not ok, what to do. Printed as one line by <c>infratests doctor</c>.
/// </summary>
/// <param name="Subject">What was looked at, one word: <c>engine</c>, <c>distribution</c>, <c>registry</c>, <c>credentials</c>, <c>tag</c>, <c>image</c>, <c>contract</c>, <c>ports</c>, <c>reuse</c>.</param>
/// <param name="Mark">How it weighs.</param>
/// <param name="Text">What was found, on one line; never a secret.</param>
/// <param name="Remedy">What to do about it; null when the mark is ok or the text already says it.</param>
public sealed record Finding(string Subject, FindingMark Mark, string Text, string? Remedy = null)
{
    /// <summary>The finding as <c>infratests doctor</c> prints it: the text, then what to do.</summary>
    public string Line => Remedy is null ? Text : $"{Text.TrimEnd('.')}: {Remedy}";

    /// <inheritdoc />
    public override string ToString() => $"{Mark.ToString().ToLowerInvariant()} {Subject}: {Line}";
}
