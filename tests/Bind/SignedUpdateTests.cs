using DnsClient;
using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Harness;
using InfraTests.Harness.Services;

namespace InfraTests.Bind;

/// <summary>
/// UPDATE_METHOD on the signed zone (example.net, inline signing): named signs only a raw zone whose serial went up, so a
/// file rewritten as it was (a rollout copies every data file) is as good as loaded, a change with a higher serial is
/// served, and a change without one fails saying to raise it instead of waiting for a reload that never shows.
/// </summary>
public sealed class SignedUpdateTests
{
    [Fact]
    public async Task Signed_zone_file_rewritten_as_it_was_updates_at_once()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tree = WorkingTree.CopyOf(BindService.Root.Path);
        await using var service = await ServiceBuilder.For(BindService.Root).WithWorkingTree(tree).Build().StartAsync(ct);
        tree.Write("zones/master/example.net", tree.Read("zones/master/example.net"));
        File.SetLastWriteTimeUtc(tree.PathOf("zones/master/example.net"), DateTime.UtcNow.AddSeconds(5));

        var update = await service.RunUpdateAsync(ct);

        update.Words.Should().Contain("ok: example.net serial 2026112501");
    }

    [Fact]
    public async Task Signed_zone_changed_without_a_new_serial_fails_saying_to_raise_it()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tree = WorkingTree.CopyOf(BindService.Root.Path);
        await using var service = await ServiceBuilder.For(BindService.Root).WithWorkingTree(tree).Build().StartAsync(ct);
        tree.Append("zones/master/example.net", "unsigned-change\tIN\tA\t198.51.100.99");

        var update = () => service.RunUpdateAsync(ct);

        (await update.Should().ThrowAsync<InfraTestsException>()).Which.Message.Should()
            .Contain("update.sh: example.net: the file changed but its serial 2026112501 did not: named signs only a higher serial, so it would go on serving the old data; raise the serial");
    }

    [Fact]
    public async Task Signed_zone_changed_with_a_higher_serial_is_served()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tree = WorkingTree.CopyOf(BindService.Root.Path);
        await using var service = await ServiceBuilder.For(BindService.Root).WithWorkingTree(tree).Build().StartAsync(ct);
        TestModeTests.Edit(tree, "zones/master/example.net", "2026112501", "2026112502");
        tree.Append("zones/master/example.net", "signed-change\tIN\tA\t198.51.100.98");

        await service.RunUpdateAsync(ct);

        (await service.Dns.QueryAsync("signed-change.example.net", QueryType.A, cancellationToken: ct)).Should().BeAuthoritative().And.HaveExactly(QueryType.A, "198.51.100.98");
    }
}
