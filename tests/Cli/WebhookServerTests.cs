using System.Collections.Concurrent;
using System.Net;
using System.Text;
using FluentAssertions;
using InfraTests.Cli.Webhook;
using InfraTests.Harness;
using InfraTests.Rollout;
using InfraTests.Rollout.Push;

namespace InfraTests.Cli.Tests;

/// <summary>
/// The real webhook server on 127.0.0.1, port 0, spoken to over HTTP with a recording rollout: only a signed, new push
/// rolls out; forged, unsigned, replayed and oversize deliveries get their status and never reach the rollout.
/// </summary>
public sealed class WebhookServerTests : IAsyncDisposable
{
    private const string Secret = "It's a Secret to Everybody";
    private const string Revision = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    private const int MaxBody = 4096;
    // bound: the queue here rolls out in-process fakes in milliseconds; ten seconds only guard against a hang, and each
    // wait returns when the queue is idle.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly DirectoryInfo scratch = Directory.CreateTempSubdirectory("infratests-webhook-server-");
    private readonly ConcurrentQueue<PushDelivery> rolledOut = new();
    private readonly ConcurrentQueue<string> log = new();
    private readonly HttpClient client = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = Patience };
    private readonly RolloutQueue queue;
    private WebhookServer? server;

    public WebhookServerTests()
    {
        queue = new RolloutQueue(
            (push, _) =>
            {
                rolledOut.Enqueue(push);
                return Task.CompletedTask;
            },
            new RecordingLog(log));
    }

    private CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        await queue.DisposeAsync();
        scratch.Delete(recursive: true);
    }

    [Fact]
    public async Task Signed_GitHub_push_is_answered_202_and_rolls_out_once_with_its_revision()
    {
        var endpoint = await StartAsync();
        var body = Push();

        var answer = await PostAsync(endpoint, body, GitHubHeaders("d1", Sign(body)));
        await queue.WhenIdleAsync(Token).WaitAsync(Patience, Token);

        answer.Should().Be((HttpStatusCode.Accepted, $"accepted: roll out {Revision} of dns/rbldnsd (main), delivery d1"));
        rolledOut.Should().ContainSingle().Which.Should().Be(new PushDelivery("d1", "main", Revision, "dns/rbldnsd", "https://git.example.net/dns/rbldnsd.git"));
        endpoint.ToString().Should().MatchRegex(@"^http://127\.0\.0\.1:[1-9][0-9]*/hooks/push$");
    }

    [Fact]
    public async Task Forged_unsigned_replayed_and_oversize_deliveries_get_their_status_and_never_roll_out()
    {
        var endpoint = await StartAsync();
        var body = Push();
        (await PostAsync(endpoint, body, GitHubHeaders("d1", Sign(body)))).Status.Should().Be(HttpStatusCode.Accepted);
        await queue.WhenIdleAsync(Token).WaitAsync(Patience, Token);
        var oversize = Push(padding: MaxBody);

        var forged = await PostAsync(endpoint, body, GitHubHeaders("d2", Sign(body, "guessed secret")));
        var unsigned = await PostAsync(endpoint, body, GitHubHeaders("d3", signature: null));
        var replayed = await PostAsync(endpoint, body, GitHubHeaders("d1", Sign(body)));
        var replayedUnderNewId = await PostAsync(endpoint, body, GitHubHeaders("d4", Sign(body)));
        var tooLarge = await PostAsync(endpoint, oversize, GitHubHeaders("d5", Sign(oversize)));
        var tooLargeChunked = await PostAsync(endpoint, oversize, GitHubHeaders("d6", Sign(oversize)), chunked: true);
        await queue.WhenIdleAsync(Token).WaitAsync(Patience, Token);

        forged.Should().Be((HttpStatusCode.Unauthorized, "X-Hub-Signature-256 does not match the body under this webhook's secret: refused"));
        unsigned.Status.Should().Be(HttpStatusCode.Unauthorized);
        replayed.Should().Be((HttpStatusCode.Conflict, "delivery d1 was received before: a replay (or a redelivery), refused"));
        replayedUnderNewId.Status.Should().Be(HttpStatusCode.Conflict);
        tooLarge.Should().Be((HttpStatusCode.RequestEntityTooLarge, $"body is over this receiver's limit of {MaxBody} bytes: refused"));
        tooLargeChunked.Status.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        rolledOut.Select(p => p.DeliveryId).Should().Equal(["d1"], "only the first, genuine delivery rolls out");
        log.Should().NotContain(l => l.Contains(Secret, StringComparison.Ordinal) || l.Contains("sha256=", StringComparison.Ordinal), "the log never holds the secret or a header");
        File.ReadAllLines(Path.Combine(scratch.FullName, "deliveries.log")).Should().ContainSingle("only the accepted delivery is recorded, as its body's digest and id").Which.Should().EndWith(" d1");
    }

    [Fact]
    public async Task Other_paths_and_methods_are_404_and_405()
    {
        var endpoint = await StartAsync();

        var elsewhere = await client.PostAsync(new Uri(endpoint, "/hooks/other"), new ByteArrayContent([]), Token);
        var get = await client.GetAsync(endpoint, Token);

        elsewhere.StatusCode.Should().Be(HttpStatusCode.NotFound);
        get.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        get.Content.Headers.Allow.Should().Equal("POST");
    }

    [Fact]
    public async Task Non_loopback_address_is_refused_before_anything_listens()
    {
        var receiver = new PushReceiver(Encoding.UTF8.GetBytes(Secret), DeliveryLog.Open(Path.Combine(scratch.FullName, "deliveries.log")), ["main"], MaxBody);

        var act = () => WebhookServer.StartAsync(new IPEndPoint(IPAddress.Any, 0), allowRemote: false, receiver, queue, log: null, Token);

        (await act.Should().ThrowAsync<InfraTestsException>()).Which.Message.Should().StartWith("--listen 0.0.0.0:0 is not a loopback address").And.EndWith("or pass --allow-remote");
    }

    [Fact]
    public async Task Port_already_taken_is_one_line_naming_the_address()
    {
        var taken = await StartAsync();
        var receiver = new PushReceiver(Encoding.UTF8.GetBytes(Secret), DeliveryLog.Open(Path.Combine(scratch.FullName, "deliveries.log")), ["main"], MaxBody);

        var act = () => WebhookServer.StartAsync(new IPEndPoint(IPAddress.Loopback, taken.Port), allowRemote: false, receiver, queue, log: null, Token);

        (await act.Should().ThrowAsync<InfraTestsException>()).Which.Message.Should().Be($"cannot listen on 127.0.0.1:{taken.Port}: Address already in use");
    }

    private async Task<Uri> StartAsync()
    {
        var receiver = new PushReceiver(Encoding.UTF8.GetBytes(Secret), DeliveryLog.Open(Path.Combine(scratch.FullName, "deliveries.log")), ["main"], MaxBody);
        server = await WebhookServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), allowRemote: false, receiver, queue, new RecordingLog(log), Token);
        return server.Endpoint;
    }

    private async Task<(HttpStatusCode Status, string Text)> PostAsync(Uri endpoint, byte[] body, Dictionary<string, string> headers, bool chunked = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = chunked;
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        using var response = await client.SendAsync(request, Token);
        return (response.StatusCode, (await response.Content.ReadAsStringAsync(Token)).TrimEnd('\n'));
    }

    private static Dictionary<string, string> GitHubHeaders(string deliveryId, string? signature)
    {
        var headers = new Dictionary<string, string> { ["X-GitHub-Delivery"] = deliveryId, ["X-GitHub-Event"] = "push" };
        if (signature is not null)
        {
            headers["X-Hub-Signature-256"] = signature;
        }

        return headers;
    }

    private static string Sign(byte[] body, string secret = Secret) => PushSignature.Sign(Encoding.UTF8.GetBytes(secret), body);

    private static byte[] Push(int padding = 0) => Encoding.UTF8.GetBytes(
        $$$"""{"ref":"refs/heads/main","after":"{{{Revision}}}","repository":{"full_name":"dns/rbldnsd","clone_url":"https://git.example.net/dns/rbldnsd.git"},"pad":"{{{new string('x', padding)}}}"}""");

    /// <summary>Keeps every line the server and the queue tell.</summary>
    private sealed class RecordingLog(ConcurrentQueue<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Enqueue(value);
    }
}
