using FluentAssertions;
using InfraTests.Harness.Images;

namespace InfraTests.Unit.Images;

/// <summary><see cref="ImageContract.Read"/>: what an image says about itself through ENV and EXPOSE.</summary>
public sealed class ImageContractTests
{
    private const string Reference = "127.0.0.1:5000/samples/rbldnsd:stable";

    private static readonly string[] FullEnvironment =
    [
        "PATH=/usr/local/sbin:/usr/sbin:/usr/bin",
        "SERVICE_ROOT=/service",
        "UPDATE_METHOD=/service/bin/update.sh",
        "VALIDATE_METHOD=/service/bin/validate.sh --strict=yes",
        "BLOCKLIST_ZONES=senderhost.bl.rbl  senderip.bl.rbl ",
        "WHITELIST_ZONES=senderhost.wl.rbl senderip.wl.rbl",
    ];

    [Fact]
    public void Full_contract_is_read_from_env_and_expose()
    {
        var contract = ImageContract.Read(Reference, FullEnvironment, ["53/udp"]);

        contract.ServiceRoot.Should().Be("/service");
        contract.UpdateMethod.Should().Be("/service/bin/update.sh");
        contract.ValidateMethod.Should().Be("/service/bin/validate.sh --strict=yes", "only the first '=' separates name from value");
        contract.TestMethod.Should().BeNull("the image sets no TEST_METHOD");
        contract.VersionMethod.Should().BeNull();
        contract.MonitorMethod.Should().BeNull("the image sets no MONITOR_METHOD");
        contract.BlocklistZones.Should().Equal("senderhost.bl.rbl", "senderip.bl.rbl");
        contract.WhitelistZones.Should().Equal("senderhost.wl.rbl", "senderip.wl.rbl");
        contract.Environment.Should().ContainKey("PATH").WhoseValue.Should().Be("/usr/local/sbin:/usr/sbin:/usr/bin");
        contract.DnsPort.Should().Be(53);
        contract.ServesTcp.Should().BeFalse("only 53/udp is exposed");
    }

    [Fact]
    public void Image_exposing_53_over_udp_and_tcp_serves_tcp()
    {
        var contract = ImageContract.Read(Reference, [.. FullEnvironment, "TEST_METHOD=/service/bin/test.sh"], ["53/tcp", "53/udp", "8080/tcp"]);

        contract.DnsPort.Should().Be(53);
        contract.ServesTcp.Should().BeTrue();
        contract.TestMethod.Should().Be("/service/bin/test.sh");
        contract.Ports.Should().Equal(new ExposedPort(53, "tcp"), new ExposedPort(53, "udp"), new ExposedPort(8080, "tcp"));
    }

    [Fact]
    public void Monitor_method_is_read_whole_from_its_env()
    {
        var contract = ImageContract.Read(Reference, [.. FullEnvironment, "MONITOR_METHOD=/service/bin/monitor.sh --warn=0.5 --crit=2"], ["53/udp"]);

        contract.MonitorMethod.Should().Be("/service/bin/monitor.sh --warn=0.5 --crit=2");
    }

    [Fact]
    public void Blank_monitor_method_counts_as_none()
    {
        var contract = ImageContract.Read(Reference, [.. FullEnvironment, "MONITOR_METHOD= "], ["53/udp"]);

        contract.MonitorMethod.Should().BeNull();
    }

    [Fact]
    public void Image_exposing_only_5353_udp_uses_5353()
    {
        var contract = ImageContract.Read(Reference, FullEnvironment, ["8080/tcp", "5353/udp"]);

        contract.DnsPort.Should().Be(5353);
        contract.ServesTcp.Should().BeFalse();
    }

    [Fact]
    public void Image_lacking_everything_is_refused_with_every_missing_piece_in_order()
    {
        var act = () => ImageContract.Read(Reference, null, null);

        var exception = act.Should().Throw<ImageContractException>().Which;
        exception.Missing.Should().Equal("ENV SERVICE_ROOT", "ENV UPDATE_METHOD", "ENV VALIDATE_METHOD", "EXPOSE of a DNS port (e.g. EXPOSE 53/udp)");
        exception.Message.Should().Be(
            "The image 127.0.0.1:5000/samples/rbldnsd:stable does not describe itself: it lacks ENV SERVICE_ROOT, ENV UPDATE_METHOD, "
            + "ENV VALIDATE_METHOD, EXPOSE of a DNS port (e.g. EXPOSE 53/udp). Add them to its Dockerfile (see docs/contract.md) and rebuild.");
    }

    [Fact]
    public void Blank_variables_and_a_tcp_only_non_dns_port_count_as_missing()
    {
        var act = () => ImageContract.Read(Reference, ["SERVICE_ROOT=/service", "UPDATE_METHOD=  ", "VALIDATE_METHOD=/v.sh"], ["8080/tcp"]);

        act.Should().Throw<ImageContractException>().Which.Missing.Should().Equal("ENV UPDATE_METHOD", "EXPOSE of a DNS port (e.g. EXPOSE 53/udp)");
    }
}
