using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Services;

namespace InfraTests.Rbldnsd;

/// <summary>The operator's first story: a host seen in the logs is blocked with the right reason, and not whitelisted.</summary>
public sealed class OperatorStoryTests(RbldnsdService rbl)
{
    [Fact]
    public async Task Listed_host_answers_with_its_reason_and_is_not_whitelisted()
    {
        var ct = TestContext.Current.CancellationToken;

        (await rbl.SenderHosts.LookupAsync("sh8.mailingliststart.com", ct)).Should()
            .BeListed().WithAddress("127.0.0.2").WithReason("Excessive spam from this host");
        (await rbl.WhitelistedHosts.LookupAsync("sh8.mailingliststart.com", ct)).Should().NotBeListed();
    }

    [Fact]
    public async Task An_uncommitted_edit_is_what_the_production_image_answers()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tree = WorkingTree.CopyOf(RbldnsdService.Root.Path);
        tree.Write("zones/bl", tree.Read("zones/bl").Replace(
            ".mailingliststart.com :", ".newly-seen-spammer.example :127.0.0.2:spam from this host\n.mailingliststart.com :", StringComparison.Ordinal));

        await using var service = await RbldnsdService.StartWithAsync(tree);
        var hosts = new Blocklist(service.Dns, "senderhost.bl.rbl");

        (await hosts.LookupAsync("mx1.newly-seen-spammer.example", ct)).Should().BeListed().WithReason("spam from this host");
        (await rbl.SenderHosts.LookupAsync("mx1.newly-seen-spammer.example", ct)).Should()
            .NotBeListed("the shared container runs the committed sample, which does not list it");
        service.Tested.Digest.Should().Be(rbl.Service.Tested.Digest, "both containers run the production image pinned by digest");
    }

    [Fact]
    public void The_container_runs_the_production_tag_pinned_by_digest()
    {
        var tested = rbl.Service.Tested;

        tested.TagReference.Should().Be("127.0.0.1:5000/samples/rbldnsd:stable");
        tested.PinnedReference.Should().MatchRegex(@"^127\.0\.0\.1:5000/samples/rbldnsd@sha256:[0-9a-f]{64}$");
        tested.DaemonVersion.Should().StartWith("rbldnsd");
    }
}
