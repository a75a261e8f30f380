using FluentAssertions;

namespace InfraTests.Cli.Tests;

/// <summary>`doctor` on a web service (samples/wiki): its contract read with SERVICE_PORTS and READY_CHECK, its port published on 127.0.0.1 and answered.</summary>
public sealed class WebDoctorTests
{
    private static readonly string Wiki = Path.Combine(Samples.RepoRoot, "samples", "wiki");

    [Fact]
    public async Task Wiki_is_all_ok_with_its_service_port_asked_over_http()
    {
        var run = await CliRun.RunAsync(RunAs.InProcess, ["doctor", "--root", Wiki]);

        run.Should().Succeed();
        run.StdoutLines[^1].Should().Be("9 findings: 9 ok, 0 warnings, 0 blockers", "{0}", run);
        run.StdoutLines.Should().Contain(l => l.StartsWith("ok ", StringComparison.Ordinal) && l.Contains("contract", StringComparison.Ordinal) && l.EndsWith("SERVICE_PORTS, READY_CHECK; EXPOSE 80/tcp", StringComparison.Ordinal), "{0}", run)
            .And.Contain(l => l.StartsWith("ok ", StringComparison.Ordinal) && System.Text.RegularExpressions.Regex.IsMatch(l, @"ports +80/tcp on 127\.0\.0\.1:\d+, loopback only; nginx answered there \(baked data\)$"), "{0}", run);
    }
}
