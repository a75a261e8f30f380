using InfraTests.Harness.Reports;
using InfraTests.Harness.Verdicts;
using Xunit;

namespace InfraTests.Assertions;

/// <summary>
/// What an assertion leaves behind besides its failure: the verdict in the run's report (<see cref="RunReport.ForThisProcess"/>,
/// with the xunit v3 test's name), and on a failure the verdict's attachments on the test (the daemon's log, a received
/// snapshot and its diff), which the TRX report carries as result files.
/// </summary>
internal static class Judged
{
    public static void Record(Verdict verdict)
    {
        var context = TestContext.Current;
        var report = RunReport.ForThisProcess;
        if (report.ResultsDirectory is not null)
        {
            report.Record(verdict.ToReport() with { Test = context.Test?.TestDisplayName });
        }

        // Outside a running test (a fixture, a plain console) there is nothing to attach to.
        if (!verdict.Passed && context.Attachments is not null)
        {
            foreach (var attachment in verdict.Attachments)
            {
                context.AddAttachment(attachment.Name, attachment.Text, replaceExistingValue: true);
            }
        }
    }
}
