using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;

namespace InfraTests.Cli.Tests;

/// <summary>Assertions on one run of the command, reached by <c>run.Should()</c>; every failure shows the run's transcript.</summary>
internal sealed partial class CliRunAssertions(CliRun subject) : ReferenceTypeAssertions<CliRun, CliRunAssertions>(subject)
{
    protected override string Identifier => "run";

    /// <summary>Asserts the run exited with <paramref name="expected"/> (0 as expected, 1 a verdict not expected, 2 bad input).</summary>
    public AndConstraint<CliRunAssertions> ExitWith(int expected, string because = "", params object[] becauseArgs)
    {
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(!Subject.TimedOut && Subject.ExitCode == expected)
            .FailWith(Message($"to exit {expected}", Subject.TimedOut ? ", but it was stopped" : $", but it exited {Subject.ExitCode}"));
        return new AndConstraint<CliRunAssertions>(this);
    }

    /// <summary>Asserts the run exited 0.</summary>
    public AndConstraint<CliRunAssertions> Succeed(string because = "", params object[] becauseArgs) => ExitWith(0, because, becauseArgs);

    /// <summary>
    /// Asserts the run failed as bad input: exit 2 and exactly one line on stderr, starting <c>infratests: </c>, besides
    /// indented progress lines; no stack trace. The line is available through <c>Which</c>.
    /// </summary>
    public AndWhichConstraint<CliRunAssertions, string> FailWithOneLine(string because = "", params object[] becauseArgs)
    {
        ExitWith(2, because, becauseArgs);
        var stackFrames = Subject.StderrLines.Where(l => StackFrame().IsMatch(l)).ToList();
        var lines = Subject.StderrLines.Where(l => !l.StartsWith("  ", StringComparison.Ordinal)).ToList();
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(stackFrames.Count == 0 && lines.Count == 1 && lines[0].StartsWith("infratests: ", StringComparison.Ordinal))
            .FailWith(Message(
                "to say what is wrong in one line starting \"infratests: \" on stderr",
                stackFrames.Count > 0 ? ", but it printed a stack trace" : $", but stderr had {lines.Count} such line(s)"));
        return new AndWhichConstraint<CliRunAssertions, string>(this, lines.FirstOrDefault() ?? string.Empty);
    }

    /// <summary>Asserts stdout is exactly one JSON object and nothing else; the document's root is available through <c>Which</c>.</summary>
    public AndWhichConstraint<CliRunAssertions, JsonElement> PrintOneJsonDocument(string because = "", params object[] becauseArgs)
    {
        JsonElement root = default;
        string? problem = null;
        try
        {
            // Parse refuses anything after the first value: stdout holds one document or fails here.
            using var document = JsonDocument.Parse(Subject.Stdout);
            root = document.RootElement.Clone();
            problem = root.ValueKind == JsonValueKind.Object ? null : $", but it was a JSON {root.ValueKind}";
        }
        catch (JsonException exception)
        {
            problem = $", but it is not: {exception.Message}";
        }

        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(problem is null)
            .FailWith(Message("to print exactly one JSON object on stdout", problem ?? string.Empty));
        return new AndWhichConstraint<CliRunAssertions, JsonElement>(this, root);
    }

    /// <summary>Asserts stdout has a line with the words of <paramref name="expected"/>, however many spaces stand between them.</summary>
    public AndWhichConstraint<CliRunAssertions, string> PrintLine(string expected, string because = "", params object[] becauseArgs)
    {
        var line = Subject.StdoutLines.FirstOrDefault(l => Words(l) == Words(expected));
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(line is not null)
            .FailWith(Message($"to print the line \"{Words(expected)}\" on stdout", ", but it did not"));
        return new AndWhichConstraint<CliRunAssertions, string>(this, line!);
    }

    /// <summary>Asserts no container labelled as the run's process is left once it exited.</summary>
    public AndConstraint<CliRunAssertions> LeaveNoContainers(string because = "", params object[] becauseArgs)
    {
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(Subject.LeftContainers is { Count: 0 })
            .FailWith(Message(
                "to leave no container labelled as its process",
                Subject.LeftContainers is null ? ", but it was not run as a process" : $", but it left {string.Join(", ", Subject.LeftContainers)}"));
        return new AndConstraint<CliRunAssertions>(this);
    }

    private static string Words(string line) => string.Join(' ', line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    // Our text is quoted verbatim: the transcript is full of braces (JSON) that FluentAssertions would read as placeholders.
    private string Message(string expectation, string outcome) =>
        Escape($"Expected infratests {Subject.Args.FirstOrDefault()} {expectation}") + "{reason}" + Escape($"{outcome}:{Environment.NewLine}{Subject}");

    private static string Escape(string text) => text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);

    [GeneratedRegex(@"^\s+at \S")]
    private static partial Regex StackFrame();
}
