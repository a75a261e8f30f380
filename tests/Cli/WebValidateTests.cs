using FluentAssertions;
using InfraTests.Support;

namespace InfraTests.Cli.Tests;

/// <summary>`infratests validate` on a copy of the wiki sample: the image's own VALIDATE_METHOD, run in the real nginx image.</summary>
public sealed class WebValidateTests
{
    [Fact]
    public async Task A_link_to_a_missing_page_fails_validation_naming_file_and_line()
    {
        using var repo = ServiceRepo.FromSample("wiki", "tests");
        var page = Path.Combine(repo.Path, "pages", "dns", "index.md");
        var lines = File.ReadAllLines(page);
        var line = Array.FindIndex(lines, l => l.Contains("(/dns/rbldnsd/)", StringComparison.Ordinal));
        line.Should().BeGreaterThanOrEqualTo(0, "the DNS page links the rbldnsd page");
        lines[line] = lines[line].Replace("(/dns/rbldnsd/)", "(/dns/rbldnsd-gone/)", StringComparison.Ordinal);
        File.WriteAllLines(page, lines);

        var run = await CliRun.InProcessAsync(["validate", "--root", repo.Path]);

        run.Should().ExitWith(1);
        run.Stdout.Should().Contain($"pages/dns/index.md:{line + 1}: link to /dns/rbldnsd-gone/: no page at /dns/rbldnsd-gone/", "{0}", run)
            .And.Contain($"FAILED: 127.0.0.1:5000/samples/wiki@sha256:", "{0}", run);
    }

    [Fact]
    public async Task The_wiki_as_committed_passes_validation() =>
        (await CliRun.InProcessAsync(["validate", "--root", Samples.Wiki])).Should().Succeed();
}
