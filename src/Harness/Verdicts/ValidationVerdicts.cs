using InfraTests.Harness.Reports;
using InfraTests.Harness.Services;
using InfraTests.Harness.Text;

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
        return Verdict.Of(result.Passed, () => Sentence(result, "to pass", $", but it exited {result.Run.ExitCode}:{Environment.NewLine}{Indent(result.Run.Words)}"));
    }

    /// <summary>
    /// The image rejected the data, naming <paramref name="file"/> at <paramref name="line"/>; <c>Found</c> is that
    /// problem, null when it was not named.
    /// </summary>
    public static Verdict<ValidationProblem?> RejectedAt(ValidationResult result, string file, int line)
    {
        ArgumentNullException.ThrowIfNull(result);
        var problem = result.Problems.FirstOrDefault(p => p.File == file && p.Line == line);
        return Verdict.Of(!result.Passed && problem is not null, problem, () => Sentence(
            result,
            $"to fail naming {file}:{line}",
            result.Passed
                ? ", but it passed."
                : $", but it named {(result.Problems.Count == 0 ? "no file and line" : string.Join(", ", result.Problems))}:{Environment.NewLine}{Indent(result.Run.Words)}"));
    }

    private static VerdictSentence Sentence(ValidationResult result, string expectation, string outcome) =>
        new(result.Run.Command, expectation, outcome)
        {
            Answer = result.Passed
                ? "exited 0"
                : $"exited {result.Run.ExitCode}{(result.Problems.Count == 0 ? string.Empty : ", naming " + string.Join(", ", result.Problems.Select(p => $"{p.File}:{p.Line}")))}",
            Image = result.Image is null ? null : Words.ShortReference(result.Image),
            Tree = result.Tree,
            Problems = result.Problems.Select(p => new ReportedProblem(p.File, p.Line, p.Message)).ToList(),
            Attachments = () => [new VerdictAttachment("validation-output", result.Run.Words + "\n")],
        };

    private static string Indent(string words) => string.Join(Environment.NewLine, words.Split('\n').Select(l => "  | " + l.TrimEnd()));
}
