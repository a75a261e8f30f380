using Docker.DotNet;
using InfraTests.Harness.Text;

namespace InfraTests.Harness.Engine;

/// <summary>
/// A start that failed because the host port the engine chose for a published port (127.0.0.1 with none given) was taken
/// before the engine bound it: Podman picks a free port at create and binds it at start, a window any UDP client's
/// ephemeral port can fall into. The container cannot be started again on that port; a new one gets another. Whoever
/// creates a service container with published ports starts another this way, a few times at most.
/// </summary>
internal static class HostPortRace
{
    /// <summary>How many containers to try in all before the failure stands.</summary>
    public const int Attempts = 3;

    /// <summary>True when <paramref name="exception"/> is that failure and <paramref name="attempt"/> (from 1) may be followed by another.</summary>
    public static bool Lost(DockerApiException exception, int attempt) =>
        attempt < Attempts && (exception ?? throw new ArgumentNullException(nameof(exception))).Message.Contains("address already in use", StringComparison.Ordinal);

    /// <summary>The progress line for it.</summary>
    public static string Said(DockerApiException exception) =>
        $"the host port the engine chose was taken before it bound it ({Words.OneLine(exception?.Message ?? string.Empty)}): starting another container";
}
