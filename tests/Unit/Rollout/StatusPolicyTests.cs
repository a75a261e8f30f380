using System.Text;
using FluentAssertions;
using InfraTests.Harness.Monitoring;
using InfraTests.Rollout;
using InfraTests.Rollout.Status;

namespace InfraTests.Unit.Rollout;

/// <summary>How <c>status</c> judges a host's facts (the exit code's policy), which digest names what it runs, and a record read from a host.</summary>
public sealed class StatusPolicyTests
{
    private const string Production = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string Older = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";

    private static readonly TestedImages TestedProduction = new(Commit, [$"127.0.0.1:5000/samples/rbldnsd@{Production}"], DateTimeOffset.UnixEpoch);

    [Fact]
    public void Host_on_production_with_the_recorded_revision_and_no_drift_is_ok()
    {
        var host = StatusPolicy.Judge(Host() with { RevisionDrift = Drift(), ImageDrift = Drift(FileChange.Changed) }, Production, TestedProduction);

        host.Level.Should().Be(StatusLevel.Ok, "drift from the image after a rollout is expected until the next rebuild: {0}", string.Join("; ", host.Findings));
    }

    [Fact]
    public void Container_that_does_not_run_is_critical()
    {
        var host = StatusPolicy.Judge(Host() with { State = "exited" }, Production, null);

        host.Findings.Should().ContainSingle().Which.Should().Be(new StatusFinding("container", StatusLevel.Critical, "its container is exited, not running"));
    }

    [Fact]
    public void Digest_the_gate_did_not_test_is_critical_and_one_production_moved_away_from_a_warning()
    {
        var untested = StatusPolicy.Judge(Host() with { Digest = Older }, Production, TestedProduction);
        var unknown = StatusPolicy.Judge(Host() with { Digest = Older }, Production, null);

        untested.Level.Should().Be(StatusLevel.Critical);
        untested.Findings[0].Text.Should().Be("it runs sha256:222222222222, which the last gate did not test (it tested sha256:111111111111 for 0123456789ab)");
        unknown.Findings.Should().ContainSingle().Which.Should().Be(new StatusFinding("image", StatusLevel.Warning, "it runs sha256:222222222222; production's tag is at sha256:111111111111 now: restart it on that image"));
    }

    [Fact]
    public void Files_drifted_from_the_recorded_revision_are_a_warning_with_their_counts()
    {
        var host = StatusPolicy.Judge(Host() with { RevisionDrift = Drift(FileChange.Changed, FileChange.Added) }, Production, null);

        host.Findings.Should().ContainSingle().Which.Text.Should().Be("2 (1 added, 0 removed, 1 changed) files differ from revision 0123456789ab that rollout 20261204T120000Z-0123456789ab copied there");
    }

    [Fact]
    public void Files_drifted_from_the_image_where_no_rollout_recorded_a_revision_are_a_warning()
    {
        var baked = StatusPolicy.Judge(Host() with { Revision = null, ImageDrift = Drift() }, Production, null);
        var edited = StatusPolicy.Judge(Host() with { Revision = null, ImageDrift = Drift(FileChange.Removed) }, Production, null);

        baked.Level.Should().Be(StatusLevel.Ok);
        edited.Findings.Should().ContainSingle().Which.Should().Be(new StatusFinding("files", StatusLevel.Warning, "1 (0 added, 1 removed, 0 changed) files differ from what its image bakes, and no rollout recorded a revision here: changed by hand?"));
    }

    [Fact]
    public void Worst_finding_sets_the_level_and_comes_first()
    {
        var host = StatusPolicy.Judge(Host() with { State = "restarting", RevisionDrift = Drift(FileChange.Changed) }, Production, null);

        host.Findings.Select(f => f.Level).Should().Equal(StatusLevel.Critical, StatusLevel.Warning);
        new FleetStatus { Selector = "x", ProductionTag = "t", ProductionDigest = Production, Hosts = [Host(), host] }.ExitCode.Should().Be(2);
    }

    [Fact]
    public void Running_digest_is_the_production_repositorys_else_the_image_id()
    {
        string[] repoDigests = [$"127.0.0.1:5000/other@{Older}", $"127.0.0.1:5000/samples/rbldnsd@{Older}", $"127.0.0.1:5000/samples/rbldnsd@{Production}"];

        RunningDigest.Pick(repoDigests, "sha256:id", "127.0.0.1:5000/samples/rbldnsd", Production, null).Should().Be((Production, false), "of two digests in the repository, production's names it");
        RunningDigest.Pick(repoDigests[..2], "sha256:id", "127.0.0.1:5000/samples/rbldnsd", Production, null).Should().Be((Older, false));
        RunningDigest.Pick([$"127.0.0.1:5000/other@{Older}"], "sha256:id", "127.0.0.1:5000/samples/rbldnsd", Production, null).Should().Be(("sha256:id", true));
    }

    [Fact]
    public void Record_from_a_host_is_data_a_revision_that_is_no_commit_id_is_never_one_and_control_characters_are_dropped()
    {
        var (hostile, _) = DeployedRevision.Parse(Encoding.UTF8.GetBytes("{\"revision\":\"--output=/etc/passwd\",\"subject\":\"\\u001b[2Jwiped\",\"rollout\":\"r\",\"time\":\"2026-12-04T12:00:00Z\"}"));
        var (good, _) = DeployedRevision.Parse(Encoding.UTF8.GetBytes(new DeployedRevision(Commit, "list x", "r", DateTimeOffset.UnixEpoch).ToJson()));
        var (_, problem) = DeployedRevision.Parse(Encoding.UTF8.GetBytes("not json"));

        hostile!.IsCommit.Should().BeFalse("only a full commit id is handed to git");
        hostile.Subject.Should().Be("?[2Jwiped");
        good!.IsCommit.Should().BeTrue();
        problem.Should().StartWith("/var/lib/infratests/deployed-revision.json is not a record (");
    }

    [Theory]
    [InlineData(MonitorStatus.Ok, StatusLevel.Ok)]
    [InlineData(MonitorStatus.Warning, StatusLevel.Warning)]
    [InlineData(MonitorStatus.Critical, StatusLevel.Critical)]
    [InlineData(MonitorStatus.Unknown, StatusLevel.Warning)]
    public void Monitor_method_counts_as_it_says_and_unknown_as_a_warning(MonitorStatus said, StatusLevel level)
    {
        var host = StatusPolicy.Judge(Host() with { Health = Health() with { Monitor = Monitor(said) } }, Production, TestedProduction);

        host.Level.Should().Be(level);
        if (said != MonitorStatus.Ok)
        {
            host.Findings.Should().ContainSingle().Which.Should().Be(new StatusFinding("monitor", level, $"MONITOR_METHOD {said.Name()}: RBLDNSD {said.Name()} - generation 3"));
        }
    }

    [Fact]
    public void Unhealthy_healthcheck_is_critical_and_one_still_starting_a_warning()
    {
        var unhealthy = StatusPolicy.Judge(Host() with { Health = Health() with { Healthcheck = new("unhealthy", 3, "bl.rbl is stale") } }, Production, null);
        var starting = StatusPolicy.Judge(Host() with { Health = Health() with { Healthcheck = new("starting", 0, null) } }, Production, null);
        var healthy = StatusPolicy.Judge(Host() with { Health = Health() with { Healthcheck = new("healthy", 0, null) } }, Production, null);

        unhealthy.Findings.Should().ContainSingle().Which.Should().Be(new StatusFinding("healthcheck", StatusLevel.Critical, "its HEALTHCHECK unhealthy (failing streak 3): bl.rbl is stale"));
        starting.Level.Should().Be(StatusLevel.Warning);
        healthy.Level.Should().Be(StatusLevel.Ok);
    }

    [Fact]
    public void Restarts_an_oom_kill_and_memory_near_the_limit_are_warnings()
    {
        var host = StatusPolicy.Judge(Host() with { Health = Health() with { RestartCount = 2, OomKilled = true, Usage = new ResourceUsage(1.5, 95 * 1048576UL, 100 * 1048576UL) } }, Production, null);
        var roomy = StatusPolicy.Judge(Host() with { Health = Health() with { Usage = new ResourceUsage(1.5, 50 * 1048576UL, 100 * 1048576UL) } }, Production, null);

        host.Findings.Should().Equal(
            new StatusFinding("restarts", StatusLevel.Warning, "the engine restarted it 2 times since its container was created"),
            new StatusFinding("restarts", StatusLevel.Warning, "the kernel's OOM killer ended its last run"),
            new StatusFinding("memory", StatusLevel.Warning, "its memory is at 95 % of its limit (CPU 1.5 %, memory 95.0 MiB of 100.0 MiB (95 %))"));
        roomy.Level.Should().Be(StatusLevel.Ok);
    }

    [Fact]
    public void Health_read_again_replaces_the_health_findings_and_keeps_the_others()
    {
        var judged = StatusPolicy.Judge(Host() with { RevisionDrift = Drift(FileChange.Changed), Health = Health() }, Production, null);

        var died = StatusPolicy.WithHealth(judged, Health() with { State = "exited", ExitCode = 137 });
        var back = StatusPolicy.WithHealth(died, Health() with { RestartCount = 1 });
        var unread = StatusPolicy.WithoutHealth(back, "the engine did not answer");

        died.Level.Should().Be(StatusLevel.Critical);
        died.Findings.Select(f => f.Text).Should().Equal("its container is exited, not running", "1 (0 added, 0 removed, 1 changed) files differ from revision 0123456789ab that rollout 20261204T120000Z-0123456789ab copied there");
        back.State.Should().Be("running");
        back.Findings.Select(f => f.Subject).Should().BeEquivalentTo(["files", "restarts"]);
        unread.Findings.Select(f => f.Subject).Should().BeEquivalentTo(["files", "health"]);
        unread.Level.Should().Be(StatusLevel.Warning);
    }

    private static HostHealth Health() => new()
    {
        Container = "rbl-1",
        ContainerId = "0123",
        State = "running",
        Monitor = Monitor(MonitorStatus.Ok),
        Status = MonitorStatus.Ok,
        Reason = "MONITOR_METHOD OK",
    };

    private static MonitorResult Monitor(MonitorStatus status) => new() { Command = "/service/bin/monitor.sh", Status = status, Text = $"RBLDNSD {status.Name()} - generation 3" };

    private static HostStatus Host() => new()
    {
        Target = "default/rbl-1",
        Engine = "default",
        Container = "rbl-1",
        State = "running",
        Digest = Production,
        Revision = new DeployedRevision(Commit, "list x", "20261204T120000Z-0123456789ab", DateTimeOffset.UnixEpoch),
        RevisionDrift = Drift(),
    };

    private static TreeDrift Drift(params FileChange[] changes) => new(Commit, [.. changes.Select((c, i) => new DriftedFile($"zones/f{i}", c))]);
}
