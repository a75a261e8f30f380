using DnsClient;
using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Services;

namespace InfraTests.Bind;

/// <summary>
/// Current, past and future: the sample is published as production (<c>stable</c>), <c>previous</c> and <c>next</c>, each
/// built from a different revision (setup/revisions/bind). The working tree's zones must be served the same by every one
/// of them, and the tags must really be different revisions.
/// </summary>
public sealed class TagTests
{
    private static readonly string[] RoleNames = ["production", "previous", "next"];

    public static TheoryData<string> Roles => new(RoleNames);

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Working_tree_zones_are_served_the_same_under_every_tag(string role)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var service = await ServiceBuilder.For(BindService.Root).WithTag(role).Build().StartAsync(ct);
        Report(role, service);

        (await Ask(service, "example.com", QueryType.SOA)).Should().BeAuthoritative().And.HaveSoaSerial(2026112501);
        (await Ask(service, "www.example.com", QueryType.A)).Should().HaveExactly(QueryType.A, "192.0.2.10");
        (await Ask(service, "wiki.example.org", QueryType.CNAME)).Should().HaveExactly(QueryType.CNAME, "www.example.org.");
        (await Ask(service, "nope.example.com", QueryType.A)).Should().NotExistIn("example.com");
        service.Tested.TagReference.Should().Be(BindService.Root.Description.ReferenceFor(role));
    }

    [Fact]
    public async Task Each_tag_serves_its_own_revision_of_the_baked_zones()
    {
        var ct = TestContext.Current.CancellationToken;
        // All three at once: a start is mostly waiting for named to load its zones.
        var starts = RoleNames.Select(role => ServiceBuilder.For(BindService.Root).WithTag(role).WithBakedData().Build().StartAsync(ct)).ToArray();
        try
        {
            var services = RoleNames.Zip(await Task.WhenAll(starts)).ToDictionary(pair => pair.First, pair => pair.Second);
            foreach (var (role, service) in services)
            {
                Report(role, service);
            }

            // previous is the day before the wiki alias; next adds a shop host. Each bumped the serial.
            (await Ask(services["previous"], "example.org", QueryType.SOA)).Should().HaveSoaSerial(2026112401);
            (await Ask(services["production"], "example.org", QueryType.SOA)).Should().HaveSoaSerial(2026112501);
            (await Ask(services["next"], "example.org", QueryType.SOA)).Should().HaveSoaSerial(2026112601);

            (await Ask(services["previous"], "wiki.example.org", QueryType.CNAME)).Should().NotExistIn("example.org");
            (await Ask(services["production"], "wiki.example.org", QueryType.CNAME)).Should().HaveExactly(QueryType.CNAME, "www.example.org.");

            (await Ask(services["production"], "shop.example.org", QueryType.A)).Should().NotExistIn("example.org");
            (await Ask(services["next"], "shop.example.org", QueryType.A)).Should().HaveExactly(QueryType.A, "203.0.113.80");

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

    private static Task<DnsAnswer> Ask(ServiceContainer service, string name, QueryType type) =>
        service.Dns.QueryAsync(name, type, cancellationToken: TestContext.Current.CancellationToken);

    private static void Report(string role, ServiceContainer service)
    {
        var line = $"{role}: {service.Tested.TagReference} = {service.Tested.Digest}, {service.Tested.DaemonVersion}, started in {service.StartDuration.TotalSeconds:0.00} s";
        TestContext.Current.SendDiagnosticMessage(line);
        TestContext.Current.TestOutputHelper?.WriteLine(line);
    }
}
