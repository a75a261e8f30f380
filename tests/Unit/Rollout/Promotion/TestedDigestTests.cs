using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Rollout;
using InfraTests.Rollout.Promotion;

namespace InfraTests.Unit.Rollout.Promotion;

/// <summary>Which digest promote may move a service to, read from gate records as the gate writes them (newest first).</summary>
public sealed class TestedDigestTests
{
    private const string Repository = "127.0.0.1:5000/samples/rbldnsd";
    private static readonly string Old = "sha256:" + new string('a', 64);
    private static readonly string New = "sha256:" + new string('b', 64);
    private static readonly string Never = "sha256:" + new string('c', 64);
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Without_a_digest_the_newest_one_the_gate_passed_in_the_services_repository_is_chosen()
    {
        var history = new[]
        {
            Gate(3, passed: true, "127.0.0.1:5000/samples/bind@" + Never),
            Gate(2, passed: true, $"{Repository}@{New}"),
            Gate(1, passed: true, $"{Repository}@{Old}"),
        };

        Choose(history, null).Should().Be(New, "bind's digest is another repository's");
    }

    [Fact]
    public void A_digest_whose_newest_gate_run_failed_is_not_chosen_nor_accepted()
    {
        var history = new[]
        {
            Gate(3, passed: false, $"{Repository}@{New}") with { Why = "zones/bl:3: invalid A RR" },
            Gate(2, passed: true, $"{Repository}@{New}"),
            Gate(1, passed: true, $"{Repository}@{Old}"),
        };

        Choose(history, null).Should().Be(Old);
        var promote = () => Choose(history, New);
        promote.Should().Throw<InfraTestsException>().Which.Message.Should().Be($"{New} of {Repository} failed its newest gate run (333333333333 at 2026-12-04 10:03:00Z: zones/bl:3: invalid A RR), so service rbl was not touched: fix it and let the gate test it again, or give --digest of one it passed.");
    }

    [Fact]
    public void A_digest_asked_for_must_be_one_the_gate_passed()
    {
        var history = new[] { Gate(2, passed: true, $"{Repository}@{New}"), Gate(1, passed: true, $"{Repository}@{Old}") };

        Choose(history, Old).Should().Be(Old, "an older tested digest may be promoted (a step back)");
        var untested = () => Choose(history, Never);
        untested.Should().Throw<InfraTestsException>().Which.Message.Should().Be($"{Never} of {Repository} was never tested by the gate, so service rbl was not touched: let the gate test it first (infratests gate --digest {Never} --records /records in the service repo, or the webhook's gate with its next push).");
    }

    [Fact]
    public void No_passed_gate_and_a_malformed_digest_are_refused_in_one_line()
    {
        var none = () => Choose([Gate(1, passed: false, $"{Repository}@{Old}")], null);
        var malformed = () => Choose([], "sha256:abc");

        none.Should().Throw<InfraTestsException>().Which.Message.Should().StartWith($"the gate never passed a digest of {Repository}, so service rbl was not touched: ");
        malformed.Should().Throw<InfraTestsException>().Which.Message.Should().StartWith("--digest sha256:abc: give a whole image digest, sha256: and 64 lowercase hex digits");
    }

    [Fact]
    public void A_docker_hub_service_finds_the_digest_the_gate_tested_under_the_long_name()
    {
        var history = new[] { Gate(1, passed: true, $"docker.io/library/nginx@{New}") };

        TestedDigest.Choose(history, "nginx", null, "web", "/records").Should().Be(New, "Swarm's spec says nginx, the gate's record docker.io/library/nginx: one repository");
    }

    private static string Choose(IReadOnlyList<GateRecord> history, string? requested) => TestedDigest.Choose(history, Repository, requested, "rbl", "/records");

    private static GateRecord Gate(int minute, bool passed, params string[] digests) =>
        new() { Revision = new string((char)('0' + minute), 40), Passed = passed, Digests = digests, Time = Start.AddMinutes(minute) };
}
