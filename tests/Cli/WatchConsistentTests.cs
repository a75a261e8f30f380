using FluentAssertions;
using InfraTests.Harness.Services;

namespace InfraTests.Cli.Tests;

/// <summary>
/// <c>infratests watch --once</c> on the BIND sample with a <c>consistent:</c> check: the working tree's serial of example.com
/// against a primary the test starts on an internal network of its own, asked from where watch runs.
/// </summary>
public sealed class WatchConsistentTests
{
    [Fact]
    public async Task Watch_once_passes_while_the_serials_agree_and_fails_naming_both_once_the_primary_moves_on()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var network = await TestNetwork.CreateAsync("bind", ct);
        using var primaryTree = WorkingTree.CopyOf(Samples.Bind);
        await using var primary = await ServiceBuilder.For(ServiceRoot.Find(Samples.Bind)).WithWorkingTree(primaryTree).WithNetwork(network.Name).Build().StartAsync(ct);
        using var tree = WorkingTree.CopyOf(Samples.Bind);
        tree.Write("infratests.checks.yaml", $"consistent:\n  - zone: example.com\n    with: {primary.NetworkAddress}\n");
        var check = $"example.com has the serial of its primary {primary.NetworkAddress}:53";

        var agreeing = await CliRun.InProcessAsync(["watch", "--once", "--root", tree.Path]);

        agreeing.Should().Succeed();
        agreeing.Stdout.Should().Contain($"ok   {check}").And.Contain("1/1 checks passed");

        primaryTree.Write("zones/master/example.com", primaryTree.Read("zones/master/example.com").Replace("2026112501", "2026112502", StringComparison.Ordinal));
        await primary.RunUpdateAsync(ct);

        var behind = await CliRun.InProcessAsync(["watch", "--once", "--root", tree.Path]);

        behind.Should().ExitWith(1);
        behind.Stdout.Should().Contain($"FAIL {check}: answered serial 2026112501 here, 2026112502 at the primary {primary.NetworkAddress}:53")
            .And.Contain("0/1 checks passed");
    }
}
