using DnsClient;
using DnsClient.Protocol;
using InfraTests.Assertions;
using InfraTests.Harness.Services;

namespace InfraTests.Bind;

/// <summary>The working tree's zone is newer than what production serves from its baked-in data.</summary>
public sealed class SerialTests
{
    [Fact]
    public async Task Bumped_serial_in_the_working_tree_is_newer_than_productions()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var production = await ServiceBuilder.For(BindService.Root).WithBakedData().Build().StartAsync(ct);
        var productionSerial = (await production.Dns.QueryAsync("example.org", QueryType.SOA, cancellationToken: ct)).Answers.OfType<SoaRecord>().Single().Serial;
        using var tree = WorkingTree.CopyOf(BindService.Root.Path);
        TestModeTests.Edit(tree, "zones/master/example.org", $"{productionSerial}", $"{productionSerial + 1}");

        await using var edited = await ServiceBuilder.For(BindService.Root).WithWorkingTree(tree).Build().StartAsync(ct);

        (await edited.Dns.QueryAsync("example.org", QueryType.SOA, cancellationToken: ct)).Should()
            .BeAuthoritative().And.HaveSoaSerialNewerThan(productionSerial);
    }
}
