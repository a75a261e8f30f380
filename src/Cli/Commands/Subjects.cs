using InfraTests.Harness;
using InfraTests.Harness.Dns;

namespace InfraTests.Cli.Commands;

/// <summary>The names and addresses <c>check</c> asks about: from the command line, a names file, or the prompt.</summary>
internal static class Subjects
{
    /// <summary>Throws the one-line error for the first argument that cannot be asked about.</summary>
    public static void EnsureValid(IEnumerable<string> subjects)
    {
        foreach (var subject in subjects)
        {
            if (Corpus.Problem(subject) is { } problem)
            {
                throw new InfraTestsException(problem + ".");
            }
        }
    }

    /// <summary>
    /// Reads a names file the way a corpus is read (one name or address per line, blank lines and <c>#</c> comments
    /// skipped, <c>-</c> for standard input, a bad entry reported as <c>file:line</c>), and keeps the names for the table.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ReadFileAsync(string path, TextReader standardInput, CancellationToken cancellationToken)
    {
        if (path != "-" && !File.Exists(path))
        {
            throw new InfraTestsException($"{path}: the names file does not exist: give the path of a file with one host name or IP address per line.");
        }

        var names = new List<string>();
        await foreach (var entry in (path == "-" ? Corpus.Read(standardInput) : Corpus.ReadFile(path)).WithCancellation(cancellationToken))
        {
            names.Add(entry.Subject);
        }

        return names.Count > 0 ? names : throw new InfraTestsException($"{path}: the names file lists no names: put one host name or IP address per line.");
    }
}
