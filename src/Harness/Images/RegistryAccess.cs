namespace InfraTests.Harness.Images;

/// <summary>
/// How the engine is to reach one image's registry: the registry, the credentials found for it (none for an anonymous
/// registry), and the config they were looked for in, so that a refusal can say which file to fix.
/// </summary>
internal sealed record RegistryAccess(string Registry, RegistryCredential? Credential, string ConfigPath)
{
    /// <summary>Tells resolutions made with different credentials apart (never the secret itself).</summary>
    public string Identity => Credential?.Identity ?? $"{Registry}|anonymous";

    /// <summary>The <c>X-Registry-Auth</c> header for the engine: none when anonymous.</summary>
    public IReadOnlyDictionary<string, string> Headers => Credential is null
        ? new Dictionary<string, string>()
        : new Dictionary<string, string> { ["X-Registry-Auth"] = Credential.ToRegistryAuthHeader() };

    /// <summary>Looks up the credentials for <paramref name="reference"/>'s registry in <paramref name="credentials"/>.</summary>
    public static async Task<RegistryAccess> FindAsync(string reference, DockerCredentials credentials, CancellationToken cancellationToken)
    {
        var registry = DockerCredentials.RegistryOf(reference);
        var credential = await credentials.FindAsync(registry, cancellationToken).ConfigureAwait(false);
        return new RegistryAccess(registry, credential, credentials.ConfigPath);
    }

    /// <summary>The text with any form of the secret replaced, for messages built from what the engine said.</summary>
    public string Redact(string text) => Credential?.Redact(text) ?? text;

    /// <inheritdoc />
    public override string ToString() => Credential?.ToString() ?? $"no credentials for {Registry} in {ConfigPath}";
}
