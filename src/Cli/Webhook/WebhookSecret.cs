using System.Text;
using InfraTests.Harness;

namespace InfraTests.Cli.Webhook;

/// <summary>
/// The webhook's shared secret: from <c>--secret-file</c> (one line; its line break is not part of it) or else the
/// <see cref="EnvironmentVariable"/>. Every error names where it looked, never what it found.
/// </summary>
internal static class WebhookSecret
{
    /// <summary>The variable read when no <c>--secret-file</c> is given.</summary>
    public const string EnvironmentVariable = "INFRATESTS_WEBHOOK_SECRET";

    /// <summary>The secret's UTF-8 bytes and where they came from (for the startup line); an <see cref="InfraTestsException"/> when there is none.</summary>
    public static (byte[] Secret, string Source) Read(string? file, Func<string, string?> environment)
    {
        if (file is not null)
        {
            string text;
            try
            {
                RefuseShared(file);
                text = File.ReadAllText(file);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new InfraTestsException($"--secret-file {file}: {(exception is FileNotFoundException or DirectoryNotFoundException ? "no such file" : exception.Message.TrimEnd('.'))}", exception);
            }

            var secret = text.TrimEnd('\n').TrimEnd('\r');
            return secret.Length == 0 ? throw new InfraTestsException($"--secret-file {file} is empty: put the webhook's secret in it, as set at the forge")
                : secret.Contains('\n', StringComparison.Ordinal) ? throw new InfraTestsException($"--secret-file {file} has more than one line: put only the webhook's secret in it")
                : (Encoding.UTF8.GetBytes(secret), file);
        }

        return environment(EnvironmentVariable) switch
        {
            null => throw new InfraTestsException($"no webhook secret: pass --secret-file PATH or set {EnvironmentVariable} to the secret the forge signs deliveries with"),
            "" => throw new InfraTestsException($"{EnvironmentVariable} is empty: set it to the secret the forge signs deliveries with, or pass --secret-file PATH"),
            var secret => (Encoding.UTF8.GetBytes(secret), $"${EnvironmentVariable}"),
        };
    }

    /// <summary>
    /// A secret other users can read signs their pushes as the forge's; one they can write replaces it. As ssh does for a
    /// private key, a secret file group or others may read or write is refused before it is read.
    /// </summary>
    private static void RefuseShared(string file)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(file))
        {
            return;
        }

        const UnixFileMode shared = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
        var mode = File.GetUnixFileMode(file);
        if ((mode & shared) != 0)
        {
            throw new InfraTestsException($"--secret-file {file} can be read or changed by other users (mode {Convert.ToString((int)mode, 8).PadLeft(4, '0')}): run `chmod 600 {file}`; the secret signs pushes that reach production");
        }
    }
}
