namespace InfraTests.Harness.Verdicts;

/// <summary>
/// A text to attach to a failed test, such as the daemon's whole log or a received snapshot and its diff; the InfraTests
/// assertion packages attach them through xunit v3 (<c>TestContext.Current.AddAttachment</c>), and a TRX report carries
/// them as result files.
/// </summary>
/// <param name="Name">The attachment's name, unique within one verdict: <c>daemon-log</c>, <c>snapshot-received</c>.</param>
/// <param name="Text">The text.</param>
public sealed record VerdictAttachment(string Name, string Text);
