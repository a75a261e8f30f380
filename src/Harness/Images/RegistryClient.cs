using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using InfraTests.Harness.Engine;

namespace InfraTests.Harness.Images;

/// <summary>
/// Resolves a tag to its manifest digest through the registry's own API, as crane and skopeo do, for engines that lack
/// Docker's distribution endpoint (Podman): <c>HEAD /v2/NAME/manifests/TAG</c> with every manifest kind accepted, the
/// <c>Docker-Content-Digest</c> it answers (or the SHA-256 of the manifest a GET returns); the user's Docker credentials
/// as Basic auth or traded for a Bearer token when the registry challenges; certificates checked by <see cref="RegistryTrust"/>;
/// plain HTTP only for a registry Docker treats as insecure by default, and only when HTTPS fails there. Every refusal
/// is an <see cref="ImageNotFoundException"/> worded by <see cref="RegistryRefusal"/>, never holding a secret.
/// </summary>
internal sealed class RegistryClient : IDisposable
{
    /// <summary>How long one resolution may take: a registry that hangs must not hang the run.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly RegistryAccess access;
    private readonly RegistryTrust trust;
    private readonly HttpClient http;
    private string? scheme;
    private AuthenticationHeaderValue? authorization;

    /// <summary>A client for <paramref name="access"/>'s registry, trusting what <paramref name="trust"/> accepts.</summary>
    public RegistryClient(RegistryAccess access, RegistryTrust trust)
    {
        this.access = access;
        this.trust = trust;
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (request, certificate, chain, errors) => trust.Accepts(request.RequestUri!.Authority, certificate, chain, errors),
        };
        http = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("infratests", "1"));
    }

    /// <summary>The scheme the registry answered on (<c>https</c>, or <c>http</c> for an insecure one); null before it answered.</summary>
    public string? Scheme => scheme;

    /// <summary>The digest <paramref name="tag"/> points at now, e.g. <c>sha256:5a32…</c>.</summary>
    public Task<string> ResolveAsync(ImageTag tag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return WithinTimeoutAsync(tag, token => ResolveManifestAsync(tag, RegistryRepository.Of(tag.Repository), token), cancellationToken);
    }

    /// <summary>
    /// Asks the registry of <paramref name="tag"/> the API's base, <c>GET /v2/</c>: whether it answers (over which scheme),
    /// whether it asks for credentials, and whether the user's were accepted. Throws like <see cref="ResolveAsync"/> when
    /// it does not answer, its certificate is not trusted, or its token service refuses the credentials.
    /// </summary>
    public Task<RegistryGreeting> GreetAsync(ImageTag tag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return WithinTimeoutAsync(tag, async token =>
        {
            var repository = RegistryRepository.Of(tag.Repository);
            using var first = await SendOnceAsync(HttpMethod.Get, tag, repository, "/v2/", token).ConfigureAwait(false);
            if (first.StatusCode != HttpStatusCode.Unauthorized)
            {
                return new RegistryGreeting(scheme!, first.StatusCode, AsksForCredentials: false, Accepted: first.IsSuccessStatusCode, null);
            }

            using var answer = await SendAsync(HttpMethod.Get, tag, repository, "/v2/", token).ConfigureAwait(false);
            var said = answer.IsSuccessStatusCode ? null : RegistryErrors.Describe(answer.StatusCode, await answer.Content.ReadAsStringAsync(token).ConfigureAwait(false));
            return new RegistryGreeting(scheme!, answer.StatusCode, AsksForCredentials: true, Accepted: answer.IsSuccessStatusCode && authorization is not null, said is null ? null : access.Redact(said));
        }, cancellationToken);
    }

    /// <summary>
    /// The image config of <paramref name="digest"/> in <paramref name="tag"/>'s repository (the JSON whose <c>config</c>
    /// holds <c>Env</c>, <c>Healthcheck</c> and <c>ExposedPorts</c>), read from the registry without pulling any layer: the
    /// manifest by digest (for an index, linux/<paramref name="architecture"/>'s, see <see cref="ImagePlatform"/>), then the
    /// config blob it names, checked against its digest.
    /// </summary>
    public Task<JsonDocument> ImageConfigAsync(ImageTag tag, string digest, string architecture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var repository = RegistryRepository.Of(tag.Repository);
        var pinned = $"{tag.Repository}@{digest}";
        return WithinTimeoutAsync(tag, async token =>
        {
            using var manifest = await BlobAsync(repository.ManifestPath(digest), digest, token).ConfigureAwait(false);
            using var chosen = manifest.RootElement.Member("manifests") is null
                ? null
                : ImagePlatform.Choose(manifest.RootElement, architecture, pinned) is var platform
                    ? await BlobAsync(repository.ManifestPath(platform), platform, token).ConfigureAwait(false)
                    : null;
            var config = (chosen ?? manifest).RootElement.Member("config")?.Text("digest")
                ?? throw Refusal(tag, null, $"the manifest of {pinned} names no config", null);
            return await BlobAsync($"/v2/{repository.Name}/blobs/{config}", config, token).ConfigureAwait(false);
        }, cancellationToken);

        // One manifest or blob as JSON, refused in one line when the registry does not give it or it is not what its digest says.
        async Task<JsonDocument> BlobAsync(string path, string expected, CancellationToken token)
        {
            using var answer = await SendAsync(HttpMethod.Get, tag, repository, path, token).ConfigureAwait(false);
            var body = await answer.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
            if (!answer.IsSuccessStatusCode)
            {
                throw new ImageNotFoundException(
                    RegistryRefusal.Describe(pinned, tag, access, answer.StatusCode, RegistryErrors.Describe(answer.StatusCode, Encoding.UTF8.GetString(body)), throughRegistryApi: true),
                    new HttpRequestException(access.Redact($"GET {path}: {(int)answer.StatusCode}"), null, answer.StatusCode));
            }

            if (ManifestDigest.Of(body) != expected)
            {
                throw Refusal(tag, null, $"GET {path} answered content whose digest is {ManifestDigest.Of(body)}, not {expected}", null);
            }

            return JsonDocument.Parse(body);
        }
    }

    private async Task<T> WithinTimeoutAsync<T>(ImageTag tag, Func<CancellationToken, Task<T>> ask, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            return await ask(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw Refusal(tag, null, $"the registry did not answer within {Timeout.TotalSeconds:0} s", exception);
        }
    }

    private async Task<string> ResolveManifestAsync(ImageTag tag, RegistryRepository repository, CancellationToken cancellationToken)
    {
        var path = repository.ManifestPath(tag.Tag);
        using (var head = await SendAsync(HttpMethod.Head, tag, repository, path, cancellationToken).ConfigureAwait(false))
        {
            if (head.IsSuccessStatusCode && head.Headers.TryGetValues("Docker-Content-Digest", out var values) && values.FirstOrDefault() is { } digest && ManifestDigest.IsWellFormed(digest))
            {
                return digest;
            }
        }

        // No digest in the HEAD answer, or a refusal (a HEAD answer has no body to say why): GET tells both.
        using var get = await SendAsync(HttpMethod.Get, tag, repository, path, cancellationToken).ConfigureAwait(false);
        var body = await get.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return get.IsSuccessStatusCode
            ? ManifestDigest.Of(body)
            : throw Refusal(tag, get.StatusCode, RegistryErrors.Describe(get.StatusCode, Encoding.UTF8.GetString(body)), null);
    }

    // One request, authorized the way the registry's first challenge asked; the authorization is kept for the next.
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, ImageTag tag, RegistryRepository repository, string path, CancellationToken cancellationToken)
    {
        var response = await SendOnceAsync(method, tag, repository, path, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || authorization is not null)
        {
            return response;
        }

        var challenges = response.Headers.WwwAuthenticate.Select(h => RegistryChallenge.Parse(h.ToString())).OfType<RegistryChallenge>().ToList();
        var challenge = challenges.FirstOrDefault(c => c.IsBearer) ?? challenges.FirstOrDefault(c => c.IsBasic);
        if (challenge is { IsBasic: true } && access.Credential?.BasicParameter is { } basic)
        {
            authorization = new AuthenticationHeaderValue("Basic", basic);
        }
        else if (challenge is { IsBearer: true })
        {
            var token = await RegistryToken.FetchAsync(http, challenge, challenge.Scope ?? $"repository:{repository.Name}:pull", access.Credential, cancellationToken).ConfigureAwait(false);
            if (token.Value is null)
            {
                response.Dispose();
                throw Refusal(tag, token.Status, token.Said ?? "the token service refused", null);
            }

            authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        }
        else
        {
            // No credentials to answer a Basic challenge with: the 401 is the answer.
            return response;
        }

        response.Dispose();
        return await SendOnceAsync(method, tag, repository, path, cancellationToken).ConfigureAwait(false);
    }

    // The first request decides the scheme: HTTPS, or plain HTTP where Docker would fall back to it and HTTPS failed.
    private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, ImageTag tag, RegistryRepository repository, string path, CancellationToken cancellationToken)
    {
        if (scheme is { } known)
        {
            return await SendOnAsync(known).ConfigureAwait(false);
        }

        try
        {
            var secure = await SendOnAsync("https").ConfigureAwait(false);
            scheme = "https";
            return secure;
        }
        catch (HttpRequestException failure) when (!cancellationToken.IsCancellationRequested)
        {
            var said = Said(failure, method, $"https://{repository.Authority}{path}");
            if (!repository.InsecureByDefault)
            {
                throw Refusal(tag, null, said, failure);
            }

            HttpResponseMessage plain;
            try
            {
                plain = await SendOnAsync("http").ConfigureAwait(false);
            }
            catch (HttpRequestException) when (!cancellationToken.IsCancellationRequested)
            {
                throw Refusal(tag, null, said, failure);
            }

            // A TLS server answers a plain request with 400 "Client sent an HTTP request to an HTTPS server": HTTPS was right.
            if (plain.StatusCode == HttpStatusCode.BadRequest && (await plain.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Contains("HTTPS server", StringComparison.OrdinalIgnoreCase))
            {
                plain.Dispose();
                throw Refusal(tag, null, said, failure);
            }

            scheme = "http";
            return plain;
        }

        async Task<HttpResponseMessage> SendOnAsync(string on)
        {
            using var request = new HttpRequestMessage(method, $"{on}://{repository.Authority}{path}");
            foreach (var type in ManifestMediaTypes.All)
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
            }

            request.Headers.Authorization = authorization;
            return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    private string Said(HttpRequestException failure, HttpMethod method, string url)
    {
        var why = failure.InnerException is AuthenticationException && trust.Rejection is { } rejected ? rejected
            : failure.InnerException is AuthenticationException or IOException ? failure.InnerException.Message
            : failure.Message;

        // In the engine's words' case ("connection refused"), so a refusal reads the same whoever asked.
        why = why.Length > 1 && char.IsUpper(why[0]) && char.IsLower(why[1]) ? char.ToLowerInvariant(why[0]) + why[1..] : why;
        return $"{method} {url}: {why.ReplaceLineEndings(" ")}";
    }

    private ImageNotFoundException Refusal(ImageTag tag, HttpStatusCode? status, string said, Exception? cause) => new(
        RegistryRefusal.Describe(tag.Reference, tag, access, status, said, throughRegistryApi: true),
        new HttpRequestException(access.Redact(said), cause, status));

    /// <inheritdoc />
    public void Dispose() => http.Dispose();
}
