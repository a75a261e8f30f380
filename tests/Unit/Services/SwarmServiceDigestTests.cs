using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Harness.Images;

namespace InfraTests.Unit.Services;

/// <summary>The gate's Swarm fleet: the digest a service's spec pins, and INFRATESTS_FLEET_SERVICE read like the other fleet variables.</summary>
public sealed class SwarmServiceDigestTests
{
    private const string Digest = "sha256:1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809";

    [Theory]
    [InlineData("127.0.0.1:5000/samples/rbldnsd:stable@" + Digest, Digest)]
    [InlineData("127.0.0.1:5000/samples/rbldnsd@" + Digest, Digest)]
    [InlineData("127.0.0.1:5000/samples/rbldnsd:stable", null)]
    [InlineData("127.0.0.1:5000/samples/bind:stable@" + Digest, null)]
    public void The_pinned_digest_is_read_from_the_spec_only_in_productions_repository(string reference, string? expected) =>
        SwarmServiceDigest.Pinned(reference, "127.0.0.1:5000/samples/rbldnsd").Should().Be(expected);

    [Theory]
    [InlineData("nginx:1.27@" + Digest)]
    [InlineData("docker.io/library/nginx:1.27@" + Digest)]
    public void A_docker_hub_image_is_read_in_either_spelling(string reference) =>
        SwarmServiceDigest.Pinned(reference, "docker.io/library/nginx").Should().Be(Digest, "docker service create writes nginx, infratests.yaml may say docker.io/library/nginx");

    [Fact]
    public void The_service_variable_names_a_swarm_fleet_on_its_manager()
    {
        var fleet = RunningFleet.FromEnvironment(name => name switch { RunningFleet.ServiceVariable => "rbl", RunningFleet.ContextVariable => "dc1", _ => null });

        fleet!.Service.Should().Be("rbl");
        fleet.ToString().Should().Be("tasks of Swarm service rbl on dc1");
    }

    [Fact]
    public void A_service_and_a_label_together_are_one_line()
    {
        var read = () => RunningFleet.FromEnvironment(name => name is RunningFleet.ServiceVariable or RunningFleet.LabelVariable ? "x" : null);

        read.Should().Throw<InfraTestsException>().WithMessage("INFRATESTS_FLEET_LABEL and INFRATESTS_FLEET_SERVICE are set: pick the fleet by one of them, as rollout takes --label, --container or --swarm-service.");
    }
}
