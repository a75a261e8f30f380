using System.Runtime.Versioning;
using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Rollout;

namespace InfraTests.Unit.Rollout;

/// <summary>
/// git, as a rollout and the webhook run it to fetch a pushed revision into their mirror: it never asks anyone for
/// credentials, never waits past its timeout, and when it is stopped (timeout or Ctrl+C) no git process is left running.
/// Real git against a real HTTP listener on 127.0.0.1.
/// </summary>
[SupportedOSPlatform("linux")]
[Collection(nameof(ProcessEnvironment))]
public sealed class RevisionFetchTests : IDisposable
{
    private const string Missing = "0123456789abcdef0123456789abcdef01234567";
    private readonly ScratchRepository repository = new();
    private readonly string asked;

    public RevisionFetchTests()
    {
        repository.Commit("first", tree => File.WriteAllText(Path.Combine(tree, "data"), "1\n"));

        // A prompt nobody answers, as a desktop's password dialog or a helper waiting on a terminal would be: it notes it
        // was asked, then waits five minutes.
        asked = Path.Combine(repository.Path, ".git", "asked");
        var prompt = Path.Combine(repository.Path, ".git", "prompt.sh");
        File.WriteAllText(prompt, $"#!/bin/sh\necho \"$*\" >> '{asked}'\nsleep 300\n");
        File.SetUnixFileMode(prompt, (UnixFileMode)0b111_000_000);
        repository.Git("config", "core.askPass", prompt);
        repository.Git("config", "credential.helper", $"!{prompt}");
    }

    [Fact]
    public async Task Fetch_from_a_remote_that_asks_for_credentials_fails_at_once_and_asks_nobody()
    {
        using var remote = LoopbackRemote.AskingForCredentials();
        repository.Git("remote", "add", "origin", remote.Url);

        // bound: bounded so the old behaviour (waiting on the prompt) fails here instead of hanging the run; git refused by a
        // 401 answers within a second, 60 s leaves room for a machine under load.
        var export = () => Revision.FromGitAsync(repository.Path, Missing, string.Empty, fetch: true, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60));

        (await export.Should().ThrowAsync<InfraTestsException>()).Which.Message.Should()
            .StartWith($"revision '{Missing}' is not in {repository.Path}, and fetching it failed").And.NotContain("\n");
        File.Exists(asked).Should().BeFalse("git must never ask for credentials, but it asked: {0}", File.Exists(asked) ? File.ReadAllText(asked) : string.Empty);
        HostProcesses.Alive(HostProcesses.WithMarker(remote.Url)).Should().BeEmpty("no git process of the fetch is left running");
    }

    [Fact]
    public async Task Fetch_from_a_remote_that_never_answers_is_stopped_at_its_timeout_with_every_git_process()
    {
        using var remote = LoopbackRemote.Silent();
        repository.Git("remote", "add", "origin", remote.Url);
        var before = Environment.GetEnvironmentVariable("INFRATESTS_GIT_TIMEOUT");
        Environment.SetEnvironmentVariable("INFRATESTS_GIT_TIMEOUT", "3");
        try
        {
            var export = Revision.FromGitAsync(repository.Path, Missing, string.Empty, fetch: true, TestContext.Current.CancellationToken);
            var seen = await WhileRunningAsync(export, remote.Url);

            // bound: 60 s: the fetch's own timeout is 3 s; the rest is room for a loaded machine. Without a timeout git waits forever.
            var ended = () => export.WaitAsync(TimeSpan.FromSeconds(60));

            (await ended.Should().ThrowAsync<InfraTestsException>()).Which.Message.Should()
                .StartWith($"revision '{Missing}' is not in {repository.Path}, and fetching it failed: git fetch did not finish within 3.00 s");
            seen.Should().NotBeEmpty("git and its remote helper ran while the fetch waited");
            HostProcesses.Alive(seen).Should().BeEmpty("every process of the fetch was stopped with it");
        }
        finally
        {
            Environment.SetEnvironmentVariable("INFRATESTS_GIT_TIMEOUT", before);
        }
    }

    [Fact]
    public async Task Fetch_cancelled_by_ctrl_c_leaves_no_git_process_running()
    {
        using var remote = LoopbackRemote.Silent();
        repository.Git("remote", "add", "origin", remote.Url);
        using var ctrlC = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var export = Revision.FromGitAsync(repository.Path, Missing, string.Empty, fetch: true, ctrlC.Token);
        var seen = await WhileRunningAsync(export, remote.Url);

        await ctrlC.CancelAsync();

        // bound: 60 s, as above: cancelling kills at once; the bound only turns a hang into a failure.
        await ((Func<Task>)(() => export.WaitAsync(TimeSpan.FromSeconds(60)))).Should().ThrowAsync<OperationCanceledException>();
        seen.Should().NotBeEmpty("git and its remote helper ran while the fetch waited");
        HostProcesses.Alive(seen).Should().BeEmpty("Ctrl+C says nothing was left running, so every git process must be gone when it returns");
    }

    public void Dispose() => repository.Dispose();

    // The pids of the fetch's processes (git itself, its remote helper), gathered until the helper has connected.
    // bound: a poll for the helper (the event), every 50 ms; 30 s is how long a git start may take on a machine under load
    // (it takes milliseconds on an idle one).
    private async Task<IReadOnlyList<int>> WhileRunningAsync(Task export, string url)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var seen = new HashSet<int>();
        while (!export.IsCompleted && DateTime.UtcNow < deadline)
        {
            var helpers = HostProcesses.WithMarker(url);
            seen.UnionWith(helpers);
            seen.UnionWith(helpers.SelectMany(HostProcesses.ChildrenOf));
            if (helpers.Count > 0)
            {
                seen.UnionWith(HostProcesses.WithMarker(repository.Path));
                return [.. seen];
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return [.. seen];
    }
}
