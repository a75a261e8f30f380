using FluentAssertions;
using InfraTests.Harness.Images;
using InfraTests.Harness.Services;

namespace InfraTests.Unit.Services;

/// <summary>What names the digest a run takes: the builder's own call, then the environment, then the tag (pure).</summary>
public sealed class ImagePinTests
{
    private static readonly ServiceRoot Rbldnsd = ServiceRoot.Locate("samples/rbldnsd");
    private static readonly ServiceConfiguration Plain = new() { Root = Rbldnsd, TreePath = Rbldnsd.Path };
    private const string Given = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static string? Environment(string name) => name switch
    {
        ProductionImage.DigestVariable => Given,
        RunningFleet.LabelVariable => "service=rbldnsd",
        _ => null,
    };

    [Fact]
    public void The_environments_digest_pins_production_tests() =>
        Plain.Pin(Environment).Digest.Should().Be(Given);

    [Fact]
    public void The_environments_fleet_pins_production_tests_when_no_digest_is_given() =>
        Plain.Pin(name => name == RunningFleet.LabelVariable ? "service=rbldnsd" : null).Fleet.Should().NotBeNull();

    [Fact]
    public void Status_asks_what_the_tag_names_now_whatever_the_environment_says()
    {
        var pin = (Plain with { TagOnly = true }).Pin(Environment);

        pin.Should().Be(ImagePin.Tag, "status compares the fleet with production's tag as it is now, not with the fleet itself");
    }
}
