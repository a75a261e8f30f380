namespace InfraTests.Harness.Adoption;

/// <summary>
/// Something the image (or the service repo) still lacks for InfraTests to test it fully, and what to do about it: a
/// Dockerfile line to add, a rebuild to push, a file to write. Told by <c>infratests init</c> after what it wrote.
/// </summary>
/// <param name="Subject">What is missing, e.g. <c>TEST_METHOD</c> or <c>infratests.checks.yaml</c>.</param>
/// <param name="Text">What is missing and what it costs, on one line.</param>
/// <param name="Remedy">What to do, with the Dockerfile line to add and where.</param>
public sealed record ImageGap(string Subject, string Text, string Remedy)
{
    /// <summary>The gap as one line: what is missing, then what to do.</summary>
    public override string ToString() => $"{Text}: {Remedy}";
}
