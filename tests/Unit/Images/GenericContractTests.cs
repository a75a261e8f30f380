using FluentAssertions;
using InfraTests.Harness.Images;

namespace InfraTests.Unit.Images;

/// <summary>
/// <see cref="ImageContract.Read"/> on the generic contract: <c>SERVICE_PORTS</c> and <c>READY_CHECK</c>, and every value it
/// cannot read refused with one line naming the image, the variable, the value and what to write instead.
/// </summary>
public sealed class GenericContractTests
{
    private const string Wiki = "127.0.0.1:5000/samples/wiki:stable";

    private static readonly string[] Methods = ["SERVICE_ROOT=/service", "UPDATE_METHOD=/service/bin/update.sh", "VALIDATE_METHOD=/service/bin/validate.sh"];

    [Fact]
    public void Web_service_with_an_http_ready_check_needs_no_dns_port()
    {
        var contract = ImageContract.Read(Wiki, [.. Methods, "SERVICE_PORTS=80/tcp", "READY_CHECK=http://127.0.0.1:80/"], ["80/tcp"]);

        contract.ServicePorts.Should().Equal(new ExposedPort(80, "tcp"));
        contract.ReadyCheck.Should().Be(new ReadyCheck("http", 80, "/"));
        contract.ReadyCheck!.IsHttp.Should().BeTrue();
        contract.AnswersDns.Should().BeFalse();
    }

    [Fact]
    public void Tcp_ready_check_connects_to_a_declared_port()
    {
        var contract = ImageContract.Read(Wiki, [.. Methods, "SERVICE_PORTS=6379/tcp 9121/TCP", "READY_CHECK=tcp://127.0.0.1:6379"], []);

        contract.ServicePorts.Should().Equal(new ExposedPort(6379, "tcp"), new ExposedPort(9121, "tcp"));
        contract.ReadyCheck.Should().Be(new ReadyCheck("tcp", 6379, string.Empty));
        contract.ReadyCheck!.ToString().Should().Be("tcp://127.0.0.1:6379");
    }

    [Fact]
    public void Http_ready_check_keeps_its_path_and_query()
    {
        var contract = ImageContract.Read(Wiki, [.. Methods, "SERVICE_PORTS=8080/tcp", "READY_CHECK=http://localhost:8080/health?deep=1"], []);

        contract.ReadyCheck.Should().Be(new ReadyCheck("http", 8080, "/health?deep=1"));
        contract.ReadyCheck!.ToString().Should().Be("http://127.0.0.1:8080/health?deep=1");
    }

    [Fact]
    public void Dns_image_declaring_its_ports_reads_as_today()
    {
        var contract = ImageContract.Read(Wiki, [.. Methods, "SERVICE_PORTS=53/udp 53/tcp"], []);

        contract.AnswersDns.Should().BeTrue("an image without READY_CHECK is ready when it answers DNS");
        contract.DnsPort.Should().Be(53);
        contract.ServesTcp.Should().BeTrue();
    }

    [Fact]
    public void Service_ports_without_a_dns_port_or_ready_check_lack_a_ready_check()
    {
        var act = () => ImageContract.Read(Wiki, [.. Methods, "SERVICE_PORTS=80/tcp"], ["80/tcp"]);

        act.Should().Throw<ImageContractException>().Which.Missing.Should().Equal("ENV READY_CHECK");
    }

    [Theory]
    [InlineData("SERVICE_PORTS=80", "The image 127.0.0.1:5000/samples/wiki:stable sets SERVICE_PORTS=\"80\", which InfraTests cannot read: '80' does not say its protocol: write each port as PORT/PROTO, e.g. SERVICE_PORTS=\"80/tcp\" (docs/contract.md).")]
    [InlineData("SERVICE_PORTS=http/tcp", "The image 127.0.0.1:5000/samples/wiki:stable sets SERVICE_PORTS=\"http/tcp\", which InfraTests cannot read: 'http' is not a port: give a number from 1 to 65535, e.g. SERVICE_PORTS=\"80/tcp\" (docs/contract.md).")]
    [InlineData("SERVICE_PORTS=70000/tcp", "The image 127.0.0.1:5000/samples/wiki:stable sets SERVICE_PORTS=\"70000/tcp\", which InfraTests cannot read: '70000' is not a port: give a number from 1 to 65535, e.g. SERVICE_PORTS=\"80/tcp\" (docs/contract.md).")]
    [InlineData("SERVICE_PORTS=80/sctp", "The image 127.0.0.1:5000/samples/wiki:stable sets SERVICE_PORTS=\"80/sctp\", which InfraTests cannot read: 'sctp' is not a protocol Docker publishes: write 80/tcp or 80/udp (docs/contract.md).")]
    [InlineData("SERVICE_PORTS=80/tcp 80/tcp", "The image 127.0.0.1:5000/samples/wiki:stable sets SERVICE_PORTS=\"80/tcp 80/tcp\", which InfraTests cannot read: 80/tcp is named twice: name each port once (docs/contract.md).")]
    public void Unreadable_service_ports_are_refused_naming_what_to_write(string variable, string message)
    {
        var act = () => ImageContract.Read(Wiki, [.. Methods, variable, "READY_CHECK=http://127.0.0.1:80/"], ["80/tcp"]);

        var exception = act.Should().Throw<ImageContractException>().Which;
        exception.Message.Should().Be(message);
        exception.Variable.Should().Be("SERVICE_PORTS");
        exception.Missing.Should().BeEmpty();
    }

    [Theory]
    [InlineData("READY_CHECK=127.0.0.1:80", "it is neither an http:// URL nor a tcp:// address: write READY_CHECK=\"http://127.0.0.1:80/\" (a GET answered 2xx) or \"tcp://127.0.0.1:80\" (a connect), or leave it unset for a DNS question")]
    [InlineData("READY_CHECK=https://127.0.0.1:80/", "it is neither an http:// URL nor a tcp:// address: write READY_CHECK=\"http://127.0.0.1:80/\" (a GET answered 2xx) or \"tcp://127.0.0.1:80\" (a connect), or leave it unset for a DNS question")]
    [InlineData("READY_CHECK=http://wiki.example.org:80/", "it asks wiki.example.org, but the check is asked through the published port on 127.0.0.1: write http://127.0.0.1:80/")]
    [InlineData("READY_CHECK=tcp://127.0.0.1", "it names no port: write tcp://127.0.0.1:80")]
    [InlineData("READY_CHECK=http://127.0.0.1:8080/", "it asks port 8080/tcp, but the service declares 80/tcp: add 8080/tcp to SERVICE_PORTS, or ask one of its TCP ports")]
    [InlineData("READY_CHECK=tcp://127.0.0.1:80/health", "a TCP check only connects: write tcp://127.0.0.1:80")]
    public void Unreadable_ready_checks_are_refused_naming_what_to_write(string variable, string instead)
    {
        var act = () => ImageContract.Read(Wiki, [.. Methods, "SERVICE_PORTS=80/tcp", variable], ["80/tcp"]);

        var exception = act.Should().Throw<ImageContractException>().Which;
        exception.Message.Should().Be($"The image {Wiki} sets {variable.Replace("=", "=\"", StringComparison.Ordinal)}\", which InfraTests cannot read: {instead} (docs/contract.md).");
        exception.Variable.Should().Be("READY_CHECK");
    }

    [Fact]
    public void Ready_check_on_a_udp_port_is_refused()
    {
        var act = () => ImageContract.Read(Wiki, [.. Methods, "SERVICE_PORTS=53/udp", "READY_CHECK=tcp://127.0.0.1:53"], []);

        act.Should().Throw<ImageContractException>().WithMessage("*it asks port 53/tcp, but the service declares 53/udp: add 53/tcp to SERVICE_PORTS*");
    }
}
