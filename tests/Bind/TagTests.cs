using DnsClient;
using InfraTests.Assertions;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Services;
using InfraTests.Support;

namespace InfraTests.Bind;

/// <summary>
/// The BIND sample under production, <c>previous</c> and <c>next</c> (setup/revisions/bind): the working tree's zones
/// are served the same by every one of them, and the baked zones of each are its own revision.
/// </summary>
public sealed class TagTests : TagContract<BindService>
{
    protected override async Task WorkingTreeIsServedAsync(ServiceContainer service, CancellationToken cancellationToken)
    {
        (await Ask(service, "example.com", QueryType.SOA, cancellationToken)).Should().BeAuthoritative().And.HaveSoaSerial(2026112501);
        (await Ask(service, "www.example.com", QueryType.A, cancellationToken)).Should().HaveExactly(QueryType.A, "192.0.2.10");
        (await Ask(service, "wiki.example.org", QueryType.CNAME, cancellationToken)).Should().HaveExactly(QueryType.CNAME, "www.example.org.");
        (await Ask(service, "nope.example.com", QueryType.A, cancellationToken)).Should().NotExistIn("example.com");
    }

    // previous is the day before the wiki alias; next adds a shop host. Each bumped the serial.
    protected override async Task BakedRevisionIsServedAsync(string role, ServiceContainer service, CancellationToken cancellationToken)
    {
        switch (role)
        {
            case "previous":
                (await Ask(service, "example.org", QueryType.SOA, cancellationToken)).Should().HaveSoaSerial(2026112401);
                (await Ask(service, "wiki.example.org", QueryType.CNAME, cancellationToken)).Should().NotExistIn("example.org");
                break;
            case "production":
                (await Ask(service, "example.org", QueryType.SOA, cancellationToken)).Should().HaveSoaSerial(2026112501);
                (await Ask(service, "wiki.example.org", QueryType.CNAME, cancellationToken)).Should().HaveExactly(QueryType.CNAME, "www.example.org.");
                (await Ask(service, "shop.example.org", QueryType.A, cancellationToken)).Should().NotExistIn("example.org");
                break;
            case "next":
                (await Ask(service, "example.org", QueryType.SOA, cancellationToken)).Should().HaveSoaSerial(2026112601);
                (await Ask(service, "shop.example.org", QueryType.A, cancellationToken)).Should().HaveExactly(QueryType.A, "203.0.113.80");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(role), role, "the BIND sample has no answers for this tag role");
        }
    }

    private static Task<DnsAnswer> Ask(ServiceContainer service, string name, QueryType type, CancellationToken cancellationToken) =>
        service.Dns.QueryAsync(name, type, cancellationToken: cancellationToken);
}
