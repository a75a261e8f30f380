using FluentAssertions;
using InfraTests.Harness.Reports;
using InfraTests.Unit.Snapshots;

namespace InfraTests.Unit.Reports;

/// <summary>The run's report: what it writes into the results folder and the job summary, and that an off report writes nothing.</summary>
public sealed class RunReportTests
{
    [Fact]
    public void Report_writes_the_summary_the_annotations_and_the_patch_and_appends_to_the_step_summary()
    {
        using var folder = new ReportFolder();
        var stepSummary = Path.Combine(folder.Path, "step_summary");
        File.WriteAllText(stepSummary, "## From an earlier step\n");
        var report = new RunReport(folder.Results, "Rbl.Tests", Environments.With(("GITHUB_STEP_SUMMARY", stepSummary)));
        report.Record(new ReportedVerdict(false, "/service/bin/validate.sh to pass", "exited 1")
        {
            Failure = "Expected /service/bin/validate.sh to pass, but it exited 1",
            Tree = folder.Service,
            Problems = [new("zones/bl", 61, "invalid A RR")],
        });
        report.Record(new ReportedChanges("bind@sha256:9f8e…", [new("conf/zones", ReportedChange.Update, 1, 1)], "diff --git a/conf/zones b/conf/zones\n"));

        var written = report.Write();

        written.Should().Be(Path.Combine(folder.Results, RunReport.SummaryFileName));
        folder.Read(RunReport.SummaryFileName).Should().StartWith("## ❌ InfraTests: Rbl.Tests");
        folder.Read(RunReport.AnnotationsFileName).Should().Be("::error file=services/rbl/zones/bl,line=61,title=/service/bin/validate.sh to pass::invalid A RR\n");
        folder.Read(RunReport.PatchFileName).Should().Be("diff --git a/conf/zones b/conf/zones\n");
        File.ReadAllText(stepSummary).Should().Be("## From an earlier step\n" + folder.Read(RunReport.SummaryFileName) + "\n");
    }

    [Fact]
    public void Report_that_is_off_records_and_writes_nothing()
    {
        using var folder = new ReportFolder();
        var stepSummary = Path.Combine(folder.Path, "step_summary");
        var report = new RunReport(resultsDirectory: null, "infratests", Environments.With(("GITHUB_STEP_SUMMARY", stepSummary)));

        report.Record(new ReportedVerdict(true, "a", "b"));

        report.Write().Should().BeNull();
        File.Exists(stepSummary).Should().BeFalse();
        Directory.Exists(folder.Results).Should().BeFalse();
    }

    [Fact]
    public void Report_of_this_process_is_off_outside_a_test_assembly_built_with_reports_on()
    {
        RunReport.ForThisProcess.ResultsDirectory.Should().BeNull("this unit test assembly is built from project references, without the packages' targets");
    }
}
