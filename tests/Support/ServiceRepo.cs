using System.Diagnostics;
using System.Formats.Tar;
using Docker.DotNet.Models;
using InfraTests.Harness.Engine;

namespace InfraTests.Support;

/// <summary>
/// A service repo as the operator keeps it, in a temporary folder: a git repository whose first commit is the rbldnsd
/// sample exactly as the production image baked it (read from the image), ready for new commits.
/// </summary>
public sealed class ServiceRepo : IDisposable
{
    private ServiceRepo(string path) => Path = path;

    /// <summary>The repository's folder; give it to a rollout as the service root or clone it.</summary>
    public string Path { get; }

    /// <summary>The commit production's image was built from.</summary>
    public string Base { get; private set; } = string.Empty;

    /// <summary>
    /// Creates the repository with production's commit: what the fleet's image (<see cref="Fleet.Image"/> on this machine's
    /// engine) bakes, so that a revision of data is data however that image was built (rollouts refuse code that differs
    /// from the image, docs/rollout.md). Dispose it to delete the folder.
    /// </summary>
    public static ServiceRepo Create() => Task.Run(async () =>
    {
        // bound: reading a created container's /service is a few engine calls; two minutes covers a busy engine.
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var engine = await DockerEngine.ConnectAsync(bound.Token);
        return await FromImageAsync(engine, Fleet.Image, bound.Token);
    }).GetAwaiter().GetResult();

    /// <summary>
    /// A service repo whose first commit is exactly what <paramref name="image"/> bakes under <c>/service</c> (read from a
    /// container created from it, never started, then removed; <paramref name="serviceRoot"/> for an image whose
    /// SERVICE_ROOT is elsewhere): production's commit for a fleet of that image, whichever build of the sample the image
    /// is. Dispose it to delete the folder.
    /// </summary>
    public static async Task<ServiceRepo> FromImageAsync(DockerEngine engine, string image, CancellationToken ct, string serviceRoot = "/service")
    {
        var repo = new ServiceRepo(Directory.CreateTempSubdirectory("infratests-service-repo-").FullName);
        var created = await engine.Client.Containers.CreateContainerAsync(new CreateContainerParameters { Image = image, Labels = ResourceLabels.For("service-repo").ToDictionary(), NetworkDisabled = true }, ct);
        try
        {
            var archive = await engine.Client.Containers.GetArchiveFromContainerAsync(created.ID, new ContainerPathStatParameters { Path = serviceRoot }, statOnly: false, ct);
            using var tar = new MemoryStream();
            await (archive.Stream ?? Stream.Null).CopyToAsync(tar, ct);
            tar.Position = 0;
            using var reader = new TarReader(tar);
            while (await reader.GetNextEntryAsync(cancellationToken: ct) is { } entry)
            {
                var relative = entry.Name.TrimEnd('/') is var name && name.Contains('/') ? name[(name.IndexOf('/') + 1)..] : string.Empty;
                var target = System.IO.Path.Combine(repo.Path, relative);
                switch (entry.EntryType)
                {
                    case TarEntryType.Directory:
                        Directory.CreateDirectory(target);
                        break;
                    case TarEntryType.SymbolicLink:
                        File.CreateSymbolicLink(target, entry.LinkName);
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                        await entry.ExtractToFileAsync(target, overwrite: true, ct);
                        break;
                }
            }
        }
        finally
        {
            await engine.Client.Containers.RemoveContainerAsync(created.ID, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }

        Run(repo.Path, "git", "init", "-q", "-b", "main");
        repo.Base = repo.Commit("production: what the image bakes", _ => { });
        return repo;
    }

    /// <summary>
    /// A brand-new service repo made from the committed files of <c>samples/<paramref name="sample"/></c> less
    /// <paramref name="leaveOut"/> (its <c>tests</c>, its <c>infratests.yaml</c>), with the modes a clone gives them (644, 755
    /// for scripts) and one commit: a repo as it is before <c>infratests init</c>. Dispose it to delete the folder.
    /// </summary>
    public static ServiceRepo FromSample(string sample, params string[] leaveOut)
    {
        var repo = new ServiceRepo(Directory.CreateTempSubdirectory($"infratests-{sample}-repo-").FullName);

        // A temporary folder is made 700; a clone is 755, and a daemon that drops root (BIND runs as bind) must read it.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(repo.Path, (UnixFileMode)Convert.ToInt32("755", 8));
        }

        var archive = Run(Checkout(), "git", "-c", "tar.umask=0022", "archive", "--format=tar", $"HEAD:samples/{sample}");
        TarFile.ExtractToDirectory(new MemoryStream(archive), repo.Path, overwriteFiles: true);
        foreach (var path in leaveOut.Select(p => System.IO.Path.Combine(repo.Path, p)))
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }
        }

        Run(repo.Path, "git", "init", "-q", "-b", "main");
        repo.Base = repo.Commit($"the {sample} service, before InfraTests", _ => { });
        return repo;
    }

    /// <summary>Every file of the tree but .git, with its bytes, by path relative to the repo: to compare the tree before and after.</summary>
    public IReadOnlyDictionary<string, byte[]> Files() => Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)
        .Where(f => !System.IO.Path.GetRelativePath(Path, f).StartsWith(".git" + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
        .ToDictionary(f => System.IO.Path.GetRelativePath(Path, f), File.ReadAllBytes, StringComparer.Ordinal);

    /// <summary>Edits the tree and commits; returns the new commit.</summary>
    public string Commit(string message, Action<string> edit)
    {
        edit(Path);
        Run(Path, "git", "add", "-A");
        Run(Path, "git", "-c", "user.name=Operator", "-c", "user.email=operator@example.net", "commit", "-q", "--allow-empty", "-m", message);
        return System.Text.Encoding.UTF8.GetString(Run(Path, "git", "rev-parse", "HEAD")).Trim();
    }

    /// <summary>Appends lines to a file of the tree.</summary>
    public static void Append(string tree, string path, params string[] lines) =>
        File.AppendAllText(System.IO.Path.Combine(tree, path), string.Join('\n', lines) + "\n");

    /// <summary>Deletes the repository's folder.</summary>
    public void Dispose() => Directory.Delete(Path, recursive: true);

    private static string Checkout()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "InfraTests.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("the InfraTests checkout was not found above the test assembly");
    }

    /// <summary>Runs <paramref name="program"/> in <paramref name="folder"/> and returns its output, or throws with its error when it fails; for git commands a test needs beyond a commit.</summary>
    public static byte[] Run(string folder, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var output = new MemoryStream();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        return process.ExitCode == 0 ? output.ToArray() : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {error.Result}");
    }
}
