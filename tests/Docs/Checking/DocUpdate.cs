using InfraTests.Harness.Text;

namespace InfraTests.Docs.Checking;

/// <summary>
/// A doc's text with the blocks that differ from their snippets replaced by the snippets' text: what update mode writes.
/// </summary>
internal sealed record DocUpdate(string Path, string Text, IReadOnlyList<string> Snippets)
{
    /// <summary>
    /// Writes <see cref="Text"/> to the doc under <paramref name="root"/>, keeping its file mode, unless the file already holds
    /// exactly that text; returns whether it wrote.
    /// </summary>
    public bool WriteIfChanged(string root)
    {
        var path = System.IO.Path.Combine(root, Path);
        if (File.ReadAllText(path) == Text)
        {
            return false;
        }

        AtomicFile.Write(path, Text, OperatingSystem.IsWindows() ? null : File.GetUnixFileMode(path));
        return true;
    }
}
