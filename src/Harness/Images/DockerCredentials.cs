using System.Text;
using System.Text.Json;

namespace InfraTests.Harness.Images;

/// <summary>
/// The Docker client's credentials, read the way the docker CLI reads them: <c>config.json</c> in the given folder, else
/// <c>$DOCKER_CONFIG</c>, else <c>~/.docker</c>; for a registry, its <c>credHelpers</c> entry first, then <c>credsStore</c>,
/// then <c>auths</c> (<c>auth</c> as base64 <c>user:password</c>, <c>username</c>/<c>password</c>, or <c>identitytoken</c>).
/// Whatever <c>docker login</c> stored is what the harness sends.
/// </summary>
internal sealed class DockerCredentials
{
    /// <summary>The key the docker CLI stores Docker Hub's credentials under.</summary>
    public const string DockerHub = "https://index.docker.io/v1/";

    private readonly IReadOnlyList<string> helperSearchPath;

    /// <summary>Reads <c>config.json</c> in <paramref name="configDirectory"/>; credential helpers are looked for in <paramref name="helperSearchPath"/>.</summary>
    public DockerCredentials(string configDirectory, IReadOnlyList<string> helperSearchPath)
    {
        ConfigPath = Path.Combine(Path.GetFullPath(configDirectory), "config.json");
        this.helperSearchPath = helperSearchPath;
    }

    /// <summary>The config file read, e.g. <c>/root/.docker/config.json</c>.</summary>
    public string ConfigPath { get; }

    /// <summary>
    /// The user's ordinary credentials (<paramref name="directory"/> when given, else <c>$DOCKER_CONFIG</c>, else
    /// <c>~/.docker</c>), with helpers looked for on PATH like the docker CLI does.
    /// </summary>
    public static DockerCredentials Ordinary(string? directory = null)
    {
        var folder = directory
            ?? (Environment.GetEnvironmentVariable("DOCKER_CONFIG") is { Length: > 0 } configured ? configured : null)
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return new DockerCredentials(folder, path);
    }

    /// <summary>
    /// The registry key for an image reference, as the docker CLI computes it: the first path part when it looks like a
    /// host (has a dot or a port, or is <c>localhost</c>), otherwise Docker Hub (<see cref="DockerHub"/>).
    /// </summary>
    public static string RegistryOf(string reference)
    {
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return DockerHub;
        }

        var first = reference[..slash];
        var isHost = first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost";
        return !isHost || first is "docker.io" or "index.docker.io" or "registry-1.docker.io" ? DockerHub : first;
    }

    /// <summary>
    /// The credentials for <paramref name="registry"/>, or null when there are none. Throws <see cref="InfraTestsException"/>
    /// with one line when the config cannot be read or a helper it names is missing or fails; no message holds a secret.
    /// </summary>
    public async Task<RegistryCredential?> FindAsync(string registry, CancellationToken cancellationToken)
    {
        using var config = Load();
        if (config is null)
        {
            return null;
        }

        var root = config.RootElement;
        if (root.TryGetProperty("credHelpers", out var helpers) && helpers.ValueKind == JsonValueKind.Object &&
            Entry(helpers, registry) is { Value.ValueKind: JsonValueKind.String } helper && helper.Value.GetString() is { Length: > 0 } helperName)
        {
            return await new CredentialHelper(helperName, helperSearchPath).GetAsync(registry, ConfigPath, $"credHelpers \"{helper.Name}\"", cancellationToken).ConfigureAwait(false);
        }

        if (root.TryGetProperty("credsStore", out var store) && store.ValueKind == JsonValueKind.String && store.GetString() is { Length: > 0 } storeName &&
            await new CredentialHelper(storeName, helperSearchPath).GetAsync(registry, ConfigPath, "credsStore", cancellationToken).ConfigureAwait(false) is { } stored)
        {
            return stored;
        }

        return root.TryGetProperty("auths", out var auths) && auths.ValueKind == JsonValueKind.Object && Entry(auths, registry) is { } auth
            ? FromAuths(auth, registry)
            : null;
    }

    private JsonDocument? Load()
    {
        string text;
        try
        {
            text = File.ReadAllText(ConfigPath);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
        {
            throw new InfraTestsException($"{ConfigPath} cannot be read ({exception.Message}): make it readable by this user, or log in as this user with `docker login`.", exception);
        }

        try
        {
            return JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException exception)
        {
            // The position only: the text near it may be a secret.
            throw new InfraTestsException($"{ConfigPath}:{exception.LineNumber + 1}: this is not valid JSON: fix it, or move it away and run `docker login` again.", exception);
        }
    }

    // The docker CLI looks an entry up by its exact key first, then by host name, so "https://127.0.0.1:5443/v2/" also counts.
    private static JsonProperty? Entry(JsonElement entries, string registry)
    {
        JsonProperty? byHost = null;
        foreach (var entry in entries.EnumerateObject())
        {
            if (entry.Name == registry)
            {
                return entry;
            }

            if (byHost is null && string.Equals(HostOf(entry.Name), HostOf(registry), StringComparison.OrdinalIgnoreCase))
            {
                byHost = entry;
            }
        }

        return byHost;
    }

    private static string HostOf(string key)
    {
        var host = key.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? key[8..]
            : key.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? key[7..]
            : key;
        return host.Split('/', 2)[0];
    }

    private RegistryCredential? FromAuths(JsonProperty entry, string registry)
    {
        var value = entry.Value;
        if (value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string? Text(string name) => value.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String ? property.GetString() : null;

        var username = Text("username");
        var password = Text("password");
        if (Text("auth") is { Length: > 0 } auth)
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
            }
            catch (FormatException exception)
            {
                throw new InfraTestsException($"{ConfigPath}: the \"auth\" of \"{entry.Name}\" is not base64 of user:password: run `docker login {registry}` again.", exception);
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                throw new InfraTestsException($"{ConfigPath}: the \"auth\" of \"{entry.Name}\" is not base64 of user:password (no colon): run `docker login {registry}` again.");
            }

            (username, password) = (decoded[..colon], decoded[(colon + 1)..]);
        }

        var identityToken = Text("identitytoken");
        if (string.IsNullOrEmpty(identityToken) && string.IsNullOrEmpty(password))
        {
            return null;
        }

        return new RegistryCredential(registry, username, password, identityToken, ConfigPath);
    }
}
