namespace InfraTests.Rollout.Status;

/// <summary>One thing <c>status</c> says about a host, with how much it matters; health slots in as more findings.</summary>
/// <param name="Subject">What it is about: <c>engine</c>, <c>container</c>, <c>image</c>, <c>revision</c>, <c>files</c> (and health's own).</param>
/// <param name="Level">How much it matters.</param>
/// <param name="Text">One line, a sentence.</param>
public sealed record StatusFinding(string Subject, StatusLevel Level, string Text)
{
    /// <inheritdoc />
    public override string ToString() => $"{Level.ToString().ToUpperInvariant()}: {Text}";
}
