using System.Text;
using InfraTests.Harness;

namespace InfraTests.Harness.Snapshots;

/// <summary>
/// The snapshot files on disk: reading verified text, writing atomically, and accepting received files in bulk. Use
/// <see cref="AcceptAll(string)"/> from a command that accepts every pending change after a test run.
/// </summary>
public static class SnapshotFiles
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Moves every <c>*.received.txt</c> under <paramref name="directory"/> onto its <c>*.verified.txt</c> and returns the
    /// verified files written, in path order. Refuses under CI, where nothing is ever accepted.
    /// </summary>
    /// <exception cref="InfraTestsException">This runs under CI, or <paramref name="directory"/> does not exist.</exception>
    public static IReadOnlyList<string> AcceptAll(string directory) => AcceptAll(directory, BuildServer.Detect(Environment.GetEnvironmentVariable));

    internal static IReadOnlyList<string> AcceptAll(string directory, BuildServer buildServer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (buildServer.IsCi)
        {
            throw new InfraTestsException($"Refusing to accept snapshots under CI ({buildServer.Variable} is set): run the tests locally, accept there and commit the verified files.");
        }

        if (!Directory.Exists(directory))
        {
            throw new InfraTestsException($"Cannot accept snapshots in {directory}: there is no such directory.");
        }

        var accepted = new List<string>();
        var received = Directory.EnumerateFiles(directory, "*" + SnapshotLocation.ReceivedSuffix, new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true });
        foreach (var file in received.Order(StringComparer.Ordinal))
        {
            var verified = file[..^SnapshotLocation.ReceivedSuffix.Length] + SnapshotLocation.VerifiedSuffix;
            File.Move(file, verified, overwrite: true);
            accepted.Add(verified);
        }

        return accepted;
    }

    /// <summary>The verified text, normalised, or <see langword="null"/> when there is no verified file yet.</summary>
    internal static async Task<string?> ReadAsync(string path)
    {
        return File.Exists(path) ? SnapshotText.Normalize(await File.ReadAllTextAsync(path, Utf8).ConfigureAwait(false)) : null;
    }

    internal static void DeleteIfExists(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
