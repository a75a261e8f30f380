using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace InfraTests.Harness.Images;

/// <summary>
/// A bearer token from the token service a registry's <c>Bearer</c> challenge names (the Docker Registry token protocol):
/// asked with the user and password as Basic auth, or with an identity token as an OAuth2 refresh token, or anonymously
/// when there are no credentials; or, when the service refused, its status and words.
/// </summary>
/// <param name="Value">The token to send as <c>Authorization: Bearer</c>; null when none was given.</param>
/// <param name="Status">The token service's status; null when it did not answer.</param>
/// <param name="Said">What went wrong, in the service's words; null with a token.</param>
internal sealed record RegistryToken(string? Value, HttpStatusCode? Status, string? Said)
{
    /// <summary>Asks the token service of <paramref name="challenge"/> for <paramref name="scope"/> (<c>repository:NAME:pull</c>).</summary>
    public static async Task<RegistryToken> FetchAsync(HttpClient http, RegistryChallenge challenge, string scope, RegistryCredential? credential, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(challenge.Realm, UriKind.Absolute, out var realm) || realm.Scheme is not ("https" or "http"))
        {
            return new RegistryToken(null, HttpStatusCode.Unauthorized, $"the registry's Bearer challenge names no token service (realm \"{challenge.Realm}\")");
        }

        using var request = Request(realm, challenge.Service, scope, credential);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return new RegistryToken(null, response.StatusCode, RegistryErrors.Describe(response.StatusCode, body));
            }

            return TokenIn(body) is { } token
                ? new RegistryToken(token, response.StatusCode, null)
                : new RegistryToken(null, response.StatusCode, $"the token service {realm.GetLeftPart(UriPartial.Path)} answered without a token");
        }
        catch (HttpRequestException exception)
        {
            return new RegistryToken(null, null, $"{request.Method} {realm.GetLeftPart(UriPartial.Path)}: {exception.InnerException?.Message ?? exception.Message}");
        }
    }

    private static HttpRequestMessage Request(Uri realm, string? service, string scope, RegistryCredential? credential)
    {
        var fields = new List<KeyValuePair<string, string>> { new("scope", scope) };
        if (service is not null)
        {
            fields.Insert(0, new("service", service));
        }

        // An identity token (what `docker login` keeps for OAuth-backed registries) is traded as a refresh token.
        if (credential is { BasicParameter: null, RefreshToken: { } refresh })
        {
            fields.AddRange([new("grant_type", "refresh_token"), new("refresh_token", refresh), new("client_id", "infratests")]);
            return new HttpRequestMessage(HttpMethod.Post, realm) { Content = new FormUrlEncodedContent(fields) };
        }

        var query = string.Join('&', fields.Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}"));
        var separator = realm.Query.Length > 0 ? "&" : "?";
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(realm + separator + query));
        if (credential?.BasicParameter is { } basic)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }

        return request;
    }

    private static string? TokenIn(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            foreach (var name in new[] { "token", "access_token" })
            {
                if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(name, out var token) && token.GetString() is { Length: > 0 } value)
                {
                    return value;
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
