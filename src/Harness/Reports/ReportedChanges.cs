namespace InfraTests.Harness.Reports;

/// <summary>
/// What a deploy of the rendered configuration changes, as a run's report shows it: one row per rendered file and the
/// patch, in the spirit of octoDNS's plan. Made by <c>ConfigChanges.ToReport()</c>; <c>DeployDiff</c> records it.
/// </summary>
/// <param name="ComparedWith">What the rendering was compared with: the production image by digest.</param>
/// <param name="Files">Every rendered file, changed or not, in the order of the specification.</param>
/// <param name="Patch">The changes as <c>git diff</c> prints them; empty when nothing changes.</param>
public sealed record ReportedChanges(string ComparedWith, IReadOnlyList<ReportedFile> Files, string Patch);
