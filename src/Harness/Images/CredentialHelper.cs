using System.Diagnostics;
using System.Text.Json;
using InfraTests.Harness.Text;

namespace InfraTests.Harness.Images;

/// <summary>
/// A Docker credential helper (<c>docker-credential-NAME get</c>, the registry on stdin, JSON on stdout), run the way the
/// docker CLI runs it. Where helpers are looked for is given, not read from the process's PATH, so tests can supply one.
/// </summary>
internal sealed class CredentialHelper(string name, IReadOnlyList<string> searchPath)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>The helper's program name, e.g. <c>docker-credential-pass</c>.</summary>
    public string Program => $"docker-credential-{name}";

    /// <summary>
    /// Asks the helper for <paramref name="registry"/>'s credentials; null when it has none. <paramref name="setting"/> names
    /// the config entry that chose the helper (<c>credHelpers</c> or <c>credsStore</c>) for messages.
    /// </summary>
    public async Task<RegistryCredential?> GetAsync(string registry, string configPath, string setting, CancellationToken cancellationToken)
    {
        var path = searchPath.Select(directory => Path.Combine(directory, Program)).FirstOrDefault(File.Exists)
            ?? throw new InfraTestsException($"{configPath} gets the credentials for {registry} from `{name}` ({setting}), but {Program} is not on PATH: install it, or remove that entry from {configPath} and run `docker login {registry}`.");

        var start = new ProcessStartInfo(path, "get")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InfraTestsException($"{path} could not be started: check it is executable.");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        string stdout;
        string stderr;
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var errors = process.StandardError.ReadToEndAsync(deadline.Token);
            try
            {
                await process.StandardInput.WriteLineAsync(registry.AsMemory(), deadline.Token).ConfigureAwait(false);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The helper answered without reading the registry (it has one answer for all): its output still counts.
            }

            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            (stdout, stderr) = (await output.ConfigureAwait(false), await errors.ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new InfraTestsException($"{Program} get did not answer for {registry} within {Timeout.TotalSeconds:0} s: unlock or fix the credential store, or run `docker login {registry}` again.");
        }

        if (process.ExitCode != 0)
        {
            // Helpers say "credentials not found in native keychain" on stdout when they have nothing for the registry.
            if (stdout.Contains("credentials not found", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            // On failure a helper prints why, never the secret; keep one short line of it.
            var why = Words.FirstLine(stdout.Trim().Length > 0 ? stdout : stderr);
            throw new InfraTestsException($"{Program} get failed for {registry} (exit code {process.ExitCode}: {why}): fix the credential store, or run `docker login {registry}` again.");
        }

        return Parse(stdout, registry);
    }

    private RegistryCredential? Parse(string stdout, string registry)
    {
        try
        {
            using var json = JsonDocument.Parse(stdout);
            var username = json.RootElement.TryGetProperty("Username", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
            var secret = json.RootElement.TryGetProperty("Secret", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            if (string.IsNullOrEmpty(secret))
            {
                return null;
            }

            // The helper protocol marks an identity token with the user name "<token>".
            return username == "<token>"
                ? new RegistryCredential(registry, null, null, secret, Program)
                : new RegistryCredential(registry, username, secret, null, Program);
        }
        catch (JsonException)
        {
            // Not quoted: the output may hold the secret.
            throw new InfraTestsException($"{Program} get answered something other than JSON for {registry}: fix the credential store, or run `docker login {registry}` again.");
        }
    }
}
