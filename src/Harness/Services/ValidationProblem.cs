using System.Text.RegularExpressions;

namespace InfraTests.Harness.Services;

/// <summary>One problem the image's validation reported, as <c>path:line: message</c> (see docs/contract.md).</summary>
/// <param name="File">The file, relative to the service root, e.g. <c>zones/bl</c>.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Message">What is wrong, in the daemon's words.</param>
public sealed partial record ValidationProblem(string File, int Line, string Message)
{
    /// <summary>Picks every <c>path:line: message</c> line out of a command's output.</summary>
    public static IReadOnlyList<ValidationProblem> ParseAll(string output) =>
        ProblemLine().Matches(output)
            .Select(m => new ValidationProblem(m.Groups["file"].Value, int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["message"].Value.Trim()))
            .ToList();

    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}: {Message}";

    [GeneratedRegex(@"^(?<file>[^\s:][^:\n]*):(?<line>\d+):(?:\d+:)?[ \t]+(?<message>.+)$", RegexOptions.Multiline)]
    private static partial Regex ProblemLine();
}
