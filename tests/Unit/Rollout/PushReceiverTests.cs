using System.Text;
using FluentAssertions;
using InfraTests.Rollout;
using InfraTests.Rollout.Push;

namespace InfraTests.Unit.Rollout;

/// <summary>
/// Judging a webhook delivery: signature before anything else, size, replays across restarts, branches, and a forged
/// delivery never burning the id of a genuine one. The secret is never part of what is answered.
/// </summary>
public sealed class PushReceiverTests : IDisposable
{
    // From GitHub's documentation, "Validating webhook deliveries".
    private const string Secret = "It's a Secret to Everybody";
    private const string Revision = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    private readonly DirectoryInfo scratch = Directory.CreateTempSubdirectory("infratests-receiver-");

    private string LogPath => Path.Combine(scratch.FullName, "state", "deliveries.log");

    public void Dispose() => scratch.Delete(recursive: true);

    [Fact]
    public void GitHubs_test_vector_passes_the_signature_and_is_refused_only_as_not_JSON()
    {
        var verdict = Receiver().Receive(
            Headers(("X-Hub-Signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"), ("X-GitHub-Delivery", "d1")),
            Encoding.UTF8.GetBytes("Hello, World!"));

        verdict.Should().BeOfType<PushVerdict.Rejected>().Which.StatusCode.Should().Be(400, "the signature held, so the body was read: {0}", verdict.Reason);
        verdict.Reason.Should().StartWith("delivery d1 is not valid JSON");
    }

    [Fact]
    public void Signed_GitHub_push_to_the_branch_is_accepted_with_its_revision()
    {
        var verdict = Receiver().Receive(GitHub("d1", Push("refs/heads/main")), Push("refs/heads/main"));

        verdict.Should().BeOfType<PushVerdict.Accepted>().Which.Delivery.Should().Be(
            new PushDelivery("d1", "main", Revision, "dns/rbldnsd", "https://git.example.net/dns/rbldnsd.git"));
        verdict.StatusCode.Should().Be(202);
        verdict.Reason.Should().Be($"accepted: roll out {Revision} of dns/rbldnsd (main), delivery d1");
    }

    [Fact]
    public void Gitea_push_with_its_bare_hex_signature_is_accepted()
    {
        var body = Push("refs/heads/main");
        var hex = PushSignature.Sign(Encoding.UTF8.GetBytes(Secret), body)["sha256=".Length..];

        var verdict = Receiver().Receive(Headers(("X-Gitea-Signature", hex), ("X-Gitea-Delivery", "g1"), ("X-Gitea-Event", "push")), body);

        verdict.Should().BeOfType<PushVerdict.Accepted>().Which.Delivery.DeliveryId.Should().Be("g1");
    }

    [Fact]
    public void Unsigned_delivery_is_401_and_names_the_headers_looked_for()
    {
        var verdict = Receiver().Receive(Headers(("X-GitHub-Delivery", "d1"), ("X-GitHub-Event", "push")), Push("refs/heads/main"));

        verdict.Should().BeOfType<PushVerdict.Rejected>().Which.StatusCode.Should().Be(401);
        verdict.Reason.Should().Be("unsigned delivery: no X-Hub-Signature-256 or X-Gitea-Signature header (set the webhook's secret at the forge): refused");
    }

    [Theory]
    [InlineData("another secret")]
    [InlineData("It's a Secret to Everybody ")]
    public void Delivery_signed_with_another_secret_is_401_and_never_quotes_the_secret(string otherSecret)
    {
        var body = Push("refs/heads/main");

        var verdict = Receiver().Receive(GitHub("d1", body, otherSecret), body);

        verdict.StatusCode.Should().Be(401);
        verdict.Reason.Should().Be("X-Hub-Signature-256 does not match the body under this webhook's secret: refused").And.NotContain("Secret");
    }

    [Fact]
    public void Gitea_delivery_with_one_forged_signature_beside_a_genuine_one_is_401()
    {
        var body = Push("refs/heads/main");
        var genuine = PushSignature.Sign(Encoding.UTF8.GetBytes(Secret), body);
        var forged = PushSignature.Sign(Encoding.UTF8.GetBytes("another secret"), body)["sha256=".Length..];

        var verdict = Receiver().Receive(Headers(("X-Hub-Signature-256", genuine), ("X-Gitea-Signature", forged), ("X-Gitea-Delivery", "g1")), body);

        verdict.StatusCode.Should().Be(401);
        verdict.Reason.Should().StartWith("X-Gitea-Signature does not match");
    }

    [Fact]
    public void Forged_delivery_does_not_burn_the_id_of_the_genuine_one()
    {
        var receiver = Receiver();
        var body = Push("refs/heads/main");

        var forged = receiver.Receive(GitHub("fresh-id", body, "guessed secret"), body);
        var genuine = receiver.Receive(GitHub("fresh-id", body), body);

        forged.StatusCode.Should().Be(401);
        genuine.Should().BeOfType<PushVerdict.Accepted>("a forgery must not record the id it carried");
        File.ReadAllLines(LogPath).Should().ContainSingle("the id and the body's digest, once").Which.Should().EndWith(" fresh-id");
    }

    [Fact]
    public void Replayed_delivery_is_409_also_after_the_log_is_reopened()
    {
        var body = Push("refs/heads/main");
        var receiver = Receiver();
        receiver.Receive(GitHub("d1", body), body).Should().BeOfType<PushVerdict.Accepted>();

        var sameProcess = receiver.Receive(GitHub("d1", body), body);
        var afterRestart = Receiver(DeliveryLog.Open(LogPath)).Receive(GitHub("d1", body), body);

        sameProcess.StatusCode.Should().Be(409);
        afterRestart.Should().BeOfType<PushVerdict.Rejected>().Which.StatusCode.Should().Be(409);
        afterRestart.Reason.Should().Be("delivery d1 was received before: a replay (or a redelivery), refused");
    }

    [Fact]
    public void Captured_body_sent_again_under_a_fresh_id_is_409()
    {
        var receiver = Receiver();
        var body = Push("refs/heads/main");
        receiver.Receive(GitHub("d1", body), body).Should().BeOfType<PushVerdict.Accepted>();

        var replay = receiver.Receive(GitHub("d2-made-up", body), body);

        replay.StatusCode.Should().Be(409);
        replay.Reason.Should().Be("delivery d2-made-up repeats the body of an earlier delivery: a replay, refused");
        File.ReadAllLines(LogPath).Should().ContainSingle("a replay records nothing").Which.Should().EndWith(" d1");
    }

    [Fact]
    public void Oversize_body_is_413_before_its_signature_is_checked_and_burns_no_id()
    {
        var receiver = Receiver(maxBodyBytes: 256);
        var body = Push("refs/heads/main", padding: 300);

        var verdict = receiver.Receive(GitHub("d1", body), body);

        verdict.StatusCode.Should().Be(413);
        verdict.Reason.Should().Be($"body of {body.Length} bytes is over this receiver's limit of 256 bytes: refused");
        File.Exists(LogPath).Should().BeFalse();
        receiver.Receive(Headers(("X-GitHub-Delivery", "d1")), body).StatusCode.Should().Be(413, "size is judged before the signature");
    }

    [Fact]
    public void Push_to_another_branch_is_202_with_nothing_to_roll_out_and_is_not_recorded()
    {
        var body = Push("refs/heads/dev");

        var verdict = Receiver(branches: ["main", "release"]).Receive(GitHub("d1", body), body);

        verdict.Should().BeOfType<PushVerdict.Rejected>().Which.StatusCode.Should().Be(202);
        verdict.Reason.Should().Be("delivery d1 pushes to dev, not to main or release: nothing to roll out");
        File.Exists(LogPath).Should().BeFalse();
    }

    [Fact]
    public void Any_of_several_branches_is_accepted()
    {
        var body = Push("refs/heads/release");

        Receiver(branches: ["main", "refs/heads/release"]).Receive(GitHub("d1", body), body).Should().BeOfType<PushVerdict.Accepted>();
    }

    [Theory]
    [InlineData("ping", "{\"zen\":\"Keep it logically awesome.\"}", 202, "delivery d1 is a 'ping' event, not a push: nothing to roll out")]
    [InlineData("push", "{\"ref\":\"refs/tags/v1\",\"after\":\"6dcb09b5b57875f334f61aebed695e2e4193db5e\"}", 202, "delivery d1 pushes refs/tags/v1, not a branch: nothing to roll out")]
    [InlineData("push", "{\"ref\":\"refs/heads/main\",\"after\":\"0000000000000000000000000000000000000000\"}", 202, "which is no commit (a deleted branch?)")]
    [InlineData("push", "{\"ref\":\"refs/heads/main\",\"after\":\"xyz\"}", 400, "which is no commit")]
    [InlineData("push", "{\"ref\":\"refs/heads/main\"", 400, "delivery d1 is not valid JSON")]
    [InlineData("push", "{\"ref\":\"refs/heads/main\",\"after\":\"6dcb09b5b57875f334f61aebed695e2e4193db5e\"}", 400, "delivery d1 names no repository")]
    public void Signed_deliveries_with_nothing_to_roll_out_are_202_and_malformed_ones_400(string eventName, string json, int status, string reason)
    {
        var body = Encoding.UTF8.GetBytes(json);

        var verdict = Receiver().Receive(Headers(("X-Hub-Signature-256", Sign(body)), ("X-GitHub-Delivery", "d1"), ("X-GitHub-Event", eventName)), body);

        verdict.Should().BeOfType<PushVerdict.Rejected>().Which.StatusCode.Should().Be(status, verdict.Reason);
        verdict.Reason.Should().Contain(reason).And.NotContain("\n");
        File.Exists(LogPath).Should().BeFalse("only a push that rolls out is recorded");
    }

    [Fact]
    public void Empty_secret_or_no_branch_is_refused_when_the_receiver_is_made()
    {
        var log = DeliveryLog.Open(LogPath);

        var noSecret = () => new PushReceiver([], log, ["main"], 1024);
        var noBranch = () => new PushReceiver(Encoding.UTF8.GetBytes(Secret), log, [" "], 1024);

        noSecret.Should().Throw<ArgumentException>().WithParameterName("secret");
        noBranch.Should().Throw<ArgumentException>().WithParameterName("branches");
    }

    private PushReceiver Receiver(DeliveryLog? log = null, string[]? branches = null, long maxBodyBytes = 64 * 1024) =>
        new(Encoding.UTF8.GetBytes(Secret), log ?? DeliveryLog.Open(LogPath), branches ?? ["main"], maxBodyBytes);

    private static string Sign(byte[] body, string secret = Secret) => PushSignature.Sign(Encoding.UTF8.GetBytes(secret), body);

    private static Func<string, string?> GitHub(string deliveryId, byte[] body, string secret = Secret) =>
        Headers(("X-Hub-Signature-256", Sign(body, secret)), ("X-GitHub-Delivery", deliveryId), ("X-GitHub-Event", "push"));

    // Header names are case-insensitive in HTTP: so is the lookup handed to the receiver.
    private static Func<string, string?> Headers(params (string Name, string Value)[] headers)
    {
        var all = headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase);
        return name => all.TryGetValue(name, out var value) ? value : null;
    }

    private static byte[] Push(string reference, int padding = 0) => Encoding.UTF8.GetBytes(
        $$$"""{"ref":"{{{reference}}}","before":"0000000000000000000000000000000000000000","after":"{{{Revision}}}","repository":{"full_name":"dns/rbldnsd","clone_url":"https://git.example.net/dns/rbldnsd.git"},"pad":"{{{new string('x', padding)}}}"}""");
}
