using System.Text;

namespace InfraTests.Docs.Checking;

/// <summary>What <see cref="DocCheck"/> found: the problems, and the doc updates that would fix those a snippet can fix.</summary>
internal sealed record DocCheckResult(IReadOnlyList<DocProblem> Problems, IReadOnlyList<DocUpdate> Updates)
{
    /// <summary>The command that copies every snippet into the blocks that show it.</summary>
    public const string UpdateCommand = $"{UpdateRequest.Variable}=1 dotnet test --project tests/Docs";

    /// <summary>The problems as one failure message: a count, each problem with its diff, and how to fix them; <paramref name="note"/> is added when given.</summary>
    public string Report(string? note = null)
    {
        var report = new StringBuilder();
        report.Append(Problems.Count == 1 ? "1 problem" : $"{Problems.Count} problems")
            .Append(" between the docs' C# blocks and their snippets in tests/DocSnippets:\n\n");
        foreach (var problem in Problems)
        {
            report.Append(problem).Append("\n\n");
        }

        report.Append("Every ```csharp block of the repository's Markdown files is a snippet compiled in tests/DocSnippets, so the docs ")
            .Append("cannot drift from the API. Change code in the snippet, never in the doc, then run ").Append(UpdateCommand)
            .Append(" to copy it into the blocks that show it (never under CI).");
        if (note is not null)
        {
            report.Append('\n').Append(note);
        }

        return report.ToString();
    }
}
