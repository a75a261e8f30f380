namespace InfraTests.Harness.Reports;

/// <summary>A problem a check named at a file and line, as a report shows it and a CI annotation points at it.</summary>
/// <param name="File">The file relative to the working tree checked, with <c>/</c> separators: <c>zones/bl</c>.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Message">What is wrong, in the checker's words.</param>
public sealed record ReportedProblem(string File, int Line, string Message);
