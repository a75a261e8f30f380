using System.Text.Json.Nodes;
using FluentAssertions;
using InfraTests.Harness.Images;
using InfraTests.Rollout.Promotion;

namespace InfraTests.Unit.Rollout.Promotion;

/// <summary>The one change promote makes to a service's spec; every other field goes back as it came.</summary>
public sealed class ServiceSpecChangeTests
{
    private const string Spec = """
        {"Name":"rbl","Labels":{"team":"dns"},"TaskTemplate":{"ContainerSpec":{"Image":"127.0.0.1:5000/samples/rbldnsd:stable@sha256:old","Env":["A=1"],"Mounts":[{"Type":"volume","Source":"zones","Target":"/service/zones"}]},"ForceUpdate":7,"RestartPolicy":{"Condition":"any"}},"Mode":{"Replicated":{"Replicas":3}},"UpdateConfig":{"Parallelism":5,"Order":"start-first","FailureAction":"pause"}}
        """;

    [Fact]
    public void The_image_the_health_gate_and_the_update_settings_change_and_nothing_else()
    {
        var spec = JsonNode.Parse(Spec)!.AsObject();
        var probe = new HealthProbe(["CMD", "/service/bin/monitor.sh"], TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), 3, TimeSpan.FromSeconds(5));

        ServiceSpecChange.Apply(spec, "127.0.0.1:5000/samples/rbldnsd:stable@sha256:new", new HealthGate("MONITOR_METHOD", probe, Ours: true), new UpdatePacing(2, TimeSpan.FromSeconds(1)), TimeSpan.FromSeconds(26));

        var expected = JsonNode.Parse(Spec)!.AsObject();
        var container = expected["TaskTemplate"]!["ContainerSpec"]!;
        container["Image"] = "127.0.0.1:5000/samples/rbldnsd:stable@sha256:new";
        container["Healthcheck"] = JsonNode.Parse("""{"Test":["CMD","/service/bin/monitor.sh"],"Interval":2000000000,"Timeout":5000000000,"Retries":3,"StartPeriod":5000000000}""");
        expected["UpdateConfig"] = JsonNode.Parse("""{"Parallelism":2,"Order":"start-first","FailureAction":"rollback","Delay":1000000000,"Monitor":26000000000,"MaxFailureRatio":0}""");
        expected["RollbackConfig"] = JsonNode.Parse("""{"Parallelism":2,"Delay":0,"Monitor":26000000000,"FailureAction":"pause","MaxFailureRatio":0}""");
        JsonNode.DeepEquals(spec, expected).Should().BeTrue("only the image, the health gate and the update and rollback settings change:\n{0}", spec.ToJsonString());
    }

    [Fact]
    public void A_health_check_that_is_not_ours_is_left_to_the_image()
    {
        var spec = JsonNode.Parse(Spec)!.AsObject();

        ServiceSpecChange.Apply(spec, "img@sha256:new", new HealthGate("the image's HEALTHCHECK", new HealthProbe(["CMD", "x"], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), 1, TimeSpan.Zero), Ours: false), new UpdatePacing(), TimeSpan.FromSeconds(5));

        spec["TaskTemplate"]!["ContainerSpec"]!.AsObject().ContainsKey("Healthcheck").Should().BeFalse();
        spec["TaskTemplate"]!["ForceUpdate"]!.GetValue<int>().Should().Be(7, "ForceUpdate is left as it was");
    }

    [Theory]
    [InlineData("127.0.0.1:5000/samples/rbldnsd:stable@sha256:abc", "127.0.0.1:5000/samples/rbldnsd", "stable", "sha256:abc")]
    [InlineData("127.0.0.1:5000/samples/rbldnsd@sha256:abc", "127.0.0.1:5000/samples/rbldnsd", null, "sha256:abc")]
    [InlineData("127.0.0.1:5000/samples/rbldnsd", "127.0.0.1:5000/samples/rbldnsd", null, null)]
    [InlineData("rbldnsd:stable", "rbldnsd", "stable", null)]
    public void An_image_reference_reads_as_repository_tag_and_digest_and_a_registrys_port_is_no_tag(string reference, string repository, string? tag, string? digest)
    {
        var image = ImageReference.Parse(reference);

        image.Should().Be(new ImageReference(repository, tag, digest));
        image.PinnedTo("sha256:new").Should().Be(tag is null ? $"{repository}@sha256:new" : $"{repository}:{tag}@sha256:new");
    }
}
