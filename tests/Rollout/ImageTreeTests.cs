using Docker.DotNet.Models;
using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Harness.Engine;
using InfraTests.Rollout.Targets;
using InfraTests.Support;

namespace InfraTests.Rollout.Tests;

/// <summary>
/// The files an image bakes under its SERVICE_ROOT, read from the real sample image through the engine without running
/// anything: the same tree a running container of that image holds until something changes it, read once per image, and
/// no container left behind, whether the read finished, failed or was cancelled. Alone in the run: it counts this
/// process's image-reading containers, which a rollout test beside it would make too.
/// </summary>
[Collection(nameof(ImageTreeTests))]
[CollectionDefinition(nameof(ImageTreeTests), DisableParallelization = true)]
public sealed class ImageTreeTests
{
    [Fact]
    public async Task Baked_tree_is_what_an_untouched_container_of_the_image_holds_and_nothing_is_started()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartAsync(ct: ct, hosts: 1);
        var host = fleet.Hosts[0];
        using var provider = new DockerTargetProvider([Fleet.First]);
        var target = (await provider.FindAsync(TargetSelector.ByLabel(fleet.Label), ct)).Single();
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);

        var baked = await provider.ImageTreeAsync(target, ct);
        var again = await provider.ImageTreeAsync(target, ct);

        baked.Files.Should().Contain(["bin/update.sh", "bin/validate.sh", "zones/bl"]).And.NotContain(f => f.StartsWith("tests/"), "the sample's .dockerignore keeps its tests out of the image");
        var running = ServiceTree.FromTar(await provider.Open(target).ReadFolderAsync("/service", ct), "/service");
        baked.ComparedWith(running).IsEmpty.Should().BeTrue("nothing changed the container's /service since it was created from the image");
        again.Should().BeSameAs(baked, "one image is read once per provider");

        // Other tests of this process read images beside this one: each of those containers must also be made and gone,
        // unstarted. One made before the window opened (whole seconds) shows only its end there: judged are those made in it.
        var containers = (await ImageTreeActionsAsync(host.Engine, since, ct)).Where(c => c.Value.Contains("create")).ToList();
        containers.Should().NotBeEmpty().And.AllSatisfy(c => c.Value.Should().StartWith("create").And.EndWith("destroy").And.NotContain("start",
            "an image's files are read from a container that is created, never started, and removed"));
    }

    [Fact]
    public async Task Changed_file_in_a_running_container_differs_from_the_baked_tree()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartAsync(ct: ct, hosts: 1);
        var host = fleet.Hosts[0];
        (await host.Engine.ExecAsync(host.ContainerId, ["/bin/sh", "-c", "echo '# by hand' >> /service/bin/update.sh && rm /service/bin/common.sh && touch /service/zones/new"], cancellationToken: ct)).Succeeded.Should().BeTrue();
        using var provider = new DockerTargetProvider([Fleet.First]);
        var target = (await provider.FindAsync(TargetSelector.ByLabel(fleet.Label), ct)).Single();

        var baked = await provider.ImageTreeAsync(target, ct);
        var running = ServiceTree.FromTar(await provider.Open(target).ReadFolderAsync("/service", ct), "/service");

        running.ComparedWith(baked).Should().BeEquivalentTo(new TreeDifference(Added: ["zones/new"], Removed: ["bin/common.sh"], Changed: ["bin/update.sh"]));
    }

    [Fact]
    public async Task Read_cancelled_at_any_moment_leaves_no_container()
    {
        var ct = TestContext.Current.CancellationToken;
        using var engine = await DockerEngine.ConnectAsync(Fleet.First.Uri, ct);
        var cancelledAt = new List<string>();

        // Cancelled before, during and after the create and the archive read: a fresh reader each time, so nothing is cached.
        foreach (var after in new[] { 0, 2, 5, 10, 20, 40, 80, 160 })
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cancel.CancelAfter(after);
            try
            {
                await new ImageTree().ReadAsync(engine, Fleet.Image, "/service", cancel.Token);
            }
            catch (OperationCanceledException)
            {
                cancelledAt.Add($"{after} ms");
            }

            (await OursAsync(engine, ct)).Should().BeEmpty($"the read cancelled after {after} ms removes the container it made");
        }

        TestContext.Current.SendDiagnosticMessage($"image tree reads cancelled at: {string.Join(", ", cancelledAt)}");
        cancelledAt.Should().NotBeEmpty("at least the read cancelled at once was cancelled");
    }

    [Fact]
    public async Task Image_without_the_service_root_is_one_line_and_leaves_no_container()
    {
        var ct = TestContext.Current.CancellationToken;
        using var engine = await DockerEngine.ConnectAsync(Fleet.First.Uri, ct);

        var read = () => new ImageTree().ReadAsync(engine, Fleet.Image, "/no-such-root", ct);

        (await read.Should().ThrowAsync<InfraTestsException>()).Which.Message.Should().MatchRegex("^image sha256:[0-9a-f]{12} has no /no-such-root: [^\n]+$");
        (await OursAsync(engine, ct)).Should().BeEmpty();
    }

    // Containers this process made to read an image's files, still on the engine.
    private static async Task<IList<ContainerListResponse>> OursAsync(DockerEngine engine, CancellationToken ct) =>
        await engine.Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [ImageTree.ReadLabel] = true, [$"{ResourceLabels.Run}={ResourceLabels.RunId}"] = true },
            },
        }, ct);

    // What the engine did to each container made to read an image's files by this process since `since`, in order.
    private static async Task<IReadOnlyDictionary<string, List<string>>> ImageTreeActionsAsync(DockerEngine engine, DateTimeOffset since, CancellationToken ct)
    {
        var actions = new Actions();
        await engine.Client.System.MonitorEventsAsync(new ContainerEventsParameters
        {
            Since = since.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            Until = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["type"] = new Dictionary<string, bool> { ["container"] = true },
                ["label"] = new Dictionary<string, bool> { [ImageTree.ReadLabel] = true, [$"{ResourceLabels.Run}={ResourceLabels.RunId}"] = true },
            },
        }, actions, ct);
        return actions.Seen;
    }

    // Collects events as they arrive, on the reading thread (Progress<T> would post them later).
    private sealed class Actions : IProgress<Message>
    {
        public Dictionary<string, List<string>> Seen { get; } = [];

        public void Report(Message value)
        {
            if (!Seen.TryGetValue(value.Actor.ID, out var actions))
            {
                Seen[value.Actor.ID] = actions = [];
            }

            actions.Add(value.Action);
        }
    }
}
