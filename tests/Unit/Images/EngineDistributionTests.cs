using System.Net;
using FluentAssertions;
using InfraTests.Harness.Images;

namespace InfraTests.Unit.Images;

/// <summary>
/// <see cref="EngineDistribution.LacksRoute"/>: an engine without Docker's distribution endpoint is told apart from a
/// registry that has no such tag, from the engine's answer alone (both are 404).
/// </summary>
public sealed class EngineDistributionTests
{
    [Theory]
    [InlineData("Not Found\n", "Podman's router: plain text")]
    [InlineData("404 page not found", "Go's default router")]
    [InlineData("""{"message":"page not found"}""", "Docker's router: a route it does not have")]
    [InlineData("""{"cause":"","message":"Path /v1.41/distribution/X/json is not supported","response":0}""", "Podman's catch-all for paths it lacks")]
    [InlineData("", "an empty body")]
    public void Router_404_means_the_engine_lacks_the_endpoint(string body, string because)
    {
        EngineDistribution.LacksRoute(HttpStatusCode.NotFound, body).Should().BeTrue(because);
    }

    [Theory]
    [InlineData("""{"message":"manifest unknown: manifest unknown"}""")]
    [InlineData("""{"message":"errors:\ndenied: requested access to the resource is denied\nunauthorized: authentication required\n"}""")]
    public void Registry_404_passed_on_is_the_registrys_answer(string body)
    {
        EngineDistribution.LacksRoute(HttpStatusCode.NotFound, body).Should().BeFalse();
    }

    [Fact]
    public void Other_statuses_never_mean_a_missing_route()
    {
        EngineDistribution.LacksRoute(HttpStatusCode.Unauthorized, "Not Found").Should().BeFalse();
    }
}
