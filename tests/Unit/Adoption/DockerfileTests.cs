using FluentAssertions;
using InfraTests.Harness.Adoption;
using InfraTests.Harness.Services;

namespace InfraTests.Unit.Adoption;

/// <summary>What init reads from a Dockerfile without building it: ENV with the line each is set on, EXPOSE, LABEL.</summary>
public sealed class DockerfileTests
{
    [Fact]
    public void Env_of_the_rbldnsd_sample_is_read_with_the_line_its_instruction_starts_on()
    {
        var dockerfile = Dockerfile.Read(ServiceRoot.Locate("samples/rbldnsd").Path)!;

        dockerfile.Environment.Keys.Should().BeEquivalentTo("SERVICE_ROOT", "UPDATE_METHOD", "VALIDATE_METHOD", "MONITOR_METHOD", "DATA_PATHS", "BLOCKLIST_ZONES", "WHITELIST_ZONES");
        dockerfile.Environment["BLOCKLIST_ZONES"].Should().Be(("senderhost.bl.rbl senderip.bl.rbl", 16));
        dockerfile.LastEnvLine.Should().Be(16);
        dockerfile.Exposed.Should().Equal("53/udp");
    }

    [Fact]
    public void Both_env_forms_labels_comments_and_continuations_are_read()
    {
        var dockerfile = Dockerfile.Parse("FROM debian\n# ENV NOT=this\nenv OLD_FORM a value with spaces\nLABEL org.opencontainers.image.ref.name=\"reg.example/dns/x:stable\" \\\n  other=1\nENV A=1 \\\n    # a comment inside\n    B=\"two words\"\nEXPOSE 53/udp 53/tcp\n");

        dockerfile.Environment.Should().BeEquivalentTo(new Dictionary<string, (string, int)>
        {
            ["OLD_FORM"] = ("a value with spaces", 3),
            ["A"] = ("1", 6),
            ["B"] = ("two words", 6),
        });
        dockerfile.Labels.Should().Contain("org.opencontainers.image.ref.name", "reg.example/dns/x:stable").And.Contain("other", "1");
        dockerfile.Exposed.Should().Equal("53/udp", "53/tcp");
        dockerfile.LastEnvLine.Should().Be(6);
    }

    [Fact]
    public void Folder_without_a_Dockerfile_has_none() =>
        Dockerfile.Read(Path.GetTempPath() + Guid.NewGuid().ToString("N")).Should().BeNull();
}
