namespace InfraTests.Harness.Reports;

/// <summary>
/// One verdict as a run's report shows it: what was asked, what came back, which image answered, and for a failure its
/// sentence and the problems it names at file and line. Made by <c>Verdict.ToReport()</c>; the InfraTests assertion
/// packages record one for every assertion into <see cref="RunReport.ForThisProcess"/>.
/// </summary>
/// <param name="Passed">True when the subject met the expectation.</param>
/// <param name="Claim">What was asked of what: <c>sh8.mailingliststart.com to be listed in senderhost.bl.rbl</c>.</param>
/// <param name="Answer">What came back, on one line: <c>NOERROR with A 127.0.0.2</c>.</param>
public sealed record ReportedVerdict(bool Passed, string Claim, string Answer)
{
    /// <summary>The test that judged it, as the test framework names it; null when not known.</summary>
    public string? Test { get; init; }

    /// <summary>The image that answered, by digest (<c>registry/rbldnsd@sha256:1a2b3c4d5e6f…</c>); null when no image took part.</summary>
    public string? Image { get; init; }

    /// <summary>The failure sentence with question, server, image and daemon log; null when it passed.</summary>
    public string? Failure { get; init; }

    /// <summary>The working tree the <see cref="Problems"/>' files are relative to (absolute); null when there are none.</summary>
    public string? Tree { get; init; }

    /// <summary>The problems the image named at file and line, for annotations at those lines.</summary>
    public IReadOnlyList<ReportedProblem> Problems { get; init; } = [];
}
