using InfraTests.Assertions;

namespace Rbldnsd.Tests;

/// <summary>What the operator asks before pushing: is the host blocked, for the right reason, and is nothing whitelisted blocked?</summary>
public sealed class OperatorStoryTests(Rbl rbl)
{
    [Fact]
    public async Task Spamming_host_is_listed_with_its_reason() =>
        (await rbl.SenderHosts.LookupAsync("sh8.mailingliststart.com", TestContext.Current.CancellationToken)).Should()
            .BeListed().WithAddress("127.0.0.2").WithReason("Excessive spam from this host");

    [Fact]
    public async Task Spamming_host_is_not_whitelisted() =>
        (await rbl.WhitelistedHosts.LookupAsync("sh8.mailingliststart.com", TestContext.Current.CancellationToken)).Should()
            .NotBeListed();

    [Fact]
    public async Task Newsletter_host_is_whitelisted_over_its_domains_listing()
    {
        var ct = TestContext.Current.CancellationToken;

        (await rbl.SenderHosts.LookupAsync("news.mailingliststart.com", ct)).Should()
            .BeListed("bl.rbl lists the whole of .mailingliststart.com");
        (await rbl.WhitelistedHosts.LookupAsync("news.mailingliststart.com", ct)).Should()
            .BeListed("a mail server asks wl.rbl after bl.rbl, and a listing there lets the host through")
            .WithReason("Whitelisted: our newsletter is sent from news.mailingliststart.com");
    }

    [Fact]
    public async Task Every_zone_line_passes_the_images_own_validation() =>
        (await rbl.Service.RunValidationAsync(TestContext.Current.CancellationToken)).Should().Pass();
}
