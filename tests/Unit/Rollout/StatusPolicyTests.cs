using System.Text;
using FluentAssertions;
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
