using FluentAssertions;
using InfraTests.Harness.Reports;
using InfraTests.Harness.Services;
using InfraTests.Harness.Verdicts;

namespace InfraTests.Rbldnsd;

/// <summary>
/// The run's report over the real daemon's validation: a service kept in a folder of a repository, with a zone line
/// rbldnsd cannot parse, is annotated at that line of that file, named from the repository's root as GitHub wants it.
/// </summary>
public sealed class RunReportTests
{
    [Fact]
    public async Task Bad_zone_line_is_annotated_at_its_file_and_line_from_the_repository_root()
    {
        var repository = Directory.CreateTempSubdirectory("infratests-repo-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(repository, ".git"));
            var service = Path.Combine(repository, "services", "rbl");
            CopyService(RbldnsdService.Root.Path, service);
            var zone = Path.Combine(service, "zones", "bl");
            var lines = File.ReadAllLines(zone).ToList();
            var at = lines.FindIndex(l => l.StartsWith("spammer.example.net", StringComparison.Ordinal));
            lines.Insert(at, ".badly-written.example : spam from this host");
            File.WriteAllLines(zone, lines);
            await using var container = await RbldnsdService.StartWithAsync(WorkingTree.Of(service));
            var report = new RunReport(Path.Combine(service, "tests", "TestResults"), "Rbl.Tests", _ => null);

            report.Record(ValidationVerdicts.Accepted(await container.RunValidationAsync(TestContext.Current.CancellationToken)).ToReport() with { Test = "Rbl.Tests.Every_zone_line_validates" });
            var summary = File.ReadAllText(report.Write()!);

            File.ReadAllText(Path.Combine(service, "tests", "TestResults", RunReport.AnnotationsFileName))
                .Should().Be($"::error file=services/rbl/zones/bl,line={at + 1},title=Rbl.Tests.Every_zone_line_validates::invalid A RR\n");
            summary.Should().Contain($"| ❌ | Rbl.Tests.Every_zone_line_validates | /service/bin/validate.sh to pass | exited 1, naming zones/bl:{at + 1} | <code>{container.Tested.ShortReference}</code> |")
                .And.Contain($"| <code>services/rbl/zones/bl</code> | {at + 1} | invalid A RR |");
        }
        finally
        {
            Directory.Delete(repository, recursive: true);
        }
    }

    // The service's own files: not the test project inside it.
    private static void CopyService(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories).Where(f => !Path.GetRelativePath(from, f).StartsWith("tests", StringComparison.Ordinal)))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        // The daemon in the container runs as its own user and must read the mounted folder (temp folders are private).
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(to, File.GetUnixFileMode(from));
        }
    }
}
