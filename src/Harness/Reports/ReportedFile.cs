namespace InfraTests.Harness.Reports;

/// <summary>One rendered file in a report of changes: what happens to it and how many lines come and go.</summary>
/// <param name="Path">The file relative to the service root, with <c>/</c> separators.</param>
/// <param name="Change">Created, updated or unchanged.</param>
/// <param name="Insertions">Lines added.</param>
/// <param name="Deletions">Lines removed.</param>
public sealed record ReportedFile(string Path, ReportedChange Change, int Insertions, int Deletions);
