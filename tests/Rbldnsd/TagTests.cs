using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Services;

namespace InfraTests.Rbldnsd;

/// <summary>
/// Current, past and future: the sample is published as production (<c>stable</c>), <c>previous</c> and <c>next</c>, each
/// built from a different revision (setup/revisions/rbldnsd). The operator's story must hold on every one of them, and
/// the tags must really be different revisions.
/// </summary>
public sealed class TagTests
{
    private static readonly string[] RoleNames = ["production", "previous", "next"];

    public static TheoryData<string> Roles => new(RoleNames);

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Listed_host_answers_with_its_reason_and_is_not_whitelisted_under_every_tag(string role)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var service = await ServiceBuilder.For(RbldnsdService.Root).WithTag(role).Build().StartAsync(ct);
        Report(role, service);

        (await new Blocklist(service.Dns, "senderhost.bl.rbl").LookupAsync("sh8.mailingliststart.com", ct)).Should()
            .BeListed().WithAddress("127.0.0.2").WithReason("Excessive spam from this host");
        (await new Blocklist(service.Dns, "senderhost.wl.rbl").LookupAsync("sh8.mailingliststart.com", ct)).Should().NotBeListed();
        var newsletter = await HostCheck.RunAsync(service.Dns, service.Image.Contract.BlocklistZones, service.Image.Contract.WhitelistZones, "news.mailingliststart.com", ct);
        newsletter.IsBlocked.Should().BeFalse("news.mailingliststart.com is whitelisted under {0}", service.Tested.TagReference);
        service.Tested.TagReference.Should().Be(RbldnsdService.Root.Description.ReferenceFor(role));
    }

    [Fact]
    public async Task Each_tag_serves_its_own_revision_of_the_baked_data()
    {
        var ct = TestContext.Current.CancellationToken;
        // All three at once: a start is mostly waiting for the daemon's first answer.
        var starts = RoleNames.Select(role => ServiceBuilder.For(RbldnsdService.Root).WithTag(role).WithBakedData().Build().StartAsync(ct)).ToArray();
        try
        {
            var services = RoleNames.Zip(await Task.WhenAll(starts)).ToDictionary(pair => pair.First, pair => pair.Second);
            foreach (var (role, service) in services)
            {
                Report(role, service);
            }

            // previous predates the phishing entry; next adds the snowshoe domain.
            var phish = await LookupEachAsync(services, "phish.example.org", ct);
            phish["previous"].Should().NotBeListed("previous is the revision before phish.example.org was listed");
            phish["production"].Should().BeListed().WithReason("Phishing from this host");
            phish["next"].Should().BeListed().WithReason("Phishing from this host");

            var snowshoe = await LookupEachAsync(services, "mta7.snowshoe.example.net", ct);
            snowshoe["previous"].Should().NotBeListed();
            snowshoe["production"].Should().NotBeListed("only next lists .snowshoe.example.net");
            snowshoe["next"].Should().BeListed().WithAddress("127.0.0.2").WithReason("Snowshoe spam from this host");

            services.Values.Select(s => s.Tested.Digest).Should().OnlyHaveUniqueItems("each tag is built from a different revision");
        }
        finally
        {
            // WhenAll waited for every start: dispose the ones that succeeded, even when another failed.
            foreach (var start in starts.Where(s => s.IsCompletedSuccessfully))
            {
                await (await start).DisposeAsync();
            }
        }
    }

    private static async Task<Dictionary<string, BlocklistAnswer>> LookupEachAsync(IReadOnlyDictionary<string, ServiceContainer> services, string host, CancellationToken cancellationToken)
    {
        var answers = new Dictionary<string, BlocklistAnswer>(StringComparer.Ordinal);
        foreach (var (role, service) in services)
        {
            answers[role] = await new Blocklist(service.Dns, "senderhost.bl.rbl").LookupAsync(host, cancellationToken);
        }

        return answers;
    }

    private static void Report(string role, ServiceContainer service)
    {
        var line = $"{role}: {service.Tested.TagReference} = {service.Tested.Digest}, {service.Tested.DaemonVersion}, started in {service.StartDuration.TotalSeconds:0.00} s";
        TestContext.Current.SendDiagnosticMessage(line);
        TestContext.Current.TestOutputHelper?.WriteLine(line);
    }
}
