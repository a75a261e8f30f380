using System.Runtime.Versioning;
using FluentAssertions;
using InfraTests.Rollout;

namespace InfraTests.Unit.Rollout;

/// <summary>
/// A gate command (the service repo's own test suite, say) stopped by Ctrl+C or the webhook's shutdown: it and every
/// process it started are gone when the gate returns, so "nothing was left running" is true. A real shell and real sleeps.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class RevisionGateProcessTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("infratests-gate-");

    [Fact]
    public async Task Cancelled_gate_command_leaves_no_process_of_it_alive()
    {
        using var revision = Revision.FromFolder(folder.FullName);
        using var ctrlC = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var gate = RevisionGate.Command("echo $$ > shell.pid; sleep 300 & echo $! > background.pid; sleep 300");
        var check = gate.CheckAsync(revision, new Progress<string>(), ctrlC.Token);
        var pids = await PidsAsync(check);

        await ctrlC.CancelAsync();

        // bound: a guard on the wait for the gate to return (the event). 60 s only turns a hang into a failure: stopping the
        // gate kills at once, milliseconds on an idle machine and a second or two on a loaded 2-core one.
        await ((Func<Task>)(() => check.WaitAsync(TimeSpan.FromSeconds(60)))).Should().ThrowAsync<OperationCanceledException>();
        pids.Should().HaveCountGreaterThanOrEqualTo(3, "the shell, its background sleep and its foreground sleep ran");
        HostProcesses.Alive(pids).Should().BeEmpty("the gate's shell and every process it started must be gone when the gate returns");
    }

    public void Dispose() => folder.Delete(recursive: true);

    // The shell's pid, its background sleep's and its children's, once the shell has written both files.
    // bound: a poll for those (the event), every 50 ms; 30 s is how long a shell start may take on a machine under load
    // (milliseconds on an idle one).
    private async Task<IReadOnlyList<int>> PidsAsync(Task check)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!check.IsCompleted && DateTime.UtcNow < deadline)
        {
            var shell = Path.Combine(folder.FullName, "shell.pid");
            var background = Path.Combine(folder.FullName, "background.pid");
            if (File.Exists(background) && int.TryParse(File.ReadAllText(shell), out var sh) && int.TryParse(File.ReadAllText(background), out var bg))
            {
                // The foreground sleep starts just after the background pid is written: wait for it to be the shell's child.
                var children = HostProcesses.ChildrenOf(sh);
                if (children.Count >= 2)
                {
                    return [sh, bg, .. children];
                }
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        throw new InvalidOperationException($"the gate's shell did not start its two sleeps within 30 s (finished: {check.IsCompleted})");
    }
}
