using System.Net;
using Docker.DotNet.Models;
using DnsClient;
using FluentAssertions;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Services;
using InfraTests.Rollout.Targets;
using InfraTests.Support;

namespace InfraTests.Rollout.Tests;

/// <summary>
/// <see cref="InsideProbe"/> against a real rbldnsd through the real engine: questions asked at once are each answered by
/// the daemon inside the container, carried by far fewer execs than questions; a daemon that stopped answering leaves the
/// question unanswered and the probe says why.
/// </summary>
public sealed class InsideProbeTests
{
    [Fact]
    public async Task Forty_questions_asked_at_once_are_each_answered_from_inside_in_a_few_execs()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartAsync(ct: ct, hosts: 1);
        var host = fleet.Hosts[0];
        using var probe = new InsideProbe(new EngineExec(host.Engine, host.ContainerId), 53);
        var client = Client(probe.Address, TimeSpan.FromSeconds(15));
        var since = DateTimeOffset.UtcNow;

        var listed = Enumerable.Range(0, 20).Select(_ => client.QueryAsync("sh8.mailingliststart.com.senderhost.bl.rbl", QueryType.TXT, cancellationToken: ct));
        var clean = Enumerable.Range(0, 20).Select(i => client.QueryAsync($"clean-{i}.example.net.senderhost.bl.rbl", QueryType.A, cancellationToken: ct));
        var answers = await Task.WhenAll(listed.Concat(clean));

        answers.Take(20).Should().OnlyContain(a => a.Answers.TxtRecords().Single().Text.Single() == "Excessive spam from this host", "each listed name gets its own TXT");
        answers.Skip(20).Select(a => a.Questions.Single().QueryName.Value).Should().Equal(Enumerable.Range(0, 20).Select(i => $"clean-{i}.example.net.senderhost.bl.rbl."), "each answer goes back to the question it answers");
        answers.Skip(20).Should().OnlyContain(a => a.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain);
        probe.Problem.Should().BeNull();
        var execs = await ExecsSinceAsync(host, since, ct);
        execs.Should().BeInRange(1, 10, "questions that arrive while an exec runs go together in the next one, not one exec each (40)");
        TestContext.Current.SendDiagnosticMessage($"40 questions through the inside probe: {execs} execs");
    }

    [Fact]
    public async Task A_daemon_that_stopped_answering_leaves_the_question_unanswered_and_the_probe_says_why()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartAsync(ct: ct, hosts: 1);
        var host = fleet.Hosts[0];
        await using var frozen = await FrozenDaemon.StopAsync(host.ContainerId, ct);
        using var probe = new InsideProbe(new EngineExec(host.Engine, host.ContainerId), 53);

        // bound: the relay gives the daemon 3 s inside; the client waits 10 s for the exec around it.
        var ask = () => Client(probe.Address, TimeSpan.FromSeconds(10)).QueryAsync("sh8.mailingliststart.com.senderhost.bl.rbl", QueryType.A, cancellationToken: ct);

        await ask.Should().ThrowAsync<DnsResponseException>();
        probe.Problem.Should().Be("no answer on 127.0.0.1:53/udp inside the target within 3 s");
    }

    private static LookupClient Client(IPEndPoint address, TimeSpan timeout) =>
        new(new LookupClientOptions(new NameServer(address)) { UseCache = false, Recursion = false, Retries = 0, Timeout = timeout, ThrowDnsErrors = false, UseTcpFallback = false });

    // The execs the engine started in the host's container since then, from its own event log.
    private static async Task<int> ExecsSinceAsync(Fleet.Host host, DateTimeOffset since, CancellationToken ct)
    {
        var starts = new Counter();
        var filters = new Dictionary<string, IDictionary<string, bool>>
        {
            ["container"] = new Dictionary<string, bool> { [host.ContainerId] = true },
            ["event"] = new Dictionary<string, bool> { ["exec_start"] = true },
        };
        var until = DateTimeOffset.UtcNow.AddSeconds(1);
        await host.Engine.Client.System.MonitorEventsAsync(
            new ContainerEventsParameters { Since = since.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), Until = until.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), Filters = filters },
            starts,
            ct);
        return starts.Count;
    }

    // Counts as each message comes: Progress<T> would count later, on the thread pool, after the stream has returned.
    private sealed class Counter : IProgress<Message>
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public void Report(Message value) => Interlocked.Increment(ref count);
    }

    // The engine's exec into the container, all the probe uses of a target's access.
    private sealed class EngineExec(DockerEngine engine, string containerId) : ITargetAccess
    {
        public Task<CommandResult> ExecAsync(IReadOnlyList<string> command, CancellationToken cancellationToken = default) =>
            engine.ExecAsync(containerId, command, cancellationToken: cancellationToken);

        public Task<byte[]> ReadFolderAsync(string path, CancellationToken cancellationToken = default) => throw new NotSupportedException("the probe only runs commands");

        public Task WriteTarAsync(string path, byte[] tar, CancellationToken cancellationToken = default) => throw new NotSupportedException("the probe only runs commands");
    }
}
