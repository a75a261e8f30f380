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
    /// Reads a names file: one name or address per line; blank lines and <c>#</c> comments are skipped; <c>-</c> reads
    /// standard input. A bad entry is reported as <c>file:line</c>.
    /// </summary>
    public static IReadOnlyList<string> ReadFile(string path, TextReader standardInput)
    {
        string[] lines;
        if (path == "-")
        {
            lines = standardInput.ReadToEnd().Split('\n');
        }
        else
        {
            try
            {
                lines = File.ReadAllLines(path);
            }
            catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
            {
                throw new InfraTestsException($"{path}: the names file does not exist: give the path of a file with one host name or IPv4 address per line.");
            }
        }

        var names = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var entry = lines[i].Split('#')[0].Trim();
            if (entry.Length == 0)
            {
                continue;
            }

            if (Corpus.Problem(entry) is { } problem)
            {
                throw new InfraTestsException($"{(path == "-" ? "<stdin>" : path)}:{i + 1}: {problem}: fix or remove the line.");
            }

            names.Add(entry);
        }

        return names.Count > 0 ? names : throw new InfraTestsException($"{path}: the names file lists no names: put one host name or IPv4 address per line.");
    }
}
