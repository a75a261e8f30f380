using System.Text;
using System.Text.Json;
using Docker.DotNet.Models;
using FluentAssertions;
using InfraTests.Harness.Engine;

namespace InfraTests.Cli.Tests;

/// <summary>
/// `doctor`: one line per finding with its mark, what to do when it is not ok, exit 0 without a blocker and 1 with one;
/// on the healthy machine, against an engine that is not there, a tag that is not there, the secured registry without
/// credentials, and Podman's Docker-compatible API (setup/podman.sh).
/// </summary>
public sealed class DoctorTests : IDisposable
{
    private const string Podman = "unix:///run/infratests-podman/podman.sock";

    private static readonly string[] Subjects = ["engine", "distribution", "registry", "credentials", "tag", "image", "contract", "ports", "reuse"];

    private readonly DirectoryInfo scratch = Directory.CreateTempSubdirectory("infratests-cli-doctor-");

    [Theory]
    [InlineData(RunAs.InProcess)]
    [InlineData(RunAs.Process)]
    public async Task Healthy_machine_is_all_ok_and_exits_0(RunAs form)
    {
        var run = await CliRun.RunAsync(form, ["doctor", "--root", Samples.Rbldnsd]);

        run.Should().Succeed();
        run.StdoutLines[0].Should().Be($"{Samples.Rbldnsd} against 127.0.0.1:5000/samples/rbldnsd:stable", "{0}", run);
        Findings(run).Select(f => $"{f.Mark} {f.Subject}").Should().Equal(Subjects.Select(s => $"ok {s}"), "{0}", run);
        run.StdoutLines[^1].Should().Be("9 findings: 9 ok, 0 warnings, 0 blockers");
        Finding(run, "engine").Should().StartWith("Docker engine ").And.Contain("speaking API 1.");
        Finding(run, "distribution").Should().Be("the engine resolves tags itself (GET /distribution/…/json, with your credentials)");
        Finding(run, "tag").Should().MatchRegex(@"^127\.0\.0\.1:5000/samples/rbldnsd:stable is sha256:[0-9a-f]{64} \(resolved by the engine\)$");
        Finding(run, "ports").Should().MatchRegex(@"^53/udp on 127\.0\.0\.1:\d+, loopback only; rbldnsd .+ answered there \(baked data\)$");
        if (form == RunAs.Process)
        {
            run.Should().LeaveNoContainers("the image it started to publish its port is removed");
        }
    }

    [Fact]
    public async Task Json_has_every_finding_the_counts_and_the_exit_code()
    {
        var run = await CliRun.InProcessAsync(["doctor", "--json", "--root", Samples.Rbldnsd]);

        var document = run.Should().Succeed().And.PrintOneJsonDocument().Which;
        document.GetProperty("command").GetString().Should().Be("doctor");
        document.GetProperty("serviceRoot").GetString().Should().Be(Samples.Rbldnsd);
        document.GetProperty("reference").GetString().Should().Be("127.0.0.1:5000/samples/rbldnsd:stable");
        var findings = document.GetProperty("findings").EnumerateArray().ToList();
        findings.Select(f => f.GetProperty("subject").GetString()).Should().Equal(Subjects);
        findings.Should().AllSatisfy(f =>
        {
            f.GetProperty("mark").GetString().Should().Be("ok");
            f.GetProperty("text").GetString().Should().NotBeNullOrEmpty();
            f.TryGetProperty("remedy", out _).Should().BeFalse("an ok finding has nothing to do");
        });
        (document.GetProperty("ok").GetInt32(), document.GetProperty("warnings").GetInt32(), document.GetProperty("blockers").GetInt32(), document.GetProperty("exitCode").GetInt32())
            .Should().Be((9, 0, 0, 0));
    }

    [Fact]
    public async Task Unreachable_engine_is_a_blocker_and_exits_1_leaving_out_what_needs_it()
    {
        var run = await CliProcess.RunAsync(["doctor", "--root", "samples/rbldnsd"], environment: new Dictionary<string, string?> { ["DOCKER_HOST"] = "unix:///nonexistent/docker.sock" });

        run.Should().ExitWith(1, "a broken machine is what doctor reports, not bad input");
        Findings(run).Select(f => $"{f.Mark} {f.Subject}").Should().Equal(["blocker engine", "ok registry", "ok credentials", "ok reuse"], "{0}", run);
        Finding(run, "engine").Should().StartWith("No Docker engine answers at unix:///nonexistent/docker.sock").And.Contain("setup/prepare.sh");
        run.StdoutLines[^1].Should().StartWith("4 findings: 3 ok, 0 warnings, 1 blocker: fix the first blocker");
        run.StderrLines.Should().NotContain(l => l.StartsWith("infratests: ", StringComparison.Ordinal), "{0}", run);
    }

    [Fact]
    public async Task Tag_that_is_not_in_the_registry_is_a_blocker_naming_it()
    {
        var run = await CliRun.InProcessAsync(["doctor", "--tag", "nosuch", "--root", Samples.Rbldnsd]);

        run.Should().ExitWith(1);
        Findings(run).Single(f => f.Mark == "blocker").Subject.Should().Be("tag", "{0}", run);
        Finding(run, "tag").Should().StartWith("The nosuch tag 127.0.0.1:5000/samples/rbldnsd:nosuch is not in the registry 127.0.0.1:5000 (manifest unknown")
            .And.EndWith($"push it, or correct tags.nosuch in {Samples.Rbldnsd}/infratests.yaml.");
        Findings(run).Select(f => f.Subject).Should().NotContain(["image", "contract", "ports"], "they need the digest the tag did not give");
    }

    [Theory]
    [InlineData(null, "warn credentials", "blocker tag")]
    [InlineData(Podman, "blocker credentials", null)]
    public async Task Secured_registry_without_credentials_is_a_blocker_naming_docker_login(string? engine, string credentials, string? tag)
    {
        var (root, config) = SecuredServiceWithoutCredentials();
        var run = await CliProcess.RunAsync(["doctor", "--root", root], environment: new Dictionary<string, string?> { ["DOCKER_CONFIG"] = config, ["DOCKER_HOST"] = engine });

        run.Should().ExitWith(1);
        var marks = Findings(run).Select(f => $"{f.Mark} {f.Subject}").ToList();
        marks.Should().Contain(credentials, "{0}", run);
        Finding(run, "credentials").Should().Be($"127.0.0.1:5443 asks for credentials and there are none for it in {config}/config.json: run `docker login 127.0.0.1:5443`");
        if (tag is not null)
        {
            // Docker's engine asks the registry itself: the tag is where it fails, in the same words as any run.
            marks.Should().Contain(tag);
            Finding(run, "tag").Should().Be($"Could not resolve 127.0.0.1:5443/samples/rbldnsd:stable: the registry 127.0.0.1:5443 needs credentials and there are none for 127.0.0.1:5443 in {config}/config.json: run `docker login 127.0.0.1:5443`.");
        }
        else
        {
            marks.Should().NotContain(m => m.EndsWith(" tag", StringComparison.Ordinal), "the registry's API would refuse the tag for the same reason");
        }
    }

    [Fact]
    public async Task Podman_is_all_ok_and_says_tags_go_through_the_registry_api()
    {
        var run = await CliProcess.RunAsync(["doctor", "--root", "samples/rbldnsd"], environment: new Dictionary<string, string?> { ["DOCKER_HOST"] = Podman });

        run.Should().Succeed();
        Findings(run).Select(f => $"{f.Mark} {f.Subject}").Should().Equal(Subjects.Select(s => $"ok {s}"), "{0}", run);
        Finding(run, "engine").Should().StartWith("Podman engine 4.").And.Contain($"at {Podman} (DOCKER_HOST, Podman's Docker-compatible API), speaking API 1.");
        Finding(run, "distribution").Should().EndWith("has no distribution endpoint: InfraTests resolves tags through the registry's API (HEAD /v2/…/manifests/TAG) from this machine, with your credentials");
        Finding(run, "tag").Should().EndWith("(resolved through the registry's API)");
        Finding(run, "ports").Should().MatchRegex(@"^53/udp on 127\.0\.0\.1:\d+, loopback only;");
        (await ContainersOnPodmanOfAsync(run.ProcessId!.Value)).Should().BeEmpty("the container it started on Podman is removed");
    }

    public void Dispose() => scratch.Delete(recursive: true);

    private (string Root, string Config) SecuredServiceWithoutCredentials()
    {
        var root = Directory.CreateDirectory(Path.Combine(scratch.FullName, "service")).FullName;
        File.WriteAllText(Path.Combine(root, "infratests.yaml"), "image: 127.0.0.1:5443/samples/rbldnsd\ntags:\n  production: stable\n");
        var config = Directory.CreateDirectory(Path.Combine(scratch.FullName, "docker")).FullName;
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("someone:else"));
        File.WriteAllText(Path.Combine(config, "config.json"), JsonSerializer.Serialize(new { auths = new Dictionary<string, object> { ["127.0.0.1:5000"] = new { auth } } }));
        return (root, config);
    }

    // A finding line: the mark, the subject, then its text (and what to do), columns padded with spaces.
    private static List<(string Mark, string Subject, string Text)> Findings(CliRun run) =>
        run.StdoutLines.Skip(1).SkipLast(1)
            .Select(l => l.Split(' ', 2, StringSplitOptions.TrimEntries) is [var mark, var rest] && rest.Split(' ', 2, StringSplitOptions.TrimEntries) is [var subject, var text]
                ? (mark, subject, text)
                : throw new InvalidOperationException($"not a finding line: {l}"))
            .ToList();

    private static string Finding(CliRun run, string subject) => Findings(run).Single(f => f.Subject == subject).Text;

    private static async Task<IReadOnlyList<string>> ContainersOnPodmanOfAsync(int processId)
    {
        using var podman = await DockerEngine.ConnectAsync(new Uri(Podman), TestContext.Current.CancellationToken);
        var containers = await podman.Client.Containers.ListContainersAsync(
            new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ResourceLabels.Process}={Environment.MachineName}:{processId}"] = true } },
            },
            TestContext.Current.CancellationToken);
        return containers.Select(c => $"{c.ID[..12]} ({c.Image}, {c.State})").ToList();
    }
}
