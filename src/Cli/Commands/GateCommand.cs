using System.CommandLine;
using InfraTests.Cli.Output;
using InfraTests.Harness.Images;
using InfraTests.Harness.Services;
using InfraTests.Rollout;

namespace InfraTests.Cli.Commands;

/// <summary>
/// <c>infratests gate</c>: the webhook's gate on demand. A committed revision of the service repo goes through the production
/// image's test mode, validation and checks on the digest production's tag names now (or <c>--digest</c>), and the verdict
/// is recorded where <c>promote</c> and <c>status</c> read it: a nightly's build, gate and promote as three lines of a job.
/// Exit 0 passed, 1 failed (recorded either way), 2 bad input.
/// </summary>
internal static class GateCommand
{
    public static Command Create(CliConsole console)
    {
        var root = CommonOptions.Root();
        var revision = CommonOptions.Revision("test");
        var digest = new Option<string?>("--digest") { Description = "Test on this digest (sha256:…) of production's repository instead of the one its tag names now." };
        var records = RolloutOptions.RecordsOption();
        var verbose = CommonOptions.Verbose();
        var command = new Command("gate", "Test a committed revision on the production image (test mode, validation, checks) as the webhook's gate does, and record the digest it passed or failed on for promote and status; exit 0 passed, 1 failed.")
        {
            root, revision, digest, records, verbose,
        };
        command.SetAction((parse, cancellationToken) => Failure.GuardAsync(console, "gate", parse.GetValue(verbose), json: false, async () =>
        {
            var digests = parse.GetValue(digest) is { } given ? [ProductionImage.CheckDigest(given, "--digest")] : Array.Empty<string>();
            using var source = await Revision.FromServiceRootAsync(ServiceRoot.Find(parse.GetValue(root)!).Path, parse.GetValue(revision)!, cancellationToken);
            var gate = await RevisionGate.ProductionImage.TestAsync(source, digests, new CliConsole.LineProgress(line => console.Out.WriteLine($"  {line}")), cancellationToken);
            var saved = GateRecords.Save(parse.GetValue(records)!, gate);
            var on = saved.Digests.Count == 0 ? "the image production's tag names" : string.Join(", ", saved.Digests);
            if (saved.Passed)
            {
                console.Out.WriteLine($"passed: {source.ShortId} on {on}; recorded as gate {saved.Id}: promote may move a service onto it.");
                return 0;
            }

            console.Error.WriteLine($"infratests: failed: {source.ShortId} on {on}: {saved.Why}; recorded as gate {saved.Id}: promote refuses it.");
            return Failure.VerdictNotExpected;
        }));
        return command;
    }
}
