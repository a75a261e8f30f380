using System.Text;

namespace InfraTests.Harness.Adoption;

/// <summary>
/// Compares what init would write with what is on disk, and writes it all or nothing. Init never overwrites a file: a file
/// that is there already must hold exactly what init would write (left alone) or init refuses; the one edit it makes to an
/// existing file is the line <c>tests</c> appended to <c>.dockerignore</c>.
/// </summary>
internal static class PlanWriter
{
    public const string DockerIgnore = ".dockerignore";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The plan's files: each wanted file created or left alone, and .dockerignore; refuses a file that differs or a project init did not write.</summary>
    public static IReadOnlyList<PlannedFile> Compare(string root, IReadOnlyList<(string Path, string Content, string What)> wanted)
    {
        var foreign = Directory.Exists(Path.Combine(root, TestProject.Folder))
            ? Directory.EnumerateFiles(Path.Combine(root, TestProject.Folder), "*.*proj").Concat(Directory.EnumerateFiles(Path.Combine(root, TestProject.Folder), "*.sln*"))
                .Select(f => $"{TestProject.Folder}/{Path.GetFileName(f)}").Where(f => wanted.All(w => w.Path != f)).Order(StringComparer.Ordinal).ToList()
            : [];
        if (foreign.Count > 0)
        {
            throw new InfraTestsException($"{Path.Combine(root, foreign[0])}: a project init did not write is in {TestProject.Folder}/ already, and init never overwrites or adds beside one: move {TestProject.Folder}/ aside and run init again, or keep your project and add to it what docs/packaging.md lists.");
        }

        var differing = wanted.Where(w => File.Exists(Full(root, w.Path)) && File.ReadAllText(Full(root, w.Path)) != w.Content).Select(w => w.Path).ToList();
        if (differing.Count > 0)
        {
            var others = differing.Count > 1 ? $" (and {differing.Count - 1} more: {string.Join(", ", differing.Skip(1))})" : string.Empty;
            throw new InfraTestsException($"{Full(root, differing[0])}{others}: there already, with other content than init writes, and init never overwrites a file: move it aside (or delete it) and run init again, or leave init out and edit your files.");
        }

        var files = wanted.Select(w => new PlannedFile(w.Path, w.Content, File.Exists(Full(root, w.Path)) ? PlannedFileAction.Unchanged : PlannedFileAction.Create, w.What)).ToList();
        files.Add(DockerIgnoreFile(root));
        return files;
    }

    /// <summary>Writes the files to create or append to, all or nothing; returns them.</summary>
    public static IReadOnlyList<PlannedFile> Write(string root, IReadOnlyList<PlannedFile> files)
    {
        var work = files.Where(f => f.Action != PlannedFileAction.Unchanged).ToList();
        var created = new List<string>();
        var folders = new List<string>();
        var appended = new List<(string Path, byte[] Before)>();
        try
        {
            foreach (var file in work)
            {
                var full = Full(root, file.Path);
                if (file.Action == PlannedFileAction.Create)
                {
                    MakeFolders(Path.GetDirectoryName(full)!, folders);
                    Create(full, file.Content);
                    created.Add(full);
                }
                else
                {
                    var before = File.ReadAllBytes(full);
                    if (!file.Content.StartsWith(Utf8.GetString(before), StringComparison.Ordinal))
                    {
                        throw new IOException($"{full} changed since init read it");
                    }

                    appended.Add((full, before));
                    Text.AtomicFile.Write(full, file.Content);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            TakeBack(created, folders, appended);
            throw new InfraTestsException($"could not write the files init planned ({exception.Message}): nothing was written; run init again.", exception);
        }

        return work;
    }

    private static PlannedFile DockerIgnoreFile(string root)
    {
        const string What = "keeps the test project out of the image's build context";
        var full = Path.Combine(root, DockerIgnore);
        if (!File.Exists(full))
        {
            return new PlannedFile(DockerIgnore, $"# The test project is not part of the service: keep it out of the image.\n{TestProject.Folder}\n", PlannedFileAction.Create, What);
        }

        var text = File.ReadAllText(full);
        var lines = text.Split('\n').Select(l => l.Trim());
        return lines.Any(l => l is "tests" or "tests/" or "/tests" or "/tests/" or "tests/**" or "/tests/**")
            ? new PlannedFile(DockerIgnore, text, PlannedFileAction.Unchanged, What)
            : new PlannedFile(DockerIgnore, $"{text}{(text.Length == 0 || text.EndsWith('\n') ? string.Empty : "\n")}{TestProject.Folder}\n", PlannedFileAction.Append, What);
    }

    // Created beside and moved into place without overwriting: a file that appeared since planning fails the move.
    private static void Create(string full, string content)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temporary, Utf8.GetBytes(content));
            File.Move(temporary, full, overwrite: false);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void MakeFolders(string folder, List<string> made)
    {
        var missing = new Stack<string>();
        for (var current = folder; !Directory.Exists(current); current = Path.GetDirectoryName(current)!)
        {
            missing.Push(current);
        }

        foreach (var path in missing)
        {
            Directory.CreateDirectory(path);
            made.Add(path);
        }
    }

    private static void TakeBack(List<string> created, List<string> folders, List<(string Path, byte[] Before)> appended)
    {
        foreach (var file in created)
        {
            File.Delete(file);
        }

        foreach (var (path, before) in appended)
        {
            File.WriteAllBytes(path, before);
        }

        foreach (var folder in Enumerable.Reverse(folders).Where(f => Directory.Exists(f) && !Directory.EnumerateFileSystemEntries(f).Any()))
        {
            Directory.Delete(folder);
        }
    }

    private static string Full(string root, string relative) => Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));
}
