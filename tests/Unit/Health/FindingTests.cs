using FluentAssertions;
using InfraTests.Harness.Health;

namespace InfraTests.Unit.Health;

/// <summary><see cref="Finding"/> and <see cref="Diagnosis"/>: one line per finding, and a blocker anywhere is a blocker.</summary>
public sealed class FindingTests
{
    [Fact]
    public void Line_is_the_text_then_what_to_do()
    {
        var finding = new Finding("credentials", FindingMark.Blocker, "127.0.0.1:5443 asks for credentials and there are none for it in /root/.docker/config.json.", "run `docker login 127.0.0.1:5443`");

        finding.Line.Should().Be("127.0.0.1:5443 asks for credentials and there are none for it in /root/.docker/config.json: run `docker login 127.0.0.1:5443`");
        finding.ToString().Should().Be("blocker credentials: " + finding.Line);
    }

    [Fact]
    public void Ok_finding_is_its_text_alone()
    {
        new Finding("tag", FindingMark.Ok, "127.0.0.1:5000/samples/rbldnsd:stable is sha256:…").Line.Should().Be("127.0.0.1:5000/samples/rbldnsd:stable is sha256:…");
    }

    [Fact]
    public void Warnings_alone_are_no_blocker_and_one_blocker_is()
    {
        Finding[] findings = [new("engine", FindingMark.Ok, "a"), new("reuse", FindingMark.Warn, "b", "c")];

        var healthy = new Diagnosis("r:t", findings);
        var broken = healthy with { Findings = [.. findings, new("tag", FindingMark.Blocker, "d")] };

        healthy.HasBlocker.Should().BeFalse();
        (healthy.Count(FindingMark.Ok), healthy.Count(FindingMark.Warn)).Should().Be((1, 1));
        broken.HasBlocker.Should().BeTrue();
        broken.Count(FindingMark.Blocker).Should().Be(1);
    }
}
