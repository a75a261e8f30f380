using InfraTests.Harness.Services;

namespace InfraTests.Harness.Verdicts;

/// <summary>
/// Verdicts on the image's own validation or test mode; failures quote the image's words. Use them from any test
/// framework; <c>result.Should()</c> in the InfraTests assertion packages is built on them.
/// </summary>
public static class ValidationVerdicts
{
    /// <summary>The image accepted the data.</summary>
    public static Verdict Accepted(ValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Verdict.Of(result.Passed, () => new(result.Run.Command, "to pass", $", but it exited {result.Run.ExitCode}:{Environment.NewLine}{Indent(result.Run.Words)}"));
    }

    /// <summary>
    /// The image rejected the data, naming <paramref name="file"/> at <paramref name="line"/>; <c>Found</c> is that
    /// problem, null when it was not named.
    /// </summary>
    public static Verdict<ValidationProblem?> RejectedAt(ValidationResult result, string file, int line)
    {
        ArgumentNullException.ThrowIfNull(result);
        var problem = result.Problems.FirstOrDefault(p => p.File == file && p.Line == line);
        return Verdict.Of(!result.Passed && problem is not null, problem, () => new(
            result.Run.Command,
            $"to fail naming {file}:{line}",
            result.Passed
                ? ", but it passed."
                : $", but it named {(result.Problems.Count == 0 ? "no file and line" : string.Join(", ", result.Problems))}:{Environment.NewLine}{Indent(result.Run.Words)}"));
    }

    private static string Indent(string words) => string.Join(Environment.NewLine, words.Split('\n').Select(l => "  | " + l.TrimEnd()));
}
