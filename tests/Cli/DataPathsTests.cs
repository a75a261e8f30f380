using FluentAssertions;
using InfraTests.Harness.Engine;
using InfraTests.Support;

namespace InfraTests.Cli.Tests;

/// <summary>
/// <c>infratests rollout</c> sends data, not code, to real rbldnsd containers: a revision that changes a script of what
/// the hosts' image bakes is refused in one line with nothing changed, unless <c>--send-code</c> asks for it; a revision of
/// data changes only data; a DATA_PATHS no rollout could follow is one line, exit 2. The service repo starts from what the
/// hosts' image bakes (hosts on the first engine only, so all run one image).
/// </summary>
public sealed class DataPathsTests
{
    private const string ChangedScript = "# changed by a revision\n";

    [Fact]
    public async Task Revision_that_changes_update_sh_is_refused_and_nothing_changes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartAsync(ct: ct, hosts: 2);
        using var repo = await ServiceRepo.FromImageAsync(fleet.Hosts[0].Engine, Fleet.Image, ct);
        var revision = repo.Commit("a new update script", tree => File.AppendAllText(Path.Combine(tree, "bin/update.sh"), ChangedScript));
        var records = Directory.CreateTempSubdirectory("infratests-cli-records-").FullName;
        var generations = await Task.WhenAll(fleet.Hosts.Select(Fleet.GenerationAsync));
        string[] args = ["rollout", "--root", repo.Path, "--label", fleet.Label, "--records", records, "--no-probe"];

        var dryRun = await CliRun.InProcessAsync([.. args, "--dry-run"]);
        var run = await CliProcess.RunAsync(args);

        run.Should().FailWithOneLine().Which.Should().Be(
            $"infratests: revision {revision[..12]} changes files outside DATA_PATHS that the targets' image bakes, on {fleet.Hosts[0].Target}, {fleet.Hosts[1].Target} " +
            $"(image {Fleet.Image}, {DataPathsOf(run.Stderr)}): bin/update.sh (changed): code needs a new image; build and deploy one, or give --send-code to send the whole tree. Nothing was rolled out.");
        dryRun.Should().FailWithOneLine().Which.Should().Be(run.Stderr.Trim(), "a dry run says what would be refused");
        foreach (var host in fleet.Hosts)
        {
            (await Fleet.FileAsync(host, "bin/update.sh", ct)).Should().NotContain(ChangedScript, $"{host.Name} keeps the script its image baked");
        }

        (await Task.WhenAll(fleet.Hosts.Select(Fleet.GenerationAsync))).Should().Equal(generations, "no host ran UPDATE_METHOD");
        Directory.EnumerateFiles(records, "*.json").Should().BeEmpty("nothing was rolled out, so nothing is recorded");
    }

    [Fact]
    public async Task Revision_that_changes_update_sh_goes_out_with_send_code()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartAsync(ct: ct, hosts: 2);
        using var repo = await ServiceRepo.FromImageAsync(fleet.Hosts[0].Engine, Fleet.Image, ct);
        repo.Commit("a new update script", tree => File.AppendAllText(Path.Combine(tree, "bin/update.sh"), ChangedScript));

        var run = await CliRun.InProcessAsync(["rollout", "--root", repo.Path, "--label", fleet.Label, "--records", Directory.CreateTempSubdirectory().FullName, "--no-probe", "--send-code"]);

        run.Should().Succeed();
        foreach (var host in fleet.Hosts)
        {
            (await Fleet.FileAsync(host, "bin/update.sh", ct)).Should().EndWith(ChangedScript, $"{host.Name} got the whole tree, code included");
        }
    }

    [Fact]
    public async Task Data_only_revision_rolls_out_and_leaves_code_as_the_image_baked_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartAsync(ct: ct, hosts: 2);
        using var repo = await ServiceRepo.FromImageAsync(fleet.Hosts[0].Engine, Fleet.Image, ct);
        repo.Commit("list data-only.example.net", tree => ServiceRepo.Append(tree, "zones/bl", "$DATASET dnset:senderhost senderhost", "data-only.example.net :127.0.0.2:Data only"));
        var host = fleet.Hosts[0];

        // A helper script an operator dropped in by hand: code, which a rollout of data neither writes nor removes.
        (await host.Engine.ExecAsync(host.ContainerId, ["/bin/sh", "-c", "echo '#!/bin/sh' > /service/bin/by-hand.sh"], cancellationToken: ct)).Succeeded.Should().BeTrue();
        var code = await StatAsync(host, ct);

        var run = await CliProcess.RunAsync(["rollout", "--root", repo.Path, "--label", fleet.Label, "--records", Directory.CreateTempSubdirectory().FullName, "--no-probe"]);

        run.Should().Succeed();
        run.StderrLines.Should().Contain(l => l.Contains($"{host.Target}: copied ", StringComparison.Ordinal) && !l.Contains("copied 0 ", StringComparison.Ordinal));
        foreach (var each in fleet.Hosts)
        {
            (await Fleet.ReasonAsync(each, "data-only.example.net")).Should().Be("Data only", $"{each.Name} serves the new data");
        }

        (await StatAsync(host, ct)).Should().Be(code, "bin/update.sh, bin/validate.sh, the Dockerfile and .dockerignore are the very files the image baked (same inode, never rewritten), and bin/by-hand.sh is still there");
    }

    [Theory]
    [InlineData("DATA_PATHS=zones/[a-", "ENV DATA_PATHS pattern 1: 'zones/[a-' is not a pattern docker build can read (")]
    [InlineData("DATA_PATHS=zones ../etc", "ENV DATA_PATHS '../etc' leaves SERVICE_ROOT (/service): a rollout changes nothing outside it; name folders inside it.")]
    [InlineData("DATA_PATHS=/service/zones", "ENV DATA_PATHS '/service/zones' is an absolute path: patterns are relative to SERVICE_ROOT (/service); write 'zones'.")]
    public async Task Data_paths_no_rollout_could_follow_is_one_line_and_exit_2(string env, string problem)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartAsync(n => [env], ct, hosts: 1);
        using var repo = await ServiceRepo.FromImageAsync(fleet.Hosts[0].Engine, Fleet.Image, ct);
        repo.Commit("list bad-paths.example.net", tree => ServiceRepo.Append(tree, "zones/bl", "$DATASET dnset:senderhost senderhost", "bad-paths.example.net"));

        var run = await CliRun.InProcessAsync(["rollout", "--root", repo.Path, "--label", fleet.Label, "--records", Directory.CreateTempSubdirectory().FullName, "--no-probe"]);

        run.Should().FailWithOneLine().Which.Should().StartWith($"infratests: {fleet.Hosts[0].Target}: {problem}");
        (await Fleet.ReasonAsync(fleet.Hosts[0], "bad-paths.example.net")).Should().BeNull("nothing was rolled out");
    }

    // The DATA_PATHS the refusal names: the image's own, or the default, whichever build of the sample the fleet runs.
    private static string DataPathsOf(string stderr) =>
        stderr[(stderr.IndexOf($"(image {Fleet.Image}, ", StringComparison.Ordinal) + $"(image {Fleet.Image}, ".Length)..stderr.IndexOf("): bin/", StringComparison.Ordinal)];

    // Inode and change time of the code files, and the names in bin/: any write, removal or re-creation changes them.
    private static async Task<string> StatAsync(Fleet.Host host, CancellationToken ct)
    {
        var stat = await host.Engine.ExecAsync(host.ContainerId, ["/bin/sh", "-c", "stat -c '%n %i %Z' /service/bin/update.sh /service/bin/validate.sh /service/Dockerfile /service/.dockerignore; ls /service/bin"], cancellationToken: ct);
        return stat.Succeeded ? stat.Output : throw new InvalidOperationException($"stat in {host.Name} failed: {stat.Words}");
    }
}
