using FluentAssertions;
using InfraTests.Rollout;
using InfraTests.Support;

namespace InfraTests.Cli.Tests;

/// <summary>
/// <c>infratests gate</c>: a committed revision tested on the production image as the webhook's gate tests it, the verdict
/// recorded with the digest it ran on, where <c>promote</c> reads it.
/// </summary>
public sealed class GateTests
{
    [Fact]
    public async Task Good_revision_passes_and_the_digest_production_names_is_recorded_as_passed()
    {
        using var repo = ServiceRepo.Create();
        var records = Directory.CreateTempSubdirectory("infratests-gate-records-").FullName;

        var run = await CliRun.InProcessAsync(["gate", "--root", repo.Path, "--records", records]);

        run.Should().Succeed();
        var gate = GateRecords.History(records).Should().ContainSingle().Which;
        gate.Passed.Should().BeTrue();
        gate.Revision.Should().Be(repo.Base);
        gate.Digests.Should().ContainSingle().Which.Should().StartWith("127.0.0.1:5000/samples/rbldnsd@sha256:");
        run.StdoutLines.Should().Contain($"passed: {repo.Base[..12]} on {gate.Digests[0]}; recorded as gate {gate.Id}: promote may move a service onto it.");
    }

    [Fact]
    public async Task Revision_the_image_refuses_fails_with_exit_1_and_is_recorded_as_failed()
    {
        using var repo = ServiceRepo.Create();
        var tip = repo.Commit("a line rbldnsd cannot read", tree => ServiceRepo.Append(tree, "zones/bl", "$DATASET dnset:senderhost senderhost", "broken.example.net :127.0.0.2:Broken", ":not a record"));
        var records = Directory.CreateTempSubdirectory("infratests-gate-records-").FullName;

        var run = await CliRun.InProcessAsync(["gate", "--root", repo.Path, "--records", records]);

        run.Should().ExitWith(1);
        var gate = GateRecords.History(records).Should().ContainSingle().Which;
        gate.Passed.Should().BeFalse();
        gate.Why.Should().Contain("zones/bl:");
        var failed = $"infratests: failed: {tip[..12]} on 127.0.0.1:5000/samples/rbldnsd@sha256:";
        run.StderrLines.Should().ContainSingle(l => l.StartsWith(failed, StringComparison.Ordinal) && l.EndsWith($"recorded as gate {gate.Id}: promote refuses it.", StringComparison.Ordinal), "{0}", run);
    }

    [Fact]
    public async Task Digest_that_is_not_one_is_one_line_and_exit_2_and_nothing_is_recorded()
    {
        var records = Directory.CreateTempSubdirectory("infratests-gate-records-").FullName;

        var run = await CliRun.InProcessAsync(["gate", "--root", "samples/rbldnsd", "--records", records, "--digest", "sha256:abc"]);

        run.Should().FailWithOneLine().Which.Should().StartWith("infratests: --digest: 'sha256:abc' is not an image digest");
        Directory.Exists(Path.Combine(records, "gates")).Should().BeFalse();
    }
}
