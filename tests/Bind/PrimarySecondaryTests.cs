using DnsClient;
using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Harness;
using InfraTests.Harness.Services;

namespace InfraTests.Bind;

/// <summary>A primary and a secondary from the same production image on an internal network the test creates.</summary>
public sealed class PrimarySecondaryTests
{
    [Fact]
    public async Task Secondary_transfers_the_zone_and_picks_up_a_new_record_after_NOTIFY()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var network = await TestNetwork.CreateAsync("bind", ct);
        using var primaryTree = WorkingTree.CopyOf(BindService.Root.Path);
        await using var primary = await ServiceBuilder.For(BindService.Root).WithWorkingTree(primaryTree).WithNetwork(network.Name).Build().StartAsync(ct);
        using var secondaryTree = WorkingTree.CopyOf(BindService.Root.Path);
        secondaryTree.Write("conf/named_slave_zones", secondaryTree.Read("conf/named_slave_zones").Replace("192.0.2.53", primary.NetworkAddress, StringComparison.Ordinal));
        await using var secondary = await ServiceBuilder.For(BindService.Root).WithWorkingTree(secondaryTree).WithNetwork(network.Name)
            .WithEnvironment("SERVICE_ROLE", "slave").Build().StartAsync(ct);

        // bound: WaitForZoneAsync polls the secondary's SOA and returns as the transfer lands; its own 15 s covers a secondary
        // that asks its primary for a zone of a few records as it starts, on a loaded machine.
        (await secondary.WaitForZoneAsync("example.com", cancellationToken: ct)).Should().BeAuthoritative().And.HaveSoaSerial(2026112501);
        (await secondary.Dns.QueryAsync("www.example.com", QueryType.A, cancellationToken: ct)).Should().HaveExactly(QueryType.A, "192.0.2.10");

        var secondaryId = secondary.Id;
        primaryTree.Write("conf/named_secondaries", $"masters \"secondaries\" {{ {secondary.NetworkAddress}; }};\n");
        TestModeTests.Edit(primaryTree, "zones/master/example.com", "2026112501", "2026112502");
        primaryTree.Append("zones/master/example.com", "added\tIN\tA\t192.0.2.77");
        await primary.RunUpdateAsync(ct);

        // bound: polls for the new serial. The primary notifies at once (notify-delay 0) and the transfer is a few records, so
        // it lands within a second on an idle machine; 30 s covers a loaded one and a resent NOTIFY, and stays far below the
        // zone's refresh (3600 s), so a pass still proves the NOTIFY, not a refresh, brought the change.
        await secondary.WaitForZoneAsync("example.com", serial: 2026112502, timeout: TimeSpan.FromSeconds(30), cancellationToken: ct);
        (await secondary.Dns.QueryAsync("added.example.com", QueryType.A, cancellationToken: ct)).Should().BeAuthoritative().And.HaveExactly(QueryType.A, "192.0.2.77");
        secondary.Id.Should().Be(secondaryId, "the secondary picked the change up without a restart");
    }

    [Fact]
    public async Task Secondary_that_cannot_reach_its_primary_fails_in_one_line()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var network = await TestNetwork.CreateAsync("bind", ct);
        using var tree = WorkingTree.CopyOf(BindService.Root.Path);
        await using var secondary = await ServiceBuilder.For(BindService.Root).WithWorkingTree(tree).WithNetwork(network.Name)
            .WithEnvironment("SERVICE_ROLE", "slave").Build().StartAsync(ct);

        // The committed list names 192.0.2.53, which is not on the test's internal network: no packet leaves it.
        // bound: a wait for what cannot happen (no primary on this network), so no bound would let the zone arrive and load
        // cannot turn the verdict; 3 s keeps the test short and is what the message names.
        var act = () => secondary.WaitForZoneAsync("example.com", timeout: TimeSpan.FromSeconds(3), cancellationToken: ct);

        (await act.Should().ThrowAsync<InfraTestsException>()).Which.Message.Should()
            .Contain("did not serve example.com within 3 s").And.NotContain("\n");
    }
}
