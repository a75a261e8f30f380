using FluentAssertions;
using InfraTests.Support;

namespace InfraTests.Cli.Tests;

/// <summary><c>infratests init</c> on input it cannot work from: one line saying what to do, exit 2, and not one file written.</summary>
public sealed class InitBadInputTests : IDisposable
{
    private readonly DirectoryInfo scratch = Directory.CreateTempSubdirectory("infratests-init-bad-");

    [Fact]
    public async Task Init_outside_a_git_repository_exits_2_and_writes_nothing()
    {
        File.Copy(Path.Combine(Samples.Rbldnsd, "Dockerfile"), Path.Combine(scratch.FullName, "Dockerfile"));

        var run = await CliProcess.RunAsync(["init", "--root", scratch.FullName, "--image", "127.0.0.1:5000/samples/rbldnsd:stable"]);

        run.Should().FailWithOneLine().Which.Should().StartWith($"infratests: {scratch.FullName}: not in a git repository (git rev-parse: fatal: not a git repository")
            .And.EndWith("run init in the service repo's clone, or `git init` it first.");
        scratch.GetFileSystemInfos().Select(f => f.Name).Should().Equal("Dockerfile");
    }

    [Fact]
    public async Task Init_in_a_repo_with_neither_a_Dockerfile_nor_an_image_exits_2_and_writes_nothing()
    {
        using var repo = ServiceRepo.FromSample("rbldnsd", "tests", "infratests.yaml", "Dockerfile");
        var before = InitTests.Describe(repo.Files());

        var run = await CliRun.InProcessAsync(["init", "--root", repo.Path]);

        run.Should().FailWithOneLine().Which.Should().Be($"infratests: {repo.Path}: neither infratests.yaml nor a Dockerfile here: run init in the service repo's root, or name production's image with --image REGISTRY/REPOSITORY:TAG.");
        InitTests.Describe(repo.Files()).Should().Be(before);
    }

    [Fact]
    public async Task Init_with_a_Dockerfile_and_no_image_name_exits_2_asking_for_the_image()
    {
        using var repo = ServiceRepo.FromSample("rbldnsd", "tests", "infratests.yaml");
        var before = InitTests.Describe(repo.Files());

        var run = await CliRun.InProcessAsync(["init", "--root", repo.Path]);

        run.Should().FailWithOneLine().Which.Should().Be($"infratests: {Path.Combine(repo.Path, "Dockerfile")} says how the image is built, not the name production pulls it by, and there is no infratests.yaml: give it, `infratests init --image REGISTRY/REPOSITORY:TAG`.");
        InitTests.Describe(repo.Files()).Should().Be(before);
    }

    [Fact]
    public async Task Init_with_an_image_whose_tag_does_not_resolve_exits_2_with_the_registrys_refusal()
    {
        using var repo = ServiceRepo.FromSample("rbldnsd", "tests", "infratests.yaml");
        var before = InitTests.Describe(repo.Files());

        var run = await CliRun.InProcessAsync(["init", "--root", repo.Path, "--image", "127.0.0.1:5000/samples/rbldnsd:nosuch"]);

        run.Should().FailWithOneLine().Which.Should().Be(
            "infratests: The production tag 127.0.0.1:5000/samples/rbldnsd:nosuch is not in the registry 127.0.0.1:5000 (manifest unknown: manifest unknown): push it, or correct --image.");
        InitTests.Describe(repo.Files()).Should().Be(before);
    }

    [Fact]
    public async Task Init_with_an_image_without_the_contract_exits_2_naming_the_Dockerfile_line_to_add()
    {
        using var repo = ServiceRepo.FromSample("rbldnsd", "tests", "infratests.yaml");
        repo.Commit("no validation yet", path => File.WriteAllLines(Path.Combine(path, "Dockerfile"), File.ReadAllLines(Path.Combine(path, "Dockerfile")).Where(l => !l.Contains("VALIDATE_METHOD", StringComparison.Ordinal))));
        var before = InitTests.Describe(repo.Files());

        var run = await CliRun.InProcessAsync(["init", "--root", repo.Path, "--image", "127.0.0.1:5000/infratests/debian:bookworm"]);

        run.Should().FailWithOneLine().Which.Should().Be(
            "infratests: The image 127.0.0.1:5000/infratests/debian:bookworm lacks ENV SERVICE_ROOT, ENV UPDATE_METHOD, ENV VALIDATE_METHOD, EXPOSE of a DNS port (e.g. EXPOSE 53/udp), "
            + "so no test of it can start: add `ENV VALIDATE_METHOD=/service/bin/validate.sh` (checks the data with the daemon's parser) to its Dockerfile (the ENV instruction at Dockerfile:16); "
            + "the Dockerfile has SERVICE_ROOT (Dockerfile:16), UPDATE_METHOD (Dockerfile:16), EXPOSE 53/udp already; rebuild and push the image, then run `infratests init` again (docs/contract.md).");
        InitTests.Describe(repo.Files()).Should().Be(before);
    }

    [Theory]
    [InlineData("tests/ValidationTests.cs", "// the operator's own\n", "tests/ValidationTests.cs: there already, with other content than init writes, and init never overwrites a file")]
    [InlineData("tests/Blocklist.Tests.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n", "tests/Blocklist.Tests.csproj: a project init did not write is in tests/ already")]
    public async Task Init_beside_a_test_project_it_did_not_write_exits_2_naming_the_file(string path, string content, string line)
    {
        using var repo = ServiceRepo.FromSample("rbldnsd", "tests");
        Directory.CreateDirectory(Path.Combine(repo.Path, "tests"));
        File.WriteAllText(Path.Combine(repo.Path, path), content);
        var before = InitTests.Describe(repo.Files());

        var run = await CliRun.InProcessAsync(["init", "--root", repo.Path, "--infratests-version", PublishedVersion.Value]);

        run.Should().FailWithOneLine().Which.Should().StartWith($"infratests: {repo.Path}/{line}");
        InitTests.Describe(repo.Files()).Should().Be(before);
    }

    [Fact]
    public async Task Init_pinning_a_version_the_feed_lacks_exits_2_naming_the_newest_there()
    {
        using var repo = ServiceRepo.FromSample("rbldnsd", "tests");
        var before = InitTests.Describe(repo.Files());

        var run = await CliRun.InProcessAsync(["init", "--root", repo.Path, "--infratests-version", "0.0.1-nowhere"]);

        run.Should().FailWithOneLine().Which.Should().StartWith("infratests: InfraTests 0.0.1-nowhere is not on the feed http://127.0.0.1:5580/v3/index.json (newest there: ")
            .And.EndWith("publish it there (setup/pack.sh in the InfraTests checkout), or pin a version the feed lists with --infratests-version.");
        InitTests.Describe(repo.Files()).Should().Be(before);
    }

    public void Dispose() => scratch.Delete(recursive: true);
}
