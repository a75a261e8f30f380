using System.Diagnostics;
using System.Net;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Images;

namespace InfraTests.Harness.Http;

/// <summary>
/// A web service's HTTP port, published on 127.0.0.1 (or the container's own address on a network the test created), with
/// one warm client that follows no redirect and uses no proxy or cookie: each GET is one real request and its real answer.
/// Asking is cheap: share one endpoint across parallel tests.
/// </summary>
public sealed class HttpEndpoint
{
    private static readonly TimeSpan DefaultAnswerWithin = TimeSpan.FromSeconds(10);
    private readonly HttpClient client;

    internal HttpEndpoint(Uri baseAddress, TestedImage source, IDaemonLog log, TimeSpan? answerWithin = null)
    {
        BaseAddress = baseAddress;
        Source = source;
        Log = log;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = answerWithin ?? DefaultAnswerWithin,
        };
        client = new HttpClient(handler) { Timeout = answerWithin ?? DefaultAnswerWithin }; // bound: one request and its body
    }

    /// <summary>
    /// An endpoint for a web service InfraTests did not start (a host of a fleet, reached on an address this machine may
    /// ask): <paramref name="source"/> says what runs there, for messages; <paramref name="log"/> its log, if one can be read.
    /// </summary>
    public static HttpEndpoint At(Uri baseAddress, TestedImage source, IDaemonLog? log = null, TimeSpan? answerWithin = null) =>
        new(baseAddress, source, log ?? NoDaemonLog.Instance, answerWithin);

    /// <summary>Where the service is asked: <c>http://127.0.0.1:49153/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The daemon's log, for messages about its answers.</summary>
    public IDaemonLog Log { get; }

    /// <summary>What the endpoint runs.</summary>
    public TestedImage Source { get; }

    /// <summary>The host and port asked, for messages: <c>127.0.0.1:49153</c>.</summary>
    public string Server => $"{BaseAddress.Host}:{BaseAddress.Port}";

    /// <summary>
    /// Asks <c>GET <paramref name="path"/></c> (a path of the site, starting with <c>/</c>) and returns the whole answer; any
    /// status is an answer, a redirect too (its <see cref="HttpAnswer.Location"/> says where). Throws only when no answer
    /// came: the connection failed or the answer took longer than the endpoint allows (10 s unless given).
    /// </summary>
    public async Task<HttpAnswer> GetAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('/') || path.StartsWith("//", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{path}' is not a path of the site: give one starting with a single /, e.g. /dns/.", nameof(path));
        }

        var askedAt = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await client.GetAsync(new Uri(BaseAddress, path), HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                headers[name] = string.Join(", ", values);
            }

            return new HttpAnswer
            {
                Path = path,
                Server = Server,
                Source = Source,
                Log = Log,
                AskedAt = askedAt,
                Elapsed = clock.Elapsed,
                StatusCode = (int)response.StatusCode,
                ReasonPhrase = response.ReasonPhrase ?? string.Empty,
                Headers = headers,
                Body = body,
            };
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new InfraTestsException($"GET {path} got no answer from {Server} ({Source.ShortReference}) within {Text.Words.Seconds(clock.Elapsed)}: {exception.Message}", exception);
        }
    }
}
