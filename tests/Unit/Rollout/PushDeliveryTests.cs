using System.Text;
using FluentAssertions;
using InfraTests.Rollout;
using InfraTests.Rollout.Push;

namespace InfraTests.Unit.Rollout;

/// <summary>Reading a push delivery in GitHub's and Gitea's shapes, and refusing what is not a branch push.</summary>
public sealed class PushDeliveryTests
{
    private const string Revision = "6dcb09b5b57875f334f61aebed695e2e4193db5e";

    [Fact]
    public void GitHub_push_gives_delivery_branch_revision_and_repository()
    {
        var delivery = Parse(new() { ["X-GitHub-Delivery"] = "72d3162e-cc78-11e3-81ab-4c9367dc0958", ["X-GitHub-Event"] = "push" }, Body("refs/heads/main", Revision));

        delivery.Should().Be(new PushDelivery("72d3162e-cc78-11e3-81ab-4c9367dc0958", "main", Revision, "dns/rbldnsd", "https://git.example.net/dns/rbldnsd.git"));
    }

    [Fact]
    public void Gitea_push_is_read_the_same_way()
    {
        var delivery = Parse(new() { ["X-Gitea-Delivery"] = "f6266f16-1bf3-46a5-9ea4-602e06ead473", ["X-Gitea-Event"] = "push" }, Body("refs/heads/release/2026", Revision.ToUpperInvariant()));

        delivery.Branch.Should().Be("release/2026");
        delivery.Revision.Should().Be(Revision);
    }

    [Theory]
    [InlineData("{}", "no 'ref'")]
    [InlineData("not json", "is not valid JSON")]
    [InlineData("{\"ref\":\"refs/tags/v1\",\"after\":\"6dcb09b5b57875f334f61aebed695e2e4193db5e\"}", "pushes refs/tags/v1, not a branch")]
    [InlineData("{\"ref\":\"refs/heads/main\",\"after\":\"0000000000000000000000000000000000000000\"}", "which is no commit (a deleted branch?)")]
    [InlineData("{\"ref\":\"refs/heads/main\",\"after\":\"6dcb09b5b57875f334f61aebed695e2e4193db5e\"}", "names no repository")]
    public void Malformed_or_non_branch_pushes_are_rejected_in_one_line(string body, string expected)
    {
        var act = () => Parse(new() { ["X-GitHub-Delivery"] = "d1" }, body);

        act.Should().Throw<PushRejectedException>().Which.Message.Should().Contain(expected).And.StartWith("delivery d1").And.NotContain("\n");
    }

    [Fact]
    public void Other_events_and_deliveries_without_an_id_are_rejected()
    {
        var ping = () => Parse(new() { ["X-GitHub-Delivery"] = "d2", ["X-GitHub-Event"] = "ping" }, "{}");
        var anonymous = () => Parse(new(), Body("refs/heads/main", Revision));

        ping.Should().Throw<PushRejectedException>().WithMessage("delivery d2 is a 'ping' event, not a push*");
        anonymous.Should().Throw<PushRejectedException>().WithMessage("no delivery id*");
    }

    private static PushDelivery Parse(Dictionary<string, string> headers, string body) =>
        PushDelivery.Parse(name => headers.TryGetValue(name, out var value) ? value : null, Encoding.UTF8.GetBytes(body));

    private static string Body(string reference, string after) =>
        $$$"""{"ref":"{{{reference}}}","before":"0000000000000000000000000000000000000000","after":"{{{after}}}","repository":{"full_name":"dns/rbldnsd","clone_url":"https://git.example.net/dns/rbldnsd.git"}}""";
}
