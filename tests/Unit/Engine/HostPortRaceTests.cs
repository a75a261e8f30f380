using System.Net;
using Docker.DotNet;
using FluentAssertions;
using InfraTests.Harness.Engine;

namespace InfraTests.Unit.Engine;

/// <summary>When a service container's start is tried again with a new container: the host port the engine chose was taken.</summary>
public sealed class HostPortRaceTests
{
    private static readonly DockerApiException Taken = new(HttpStatusCode.InternalServerError, "{\"message\":\"rootlessport listen udp 127.0.0.1:41501: bind: address already in use\"}");

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    public void A_taken_port_is_tried_again_with_another_container_three_containers_at_most(int attempt, bool again) =>
        HostPortRace.Lost(Taken, attempt).Should().Be(again);

    [Fact]
    public void Any_other_failure_to_start_stands() =>
        HostPortRace.Lost(new DockerApiException(HttpStatusCode.InternalServerError, "{\"message\":\"no such image\"}"), 1).Should().BeFalse();

    [Fact]
    public void The_line_says_what_happened_in_the_engines_words() =>
        HostPortRace.Said(Taken).Should().StartWith("the host port the engine chose was taken before it bound it (").And.Contain("address already in use").And.EndWith("): starting another container");
}
