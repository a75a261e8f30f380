using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Services;

namespace InfraTests.Rbldnsd;

/// <summary>UPDATE_METHOD in a running container: new data is served without a restart, and never stale.</summary>
public sealed class RuntimeUpdateTests
{
    [Fact]
    public async Task New_entry_answers_after_the_update_in_the_same_container()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tree = WorkingTree.CopyOf(RbldnsdService.Root.Path);
        await using var service = await RbldnsdService.StartWithAsync(tree);
        var hosts = new Blocklist(service.Dns, "senderhost.bl.rbl");
        var containerBefore = service.Id;
        (await hosts.LookupAsync("late.example.net", ct)).Should().NotBeListed();

        tree.Append("zones/bl", "$DATASET dnset:senderhost senderhost", "late.example.net :127.0.0.5:added after start");
        await service.RunUpdateAsync(ct);

        (await hosts.LookupAsync("late.example.net", ct)).Should().BeListed().WithAddress("127.0.0.5").WithReason("added after start");
        service.Id.Should().Be(containerBefore);
    }

    [Fact]
    public async Task Same_size_edits_in_quick_succession_are_never_answered_stale()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tree = WorkingTree.CopyOf(RbldnsdService.Root.Path);
        await using var service = await RbldnsdService.StartWithAsync(tree);
        var hosts = new Blocklist(service.Dns, "senderhost.bl.rbl");
        var original = tree.Read("zones/bl");
        original.Should().Contain("Phishing from this host");

        // Each edit keeps the file's size and lands within the same second as the last: rbldnsd alone would not reload.
        foreach (var round in Enumerable.Range(0, 8))
        {
            var reason = $"Phishing round {round:000} host";
            reason.Length.Should().Be("Phishing from this host".Length);
            tree.Write("zones/bl", original.Replace("Phishing from this host", reason, StringComparison.Ordinal));

            await service.RunUpdateAsync(ct);

            (await hosts.LookupAsync("phish.example.org", ct)).Should().BeListed().WithReason(reason, "edit {0} was saved before the update", round);
        }
    }
}
