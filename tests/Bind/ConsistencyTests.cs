using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Harness;
using InfraTests.Harness.Checks;
using InfraTests.Harness.Services;

namespace InfraTests.Bind;

/// <summary>
/// Zonemaster's consistency tests on real BIND: a primary and a secondary from the same production image, on an internal
/// network the test creates, compared through zone transfers. The secondary hears no NOTIFY (the committed
/// conf/named_secondaries lists none) and its refresh is an hour away, so a change on the primary stays there.
/// </summary>
public sealed class ConsistencyTests
{
    [Fact]
    public async Task Fresh_secondary_agrees_with_its_primary_on_serial_NS_set_and_every_record()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var pair = await Pair.StartAsync(ct);

        var comparison = (await pair.Primary.Dns.Should().BeConsistentWithAsync(pair.Secondary.Dns, "example.com")).Which;

        comparison.Server.Serial.Should().Be(2026112501);
        comparison.Server.NameServers.Should().Equal("ns1.example.com.", "ns2.example.com.");
        comparison.Server.Records.Should().Contain("www.example.com. IN A 192.0.2.10").And.HaveCountGreaterThan(20);
    }

    [Fact]
    public async Task Secondary_kept_on_an_older_serial_fails_naming_both_servers_and_both_serials()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var pair = await Pair.StartAsync(ct);
        TestModeTests.Edit(pair.PrimaryTree, "zones/master/example.com", "2026112501", "2026112502");
        pair.PrimaryTree.Append("zones/master/example.com", "added\tIN\tA\t192.0.2.77");
        await pair.Primary.RunUpdateAsync(ct);

        var act = () => pair.Primary.Dns.Should().BeConsistentWithAsync(pair.Secondary.Dns, "example.com");

        var message = (await act.Should().ThrowAsync<Exception>()).Which.Message;
        var (primary, secondary) = ($"{pair.Primary.NetworkAddress}:53/tcp", $"{pair.Secondary.NetworkAddress}:53/tcp");
        message.Should().StartWith($"Expected example.com at {primary} (serial 2026112502) to be consistent with {secondary} (serial 2026112501)")
            .And.Contain($"the serials differ: 2026112502 at {primary}, 2026112501 at {secondary}")
            .And.Contain($"only at {primary}: added.example.com. IN A 192.0.2.77; only at {secondary}: none");
    }

    [Fact]
    public async Task Record_changed_without_a_new_serial_fails_naming_the_record_on_each_side()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var pair = await Pair.StartAsync(ct);
        TestModeTests.Edit(pair.PrimaryTree, "zones/master/example.com", "www\tIN\tA\t192.0.2.10", "www\tIN\tA\t192.0.2.11");
        await pair.Primary.RunUpdateAsync(ct);

        var act = () => pair.Secondary.Dns.Should().BeConsistentWithAsync(pair.Primary.Dns, "example.com");

        var message = (await act.Should().ThrowAsync<Exception>()).Which.Message;
        var (primary, secondary) = ($"{pair.Primary.NetworkAddress}:53/tcp", $"{pair.Secondary.NetworkAddress}:53/tcp");
        message.Should().StartWith($"Expected example.com at {secondary} (serial 2026112501) to be consistent with {primary} (serial 2026112501)")
            .And.NotContain("serials differ")
            .And.Contain($"2 records differ; only at {secondary}: www.example.com. IN A 192.0.2.10; only at {primary}: www.example.com. IN A 192.0.2.11");
    }

    [Fact]
    public async Task Checks_file_consistent_entry_passes_on_a_fresh_secondary_and_fails_naming_both_serials_once_the_primary_moves_on()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var pair = await Pair.StartAsync(ct);
        var checks = ChecksFile.Parse($"consistent:\n  - zone: example.com\n    with: {pair.Primary.NetworkAddress}\n", "infratests.checks.yaml");
        var secondary = ServiceEndpoints.Of(pair.Secondary);

        var fresh = (await checks.RunAsync(secondary, ct)).Should().ContainSingle().Which;
        fresh.Passed.Should().BeTrue(fresh.Answered);
        fresh.Answered.Should().Be($"serial 2026112501 here, 2026112501 at the primary {pair.Primary.NetworkAddress}:53");

        TestModeTests.Edit(pair.PrimaryTree, "zones/master/example.com", "2026112501", "2026112502");
        await pair.Primary.RunUpdateAsync(ct);

        var behind = (await checks.RunAsync(secondary, ct)).Should().ContainSingle().Which;
        behind.Passed.Should().BeFalse();
        behind.Answered.Should().Be($"serial 2026112501 here, 2026112502 at the primary {pair.Primary.NetworkAddress}:53");
        behind.Check.ToString().Should().Be($"example.com has the serial of its primary {pair.Primary.NetworkAddress}:53");
    }

    /// <summary>A primary with a tree of its own and a secondary that has transferred example.com from it.</summary>
    private sealed class Pair : IAsyncDisposable
    {
        private readonly List<IAsyncDisposable> owned = [];
        private readonly List<WorkingTree> trees = [];

        public ServiceContainer Primary { get; private set; } = null!;

        public ServiceContainer Secondary { get; private set; } = null!;

        public WorkingTree PrimaryTree => trees[0];

        public static async Task<Pair> StartAsync(CancellationToken ct)
        {
            var pair = new Pair();
            try
            {
                var network = await TestNetwork.CreateAsync("bind", ct);
                pair.owned.Add(network);
                pair.trees.Add(WorkingTree.CopyOf(BindService.Root.Path));
                pair.Primary = await ServiceBuilder.For(BindService.Root).WithWorkingTree(pair.PrimaryTree).WithNetwork(network.Name).Build().StartAsync(ct);
                pair.owned.Add(pair.Primary);
                var secondaryTree = WorkingTree.CopyOf(BindService.Root.Path);
                pair.trees.Add(secondaryTree);
                secondaryTree.Write("conf/named_slave_zones", secondaryTree.Read("conf/named_slave_zones").Replace("192.0.2.53", pair.Primary.NetworkAddress, StringComparison.Ordinal));
                pair.Secondary = await ServiceBuilder.For(BindService.Root).WithWorkingTree(secondaryTree).WithNetwork(network.Name)
                    .WithEnvironment("SERVICE_ROLE", "slave").Build().StartAsync(ct);
                pair.owned.Add(pair.Secondary);

                // bound: WaitForZoneAsync polls the secondary's SOA and returns as the first transfer lands; its own 15 s covers a
                // secondary that asks its primary for a zone of a few records as it starts, on a loaded machine.
                await pair.Secondary.WaitForZoneAsync("example.com", serial: 2026112501, cancellationToken: ct);
                return pair;
            }
            catch
            {
                await pair.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            // Containers first, then the network they sit on.
            for (var i = owned.Count - 1; i >= 0; i--)
            {
                await owned[i].DisposeAsync();
            }

            trees.ForEach(t => t.Dispose());
        }
    }
}
