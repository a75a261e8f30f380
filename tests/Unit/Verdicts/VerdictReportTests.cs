using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Services;
using InfraTests.Harness.Snapshots;
using InfraTests.Harness.Verdicts;
using InfraTests.Unit.Assertions;
using InfraTests.Unit.Snapshots;

namespace InfraTests.Unit.Verdicts;

/// <summary>What a verdict gives the run's report and a failed test: what was asked and answered, problems, attachments.</summary>
public sealed class VerdictReportTests
{
    [Fact]
    public void Passing_verdict_reports_what_was_asked_the_answer_and_the_image_without_reading_the_log()
    {
        var log = new CountingLog();

        var report = BlocklistVerdicts.Listed(Answers.Listed("spam from this host", log), withAddress: "127.0.0.2", withReason: "spam from this host").ToReport();

        report.Should().BeEquivalentTo(new
        {
            Passed = true,
            Claim = "sh8.mailingliststart.com to be listed in senderhost.bl.rbl with A 127.0.0.2 and TXT \"spam from this host\"",
            Answer = "listed (127.0.0.2, \"spam from this host\")",
            Image = "127.0.0.1:5000/samples/rbldnsd@sha256:1a2b3c4d5e6f…",
            Failure = (string?)null,
        });
        log.Reads.Should().Be(0);
    }

    [Fact]
    public void Failed_validation_reports_its_problems_in_the_tree_checked()
    {
        var result = ValidationResult.From(new CommandResult("/service/bin/validate.sh", 1, "zones/bl:4: invalid A RR\n", string.Empty, TimeSpan.Zero))
            with { Tree = "/work/rbl", Image = Answers.Image.PinnedReference };

        var report = ValidationVerdicts.Accepted(result).ToReport();

        report.Claim.Should().Be("/service/bin/validate.sh to pass");
        report.Answer.Should().Be("exited 1, naming zones/bl:4");
        report.Image.Should().Be("127.0.0.1:5000/samples/rbldnsd@sha256:1a2b3c4d5e6f…");
        report.Tree.Should().Be("/work/rbl");
        report.Problems.Should().ContainSingle().Which.Should().Be(new Harness.Reports.ReportedProblem("zones/bl", 4, "invalid A RR"));
        report.Failure.Should().StartWith("Expected /service/bin/validate.sh to pass, but it exited 1:");
    }

    [Fact]
    public void Expected_rejection_names_no_problem_to_annotate()
    {
        var result = ValidationResult.From(new CommandResult("/service/bin/validate.sh", 1, "zones/bl:4: invalid A RR\n", string.Empty, TimeSpan.Zero));

        ValidationVerdicts.RejectedAt(result, "zones/bl", 4).ToReport().Problems.Should().BeEmpty("the test expected that line to fail");
    }

    [Fact]
    public void Failed_dns_verdict_attaches_the_daemons_whole_log_and_a_passing_one_nothing()
    {
        var log = new CountingLog();

        BlocklistVerdicts.Listed(Answers.Listed("spam", log)).Attachments.Should().BeEmpty();
        log.Reads.Should().Be(0);
        BlocklistVerdicts.NotListed(Answers.Listed("spam", log)).Attachments
            .Should().Equal(new VerdictAttachment("daemon-log", "rbldnsd: loaded\n"));
    }

    [Fact]
    public async Task Snapshot_mismatch_attaches_the_received_text_and_the_diff()
    {
        using var folder = new SnapshotFolder();
        folder.Write("zone.verified.txt", "a\nb\n");
        var engine = new SnapshotEngine(Environments.With(("CI", "true")), (_, _) => Task.CompletedTask);

        var verdict = await SnapshotVerdicts.CheckAsync(engine, "a\nc\n", new SnapshotLocation(folder.Path, "zone"), new SnapshotSettings());

        verdict.Attachments.Should().Equal(
            new VerdictAttachment("snapshot-received", "a\nc\n"),
            new VerdictAttachment("snapshot-diff", "--- zone.verified.txt\n+++ zone.received.txt\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n"));
        verdict.ToReport().Answer.Should().Be("differs from zone.verified.txt");
    }

    [Fact]
    public void Failed_assertion_attaches_to_the_running_xunit_test()
    {
        var answer = Answers.Listed("spam", new FixedLog("rbldnsd: loaded 3 entries"));

        var act = () => answer.Should().NotBeListed();

        act.Should().Throw<Exception>();
        TestContext.Current.Attachments.Should().ContainKey("daemon-log")
            .WhoseValue.AsString().Should().Be("rbldnsd: loaded 3 entries\n");
    }

    private sealed class CountingLog : IDaemonLog
    {
        public int Reads { get; private set; }

        public Task<IReadOnlyList<string>> GetLogsAsync(DateTime since = default, DateTime until = default, CancellationToken cancellationToken = default)
        {
            Reads++;
            return Task.FromResult<IReadOnlyList<string>>(["rbldnsd: loaded"]);
        }
    }
}
