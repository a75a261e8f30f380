using System.Text.Json;
using Docker.DotNet.Models;
using FluentAssertions;
using InfraTests.Rollout;
using InfraTests.Rollout.Targets;
using InfraTests.Support;

namespace InfraTests.Rollout.Tests;

/// <summary>
/// The record each rollout leaves on its targets (<see cref="DeployedRevision.PathOnTarget"/>): it names the revision the
/// target's SERVICE_ROOT holds, and a target put back on its kept tree gets its previous record back with it.
/// </summary>
public sealed class DeployedRevisionTests
{
    [Fact]
    public async Task Rollout_records_its_revision_on_each_target_and_a_restored_target_gets_its_previous_record_back()
    {
        var ct = TestContext.Current.CancellationToken;
        // host-3 refuses zones 15 lines longer than production's: the second revision (42 lines more) fails there and
        // host-3 is put back.
        using var repo = ServiceRepo.Create();
        var production = File.ReadLines(Path.Combine(repo.Path, "zones", "bl")).Count();
        await using var fleet = await Fleet.StartAsync(n => n == 3 ? [$"MAX_ZONE_LINES={production + 14}"] : [], ct, hosts: 3);
        var first = repo.Commit("list first.example.net", tree => ServiceRepo.Append(tree, "zones/bl", "$DATASET dnset:senderhost senderhost", "first.example.net"));
        using var provider = new DockerTargetProvider([Fleet.First]);
        foreach (var host in fleet.Hosts)
        {
            (await RecordAsync(host, ct)).Should().BeNull($"{host.Name} runs the image's baked tree: no rollout has written a record yet");
        }

        string firstId;
        using (var source = await Revision.FromGitAsync(repo.Path, "main", cancellationToken: ct))
        {
            var record = await RolloutPlan.For(source).WithTargets(provider, TargetSelector.ByLabel(fleet.Label)).WithoutProbe().RunAsync(ct);
            firstId = record.Id;
        }

        foreach (var host in fleet.Hosts)
        {
            var deployed = await RecordAsync(host, ct);
            deployed.Should().NotBeNull();
            deployed!.Revision.Should().Be(first);
            deployed.Subject.Should().Be("list first.example.net");
            deployed.Rollout.Should().Be(firstId);
        }

        var second = repo.Commit("list 40 more hosts", tree => ServiceRepo.Append(tree, "zones/bl", ["$DATASET dnset:senderhost senderhost", .. Enumerable.Range(1, 40).Select(i => $"bulk{i}.example.net")]));
        using (var source = await Revision.FromGitAsync(repo.Path, "main", cancellationToken: ct))
        {
            var stopped = await RolloutPlan.For(source).WithTargets(provider, TargetSelector.ByLabel(fleet.Label)).WithoutProbe().RunAsync(ct);
            stopped.Targets.Select(t => t.State).Should().Equal(TargetState.Updated, TargetState.Updated, TargetState.Restored);
        }

        (await RecordAsync(fleet.Hosts[0], ct))!.Revision.Should().Be(second, "host-1 holds the second revision now");
        (await RecordAsync(fleet.Hosts[2], ct))!.Revision.Should().Be(first, "host-3 was put back on the first revision, and its record with it");
    }

    private static async Task<DeployedRevision?> RecordAsync(Fleet.Host host, CancellationToken ct)
    {
        try
        {
            var response = await host.Engine.Client.Containers.GetArchiveFromContainerAsync(host.ContainerId, new ContainerPathStatParameters { Path = DeployedRevision.PathOnTarget }, false, ct);
            using var tar = new MemoryStream();
            await (response.Stream ?? Stream.Null).CopyToAsync(tar, ct);
            tar.Position = 0;
            using var reader = new System.Formats.Tar.TarReader(tar);
            var entry = await reader.GetNextEntryAsync(cancellationToken: ct);
            return JsonSerializer.Deserialize<DeployedRevision>(entry!.DataStream!, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }
        catch (Docker.DotNet.DockerContainerNotFoundException)
        {
            return null;
        }
    }
}
