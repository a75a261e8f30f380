using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Services;
using InfraTests.Support;

namespace InfraTests.Rbldnsd;

/// <summary>
/// The rbldnsd sample under production, <c>previous</c> and <c>next</c> (setup/revisions/rbldnsd): the operator's story
/// holds on every one of them, and the baked data of each is its own revision.
/// </summary>
public sealed class TagTests : TagContract<RbldnsdService>
{
    protected override async Task WorkingTreeIsServedAsync(ServiceContainer service, CancellationToken cancellationToken)
    {
        (await new Blocklist(service.Dns, "senderhost.bl.rbl").LookupAsync("sh8.mailingliststart.com", cancellationToken)).Should()
            .BeListed().WithAddress("127.0.0.2").WithReason("Excessive spam from this host");
        (await new Blocklist(service.Dns, "senderhost.wl.rbl").LookupAsync("sh8.mailingliststart.com", cancellationToken)).Should().NotBeListed();
        var newsletter = await HostCheck.RunAsync(service.Dns, service.Image.Contract.BlocklistZones, service.Image.Contract.WhitelistZones, "news.mailingliststart.com", cancellationToken);
        newsletter.IsBlocked.Should().BeFalse("news.mailingliststart.com is whitelisted under {0}", service.Tested.TagReference);
    }

    // previous predates the phishing entry; next adds the snowshoe domain.
    protected override async Task BakedRevisionIsServedAsync(string role, ServiceContainer service, CancellationToken cancellationToken)
    {
        var senderHosts = new Blocklist(service.Dns, "senderhost.bl.rbl");
        var phish = await senderHosts.LookupAsync("phish.example.org", cancellationToken);
        var snowshoe = await senderHosts.LookupAsync("mta7.snowshoe.example.net", cancellationToken);
        switch (role)
        {
            case "previous":
                phish.Should().NotBeListed("previous is the revision before phish.example.org was listed");
                snowshoe.Should().NotBeListed();
                break;
            case "production":
                phish.Should().BeListed().WithReason("Phishing from this host");
                snowshoe.Should().NotBeListed("only next lists .snowshoe.example.net");
                break;
            case "next":
                phish.Should().BeListed().WithReason("Phishing from this host");
                snowshoe.Should().BeListed().WithAddress("127.0.0.2").WithReason("Snowshoe spam from this host");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(role), role, "the rbldnsd sample has no answers for this tag role");
        }
    }
}
