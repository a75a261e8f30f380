using System.Runtime.Versioning;
using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Rollout;
using InfraTests.Rollout.Targets;
using InfraTests.Unit.Rendering;

namespace InfraTests.Unit.Rollout;

/// <summary>
/// A rollout sends data, not code: a revision is compared with what each target's image bakes before anything changes,
/// one that changes code is refused whole, and one that changes only data writes and removes only data.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class DataOnlyRolloutTests : IDisposable
{
    // What the image bakes, and what each target holds before the rollout (a script added by hand in bin/ too).
    private static readonly Dictionary<string, string> Baked = new(StringComparer.Ordinal)
    {
        ["Dockerfile"] = "FROM rbldnsd\n",
        ["bin/update.sh"] = "#!/bin/sh\nexit 0\n",
        ["zones/bl"] = "old.example :127.0.0.2:old\n",
        ["zones/old"] = "gone.example\n",
    };

    private static readonly Dictionary<string, string> OnTarget = new(Baked, StringComparer.Ordinal) { ["bin/by-hand.sh"] = "#!/bin/sh\n" };

    private readonly TemporaryServiceRoot tree = new(("Dockerfile", "FROM rbldnsd\n"), ("bin/update.sh", "#!/bin/sh\nexit 0\n"), ("zones/bl", "new.example :127.0.0.2:new\n"));
    private readonly ProgressLines progress = new();

    public void Dispose() => tree.Dispose();

    [Fact]
    public async Task Data_only_revision_writes_and_removes_only_data()
    {
        var fleet = Fleet(2);
        using var revision = Revision.FromFolder(tree.Path);

        var record = await Plan(revision, fleet).RunAsync(TestContext.Current.CancellationToken);

        record.Result.Should().Be(RolloutResult.Completed);
        foreach (var access in new[] { fleet[1], fleet[2] })
        {
            access.Written.Select(TarContents.Read).Single(tar => tar.Any(e => e.Name.StartsWith("service/", StringComparison.Ordinal)))
                .Select(e => e.Name).Should().Equal(["service/zones/bl"], "only the data goes in (the other tar written is the rollout's record on the target)");
            access.Tree.Should().Equal(new Dictionary<string, string>(OnTarget) { ["zones/bl"] = "new.example :127.0.0.2:new\n" }.Where(f => f.Key != "zones/old"),
                "zones/old is data the revision no longer has; bin/by-hand.sh is code, never removed by a rollout of data");
            access.Calls[0].Should().Be("image /service", "the image is read before anything else");
        }
    }

    [Fact]
    public async Task Revision_that_changes_a_script_is_refused_before_any_target_changes()
    {
        tree.Put("bin/update.sh", "#!/bin/sh\necho changed\n");
        tree.Put("bin/new.sh", "#!/bin/sh\n");
        var fleet = Fleet(3);
        using var revision = Revision.FromFolder(tree.Path);

        var run = () => Plan(revision, fleet).RunAsync(TestContext.Current.CancellationToken);

        (await run.Should().ThrowAsync<InfraTestsException>())
            .WithMessage($"revision {revision.ShortId} changes files outside DATA_PATHS that the targets' image bakes, on dc1/host1, dc1/host2, dc1/host3 (image rbldnsd:prod, the default DATA_PATHS (all but Dockerfile*, .dockerignore, executable files, bin/)): bin/new.sh (added), bin/update.sh (changed): code needs a new image; build and deploy one, or give --send-code to send the whole tree. Nothing was rolled out.");
        new[] { fleet[1], fleet[2], fleet[3] }.Should().AllSatisfy(access => access.Calls.Should().Equal(["image /service"], "each image is read, nothing else"));
        new[] { fleet[1], fleet[2], fleet[3] }.Should().AllSatisfy(access => access.IsLocked.Should().BeFalse());
    }

    [Fact]
    public async Task Dry_run_says_what_would_be_refused_and_what_would_be_sent()
    {
        using var revision = Revision.FromFolder(tree.Path);
        var fleet = Fleet(1);

        await Plan(revision, fleet).AsDryRun().RunAsync(TestContext.Current.CancellationToken);
        tree.Put("Dockerfile", "FROM rbldnsd:next\n");
        using var code = Revision.FromFolder(tree.Path);
        var refused = () => Plan(code, fleet).AsDryRun().RunAsync(TestContext.Current.CancellationToken);

        progress.Should().Contain($"would copy 1 data files of {revision.ShortId} into dc1/host1:/service (2 files outside DATA_PATHS left as the image baked them), run /service/bin/update.sh, /service/bin/validate.sh");
        (await refused.Should().ThrowAsync<InfraTestsException>()).WithMessage("*: Dockerfile (changed): code needs a new image*");
        fleet[1].Calls.Should().OnlyContain(c => c == "image /service", "a dry run reads the image and changes nothing");
    }

    [Fact]
    public async Task With_code_the_whole_tree_goes_out()
    {
        tree.Put("bin/update.sh", "#!/bin/sh\necho changed\n");
        var fleet = Fleet(1);
        using var revision = Revision.FromFolder(tree.Path);

        var record = await Plan(revision, fleet).WithCode().RunAsync(TestContext.Current.CancellationToken);

        record.Result.Should().Be(RolloutResult.Completed);
        fleet[1].Tree.Should().Equal(new Dictionary<string, string>
        {
            ["Dockerfile"] = "FROM rbldnsd\n",
            ["bin/update.sh"] = "#!/bin/sh\necho changed\n",
            ["zones/bl"] = "new.example :127.0.0.2:new\n",
        }, "the whole tree, as before DATA_PATHS: what the revision lacks is removed, code too");
        fleet[1].Calls.Should().NotContain(c => c.StartsWith("image ", StringComparison.Ordinal), "with code included there is nothing to compare");
    }

    [Fact]
    public async Task Target_whose_image_cannot_be_read_is_refused_unless_code_may_go()
    {
        var fleet = new FakeFleet([(FakeFleet.Target("host1"), new FakeTargetAccess("/service", OnTarget))]);
        var blind = new BlindFleet(fleet);
        using var revision = Revision.FromFolder(tree.Path);

        var run = () => Plan(revision, blind).RunAsync(TestContext.Current.CancellationToken);

        (await run.Should().ThrowAsync<InfraTestsException>()).WithMessage("dc1/host1: the files its image bakes cannot be read through this target provider*give --send-code*");
        (await Plan(revision, blind).WithCode().RunAsync(TestContext.Current.CancellationToken)).Result.Should().Be(RolloutResult.Completed);
    }

    private static FakeFleet Fleet(int hosts) =>
        new([.. Enumerable.Range(1, hosts).Select(n => (FakeFleet.Target($"host{n}"), new FakeTargetAccess("/service", OnTarget, Baked)))]);

    private RolloutPlan Plan(Revision revision, ITargetProvider fleet) =>
        RolloutPlan.For(revision).WithTargets(fleet, TargetSelector.ByLabel("service=rbldnsd")).WithoutProbe().WithProgress(progress);

    // A provider whose targets' access cannot read images (as a plug-in provider that predates it).
    private sealed class BlindFleet(FakeFleet fleet) : ITargetProvider
    {
        public Task<IReadOnlyList<RolloutTarget>> FindAsync(TargetSelector selector, CancellationToken cancellationToken = default) => fleet.FindAsync(selector, cancellationToken);

        public ITargetAccess Open(RolloutTarget target) => new Blind(fleet.Open(target));

        private sealed class Blind(ITargetAccess access) : ITargetAccess
        {
            public Task<byte[]> ReadFolderAsync(string path, CancellationToken cancellationToken = default) => access.ReadFolderAsync(path, cancellationToken);

            public Task WriteTarAsync(string path, byte[] tar, CancellationToken cancellationToken = default) => access.WriteTarAsync(path, tar, cancellationToken);

            public Task<InfraTests.Harness.Engine.CommandResult> ExecAsync(IReadOnlyList<string> command, CancellationToken cancellationToken = default) => access.ExecAsync(command, cancellationToken);
        }
    }
}
