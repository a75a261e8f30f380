using System.Text;
using FluentAssertions;
using InfraTests.Support;

namespace InfraTests.Cli.Tests;

/// <summary>
/// <c>infratests init</c> on brand-new service repos made in a temporary folder (git init, a sample's service files without
/// its tests/), then the first <c>dotnet test</c> of the project it wrote, restoring InfraTests from the feed: green on the
/// first try against the real image. A second run changes nothing. Slow (a restore and a build each), so kept to one repo per
/// sample.
/// </summary>
public sealed class InitTests
{
    private const string Rbldnsd = "127.0.0.1:5000/samples/rbldnsd:stable";

    [Fact]
    public async Task Init_with_an_image_in_a_new_rbldnsd_repo_writes_a_project_whose_first_dotnet_test_passes()
    {
        using var repo = ServiceRepo.FromSample("rbldnsd", "tests", "infratests.yaml");
        File.WriteAllText(Path.Combine(repo.Path, ".dockerignore"), ".git\n");

        var run = await CliRun.InProcessAsync(["init", "--root", repo.Path, "--image", Rbldnsd, "--infratests-version", PublishedVersion.Value]);

        run.Should().Succeed();
        run.StdoutLines[0].Should().StartWith($"{repo.Path}: production's image {Rbldnsd} is sha256:", "{0}", run);
        run.Stdout.Should().Contain("wrote   infratests.yaml").And.Contain("wrote   tests/Rbldnsd.Tests.csproj").And.Contain("wrote   tests/ChecksFileTests.cs")
            .And.Contain("added   tests to .dockerignore").And.Contain("lacks   no TEST_METHOD").And.Contain("Dockerfile:16")
            .And.Contain("next    cd ").And.Contain("then    dotnet watch test --no-restore").And.NotContain("TestModeTests.cs").And.NotContain("RenderedConfigTests.cs");
        File.ReadAllText(Path.Combine(repo.Path, "infratests.yaml")).Should().Contain("image: 127.0.0.1:5000/samples/rbldnsd\ntags:\n  production: stable\n");
        File.ReadAllText(Path.Combine(repo.Path, ".dockerignore")).Should().Be(".git\ntests\n");

        var (exitCode, output) = await DotnetTest.RunAsync(Path.Combine(repo.Path, "tests"));

        exitCode.Should().Be(0, output);
        output.Should().Contain("Passed!", output).And.MatchRegex(@"succeeded: 6\b", "validation, the daemon's answer and the four entries of the checks file: {0}", output);
        File.ReadAllText(Path.Combine(repo.Path, "tests", "obj", "project.assets.json")).Should()
            .Contain($"\"InfraTests.Assertions/{PublishedVersion.Value}\"").And.NotContain("\"AwesomeAssertions/");
    }

    [Fact]
    public async Task Init_in_a_new_bind_repo_on_AwesomeAssertions_passes_its_first_dotnet_test_and_a_second_run_changes_nothing()
    {
        using var repo = ServiceRepo.FromSample("bind", "tests");

        var first = await CliProcess.RunAsync(["init", "--root", repo.Path, "--assertions", "awesome", "--infratests-version", PublishedVersion.Value]);

        first.Should().Succeed();
        first.Stdout.Should().Contain("wrote   tests/Bind.Tests.csproj").And.Contain("wrote   tests/TestModeTests.cs").And.Contain("wrote   tests/RenderedConfigTests.cs")
            .And.Contain("kept    .dockerignore").And.NotContain("wrote   infratests.yaml").And.NotContain("ChecksFileTests.cs").And.NotContain("lacks");
        var (exitCode, output) = await DotnetTest.RunAsync(Path.Combine(repo.Path, "tests"));
        exitCode.Should().Be(0, output);
        output.Should().MatchRegex(@"succeeded: 4\b", "validation, test mode, the daemon's answer and the rendered config: {0}", output);
        File.ReadAllText(Path.Combine(repo.Path, "tests", "obj", "project.assets.json")).Should()
            .Contain($"\"InfraTests.AwesomeAssertions/{PublishedVersion.Value}\"").And.NotContain("\"FluentAssertions/");
        var before = repo.Files();

        var second = await CliProcess.RunAsync(["init", "--root", repo.Path, "--infratests-version", PublishedVersion.Value]);

        second.Should().Succeed();
        second.StdoutLines.Should().HaveCount(5, "{0}", second).And.Contain(l => l.StartsWith("nothing to do: the 12 files of tests/ are there as init writes them", StringComparison.Ordinal));
        second.Stdout.Should().Contain("note    assertions: AwesomeAssertions 9 through InfraTests.AwesomeAssertions (from tests/Bind.Tests.csproj)");
        Describe(repo.Files()).Should().Be(Describe(before), "a second run writes nothing");

        var json = await CliRun.InProcessAsync(["init", "--root", repo.Path, "--infratests-version", PublishedVersion.Value, "--json"]);

        json.Should().Succeed();
        var document = json.Should().PrintOneJsonDocument().Which;
        document.GetProperty("command").GetString().Should().Be("init");
        document.GetProperty("nothingToDo").GetBoolean().Should().BeTrue();
        document.GetProperty("project").GetString().Should().Be("Bind.Tests");
        document.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("action").GetString()).Should().OnlyContain(a => a == "unchanged");
        Describe(repo.Files()).Should().Be(Describe(before));
    }

    [Fact]
    public async Task Init_in_a_new_wiki_repo_writes_web_tests_whose_first_dotnet_test_passes()
    {
        using var repo = ServiceRepo.FromSample("wiki", "tests", ".github", ".forgejo");

        var run = await CliRun.InProcessAsync(["init", "--root", repo.Path, "--infratests-version", PublishedVersion.Value]);

        run.Should().Succeed();
        run.Stdout.Should().Contain("wrote   tests/DaemonTests.cs").And.Contain("READY_CHECK (http://127.0.0.1:80/)")
            .And.Contain("wrote   tests/ChecksFileTests.cs").And.NotContain("BLOCKLIST_ZONES", "a web service's checks file needs no zones: {0}", run);
        File.ReadAllText(Path.Combine(repo.Path, "tests", "DaemonTests.cs")).Should().Contain("Http.GetAsync(ready.Path").And.NotContain("version.bind");

        var (exitCode, output) = await DotnetTest.RunAsync(Path.Combine(repo.Path, "tests"));

        exitCode.Should().Be(0, output);
        output.Should().Contain("Passed!", output).And.MatchRegex(@"succeeded: 10\b", "validation, the ready check and the eight entries of the checks file (seven http, one tcp): {0}", output);
    }

    // Every file with its length and a hash of its bytes: a difference names the file.
    internal static string Describe(IReadOnlyDictionary<string, byte[]> files) => new StringBuilder().AppendJoin('\n', files.OrderBy(f => f.Key, StringComparer.Ordinal)
        .Select(f => $"{f.Key} {f.Value.Length} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(f.Value))[..16]}")).ToString();
}
