using FluentAssertions;
using InfraTests.Harness.Reports;
using InfraTests.Unit.Snapshots;

namespace InfraTests.Unit.Reports;

/// <summary>The job summary in Markdown: a row per verdict, problems and failures, and the deploy's plan.</summary>
public sealed class JobSummaryTests
{
    private static readonly ReportedVerdict Listed = new(true, "sh8.mailingliststart.com to be listed in senderhost.bl.rbl", "listed (127.0.0.2, \"spam | more\")")
    {
        Test = "Rbl.Tests.Spamming_host_is_listed",
        Image = "127.0.0.1:5000/samples/rbldnsd@sha256:1a2b3c4d5e6f…",
    };

    [Fact]
    public void Every_verdict_is_a_row_with_what_was_asked_the_answer_and_the_image()
    {
        var summary = JobSummary.For("Rbl.Tests", [Listed], [], Environments.Local);

        summary.Should().StartWith("## ✅ InfraTests: Rbl.Tests\n\n1 verdict passed, 0 failed.\n\n| | Test | Asked | Answer | Image |\n|---|---|---|---|---|\n")
            .And.Contain("| ✅ | Rbl.Tests.Spamming_host_is_listed | sh8.mailingliststart.com to be listed in senderhost.bl.rbl | listed (127.0.0.2, \"spam \\| more\") | <code>127.0.0.1:5000/samples/rbldnsd@sha256:1a2b3c4d5e6f…</code> |\n")
            .And.NotContain("### Failures");
    }

    [Fact]
    public void Failure_is_folded_away_in_a_fence_longer_than_the_backticks_it_quotes()
    {
        var failed = new ReportedVerdict(false, "the text to match snapshot A.B.verified.txt", "differs") { Failure = "Expected the text ```to match``` <it>" };

        var summary = JobSummary.For("Rbl.Tests", [Listed, failed], [], Environments.Local);

        summary.Should().StartWith("## ❌ InfraTests: Rbl.Tests\n\n1 verdict passed, 1 failed.")
            .And.Contain("<details><summary>❌ the text to match snapshot A.B.verified.txt</summary>\n\n````text\nExpected the text ```to match``` <it>\n````\n\n</details>");
    }

    [Fact]
    public void Problems_are_listed_at_their_repository_path()
    {
        using var folder = new ReportFolder();
        var rejected = new ReportedVerdict(false, "/service/bin/validate.sh to pass", "exited 1, naming zones/bl:61")
        {
            Failure = "Expected /service/bin/validate.sh to pass, but it exited 1",
            Tree = folder.Service,
            Problems = [new("zones/bl", 61, "invalid A RR")],
        };

        JobSummary.For("Rbl.Tests", [rejected], [], Environments.Local)
            .Should().Contain("### Problems named at file and line\n\n| File | Line | Problem |\n|---|---:|---|\n| <code>services/rbl/zones/bl</code> | 61 | invalid A RR |\n");
    }

    [Fact]
    public void Deploy_is_a_plan_of_creates_updates_and_unchanged_files_with_the_diff_folded_away()
    {
        var plan = new ReportedChanges(
            "127.0.0.1:5000/samples/bind@sha256:9f8e…",
            [new("conf/named_master_zones", ReportedChange.Update, 3, 1), new("conf/named_new", ReportedChange.Create, 2, 0), new("conf/named_slave_zones", ReportedChange.Unchanged, 0, 0)],
            "diff --git a/conf/named_master_zones b/conf/named_master_zones\n+zone \"example.org\" {\n");

        JobSummary.For("Bind.Tests", [], [plan], Environments.Local).Should().EndWith(
            "### Rendered configuration against <code>127.0.0.1:5000/samples/bind@sha256:9f8e…</code>\n\n"
            + "| File | Change | Lines |\n|---|---|---:|\n"
            + "| <code>conf/named_master_zones</code> | update | +3 −1 |\n"
            + "| <code>conf/named_new</code> | create | +2 −0 |\n"
            + "| <code>conf/named_slave_zones</code> | unchanged |  |\n"
            + "\n1 to create, 1 to update, 1 unchanged; rendering deletes no file.\n\n"
            + "<details><summary>The diff that a deploy brings to production</summary>\n\n"
            + "```diff\ndiff --git a/conf/named_master_zones b/conf/named_master_zones\n+zone \"example.org\" {\n```\n\n</details>\n\n");
    }

    [Fact]
    public void Deploy_that_changes_nothing_says_so_without_a_diff()
    {
        var plan = new ReportedChanges("bind@sha256:9f8e…", [new("conf/named_master_zones", ReportedChange.Unchanged, 0, 0)], string.Empty);

        JobSummary.For("Bind.Tests", [], [plan], Environments.Local)
            .Should().Contain("0 to create, 0 to update, 1 unchanged; rendering deletes no file.\n\n").And.NotContain("<details>");
    }
}
