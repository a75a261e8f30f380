using System.Diagnostics;
using System.Net;
using FluentAssertions;
using InfraTests.Rollout;
using InfraTests.Support;

namespace InfraTests.Cli.Tests;

/// <summary>
/// The webhook on a Swarm service: a signed push passes the gate and reaches every running task of the service, found
/// through the manager and each asked inside (tasks publish no port), as it reaches containers on engines.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SwarmWebhookTests
{
    private const string Secret = "swarm webhook secret";

    [Fact]
    public async Task Signed_push_reaches_every_task_of_the_swarm_service()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var service = await SwarmFleet.StartAsync(Fleet.Image, 3, ct, prefix: "hook");
        using var repo = ServiceRepo.Create();
        var scratch = Directory.CreateTempSubdirectory("infratests-swarm-webhook-").FullName;
        var forge = Path.Combine(scratch, "forge.git");
        ServiceRepo.Run(scratch, "git", "clone", "-q", "--bare", repo.Path, forge);
        var pushed = repo.Commit("list swarm-pushed.example.net", tree => ServiceRepo.Append(tree, "zones/bl", "$DATASET dnset:senderhost senderhost", "swarm-pushed.example.net :127.0.0.2:Pushed to the swarm"));
        ServiceRepo.Run(repo.Path, "git", "push", "-q", forge, $"{pushed}:refs/heads/main");
        File.WriteAllText(Path.Combine(scratch, "secret"), Secret + "\n");
        File.SetUnixFileMode(Path.Combine(scratch, "secret"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var tasks = await service.RunningTasksAsync(ct);
        foreach (var task in tasks)
        {
            (await service.ReasonAsync(task.ContainerId, "swarm-pushed.example.net", ct)).Should().BeNull("no task lists it before the push");
        }

        using var receiver = WebhookProcess.Start([
            "--secret-file", Path.Combine(scratch, "secret"), "--listen", "127.0.0.1:0", "--deliveries", Path.Combine(scratch, "deliveries.log"),
            "--repository", forge, "--swarm-service", service.Name, "--context", "default", "--records", Path.Combine(scratch, "records")]);
        using var http = new HttpClient();

        (await WebhookProcess.PostAsync(http, await receiver.EndpointAsync(), WebhookProcess.Push(pushed), "swarm-1", Secret)).Status.Should().Be(HttpStatusCode.Accepted);

        // bound: polls the records folder for the rollout's record (the event: it is written as the rollout ends), every
        // 100 ms; gate and three tasks asked inside take seconds, two minutes leave room for a loaded shared CI machine.
        var clock = Stopwatch.StartNew();
        RolloutRecord? record = null;
        while (record?.Revision != pushed)
        {
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromMinutes(2), "the push is rolled out to the service's tasks: {0}", receiver);
            await Task.Delay(100, ct);
            record = Directory.Exists(Path.Combine(scratch, "records")) && Directory.EnumerateFiles(Path.Combine(scratch, "records"), "*.json").Any()
                ? RolloutRecords.Load(Path.Combine(scratch, "records"), "latest")
                : null;
        }

        record.Should().BeEquivalentTo(new { Revision = pushed, Result = RolloutResult.Completed }, "{0}", receiver);
        record.Targets.Select(t => t.Target).Should().BeEquivalentTo(tasks.Select(t => $"{Environment.MachineName}/{service.Name}.{t.Slot}"), "each task is a target, named node/service.slot");
        foreach (var task in tasks)
        {
            (await service.ReasonAsync(task.ContainerId, "swarm-pushed.example.net", ct)).Should().Be("Pushed to the swarm", "task {0} was rolled out to", task.Slot);
        }

        receiver.Stop().Should().Be(0);
        receiver.ToString().Should().NotContain(Secret);
        TestContext.Current.TestOutputHelper?.WriteLine(receiver.ToString());
        Directory.Delete(scratch, recursive: true);
    }
}
