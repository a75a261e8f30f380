using System.Diagnostics;

namespace InfraTests.Unit.Rollout;

/// <summary>A git repository of a test's own in a temporary folder, deleted on dispose: commits made with git itself.</summary>
internal sealed class ScratchRepository : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("infratests-scratch-repo-");

    public ScratchRepository() => Git("init", "-q", "-b", "main");

    /// <summary>The repository's folder.</summary>
    public string Path => folder.FullName;

    /// <summary>Lets <paramref name="change"/> edit the work tree, commits everything and returns the commit id.</summary>
    public string Commit(string message, Action<string> change)
    {
        change(Path);
        Git("add", "-A");
        Git("-c", "user.name=Operator", "-c", "user.email=operator@example.net", "commit", "-q", "-m", message);
        return Git("rev-parse", "HEAD").Trim();
    }

    /// <summary>Runs git in the repository and returns its output; a failure fails the test with git's words.</summary>
    public string Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Path, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var git = Process.Start(start)!;
        git.StandardInput.Close();
        var output = git.StandardOutput.ReadToEnd();
        var error = git.StandardError.ReadToEnd();
        git.WaitForExit();
        return git.ExitCode == 0 ? output : throw new InvalidOperationException($"git {string.Join(' ', arguments)} exited {git.ExitCode}: {error}");
    }

    public void Dispose() => folder.Delete(recursive: true);
}
