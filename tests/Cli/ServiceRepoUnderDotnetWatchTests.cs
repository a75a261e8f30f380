using System.Diagnostics;
using FluentAssertions;
using InfraTests.Harness.Reuse;
using InfraTests.Harness.Services;

namespace InfraTests.Cli.Tests;

/// <summary>
/// <c>dotnet watch test</c> for real, in a service repo as its owner has it: a copy of the rbldnsd sample whose own test
/// project restores InfraTests from the feed, at the version <c>setup/pack.sh</c> published for this checkout.
/// </summary>
public sealed class ServiceRepoUnderDotnetWatchTests
{
    private const string Listing = ".mailingliststart.com :127.0.0.2:Excessive spam from this host\n";
    // dotnet watch's own lines: a run launched, and the suite done with nothing running until the next change.
    private const string Launch = "with arguments 'test";
    private const string Idle = "Waiting for a file to change before restarting";
    // bound: each wait is for dotnet watch's own line (the event) and ends when it comes. FirstRun covers a restore from the
    // feed and a first build of the copy; Rerun a save → verdict, about 5 s on an idle machine (docs/packaging.md).
    private static readonly TimeSpan FirstRun = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Rerun = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_saved_zone_file_reruns_the_suite_with_its_new_verdict_and_what_builds_renders_and_tests_write_does_not()
    {
        await PublishThisCheckoutAsync();
        using var tree = WorkingTree.CopyOf(Samples.Rbldnsd);
        var packages = tree.Read("tests/Directory.Packages.props");
        tree.Write("tests/Directory.Packages.props", packages.Replace("$(MSBuildThisFileDirectory)../../../artifacts/", Path.Combine(Samples.RepoRoot, "artifacts") + "/", StringComparison.Ordinal));
        Put(tree, "templates/rendered.liquid", "# rendered\n");
        tree.Write("buildsettings.yaml", "files:\n  - template: templates/rendered.liquid\n    output: conf/rendered.conf\n    mode: 644\n");
        // Written before dotnet watch lists its files, so each would be watched if the package's targets did not leave it out.
        string[] ignored = ["conf/rendered.conf", "zones/bl.received.txt", "tests/bin/written-by-a-build.txt", "tests/obj/written-by-a-build.txt"];
        foreach (var file in ignored)
        {
            Put(tree, file, "before\n");
        }

        var original = tree.Read("zones/bl");
        original.Should().Contain(Listing);
        try
        {
            using var session = DotnetWatchSession.Start(tree.PathOf("tests"));
            (await session.WaitForAsync("Test run summary", 1, FirstRun)).Text.Should().Contain("Passed!", session.Tail(60));
            await session.WaitForAsync(Idle, 1, Rerun);

            // (a) sh8 excluded from the listing that a test expects it under: the suite runs again and fails, naming it.
            var saved = session.Now;
            tree.Write("zones/bl", original.Replace(Listing, Listing + "!sh8.mailingliststart.com\n", StringComparison.Ordinal));
            (await session.WaitForAsync("Test run summary", 2, Rerun)).Text.Should().Contain("Failed!", session.Tail(60));
            session.Lines("Expected sh8.mailingliststart.com to be listed in senderhost.bl.rbl").Should().Contain(l => l.At > saved, "the failure names the host the save un-listed; the output was:\n{0}", session.Tail(60));
            await session.WaitForAsync(Idle, 2, Rerun);

            // (b) The file as it was: passes again.
            tree.Write("zones/bl", original);
            (await session.WaitForAsync("Test run summary", 3, Rerun)).Text.Should().Contain("Passed!", session.Tail(60));
            await session.WaitForAsync(Idle, 3, Rerun);

            // (c) What a render, a snapshot mismatch and a build write starts nothing. dotnet watch prints its launch of
            // `dotnet test` within milliseconds of a change it reacts to; a watched save two seconds later then starts
            // exactly one run, its own.
            var written = session.Now;
            foreach (var file in ignored)
            {
                tree.Append(file, "after");
            }

            // bound: what must not happen has no event to wait for. dotnet watch reacts to a watched change in milliseconds
            // (0.004 s, docs/packaging.md), so 2 s is hundreds of times that; a launch later still would be counted below as
            // a second one, unless dotnet watch merged it into the watched save's.
            await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
            var watchedSave = session.Now;
            tree.Append("zones/wl", "# saved by the test");
            (await session.WaitForAsync("Test run summary", 4, Rerun)).Text.Should().Contain("Passed!", session.Tail(60));
            session.Lines(Launch).Where(l => l.At > written).Should().ContainSingle("only the save of zones/wl starts a run; the output was:\n{0}", session.Tail(80))
                .Which.At.Should().BeGreaterThan(watchedSave, "the one run came from the watched save, not from {0}", string.Join(", ", ignored));
        }
        finally
        {
            // dotnet watch runs the suite with DOTNET_WATCH=1, which keeps its container for the next run: not past this test.
            var removed = await ReusedContainers.RemoveAllAsync(c => c.TreePath is { } path && Path.TrimEndingDirectorySeparator(path) == Path.TrimEndingDirectorySeparator(tree.Path), CancellationToken.None);
            (await ReusedContainers.ListAsync(CancellationToken.None)).Should().NotContain(c => c.TreePath == tree.Path, "removed {0}", removed.Count);
        }
    }

    private static void Put(WorkingTree tree, string file, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(tree.PathOf(file))!);
        tree.Write(file, text);
    }

    // The packages of this checkout on the feed, and artifacts/InfraTestsVersion.props naming them: fast when they are there.
    private static async Task PublishThisCheckoutAsync()
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Samples.RepoRoot, "setup", "pack.sh")]) { WorkingDirectory = Samples.RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        using var pack = Process.Start(start)!;
        var output = pack.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = pack.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        // bound: a guard on the wait for its exit: setup/pack.sh is a no-op when the feed has this version, and otherwise
        // builds and pushes five packages in Release, minutes on a loaded 2-core machine.
        deadline.CancelAfter(TimeSpan.FromMinutes(15));
        try
        {
            await pack.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            pack.Kill(entireProcessTree: true);
            throw;
        }

        pack.ExitCode.Should().Be(0, "setup/pack.sh publishes what the copy restores; it said:\n{0}{1}", await output, await errors);
    }
}
