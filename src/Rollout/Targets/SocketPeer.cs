using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace InfraTests.Rollout.Targets;

/// <summary>
/// Who listens on a unix socket, as the kernel says (<c>SO_PEERCRED</c>): an engine daemon of this machine in this
/// machine's network namespace, or something else (an <c>ssh -L</c> or <c>socat</c> forwarding a remote engine). Only the
/// first makes the engine's loopback ports ours to ask; anything this cannot read is not proof.
/// </summary>
internal static class SocketPeer
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    // The daemons that serve an engine API themselves. A forwarder (ssh, socat, a proxy) is never on this list.
    private static readonly HashSet<string> EngineDaemons = new(StringComparer.Ordinal) { "dockerd", "podman" };

    /// <summary>
    /// Null when the process listening on <paramref name="socketPath"/> is an engine daemon in this process's network
    /// namespace; otherwise why that could not be shown, in words.
    /// </summary>
    public static string? WhyNotAnEngineHere(string socketPath)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "peer credentials are read on Linux only";
        }

        int pid;
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            Span<byte> credentials = stackalloc byte[12];
            socket.GetRawSocketOption(SolSocket, SoPeerCred, credentials);
            pid = MemoryMarshal.Read<int>(credentials);
        }
        catch (Exception exception) when (exception is SocketException or IOException or UnauthorizedAccessException)
        {
            return $"{socketPath} could not be asked who listens on it ({exception.Message})";
        }

        return Judge(pid, ReadOrNull($"/proc/{pid}/comm")?.Trim(), LinkOrNull($"/proc/{pid}/ns/net"), LinkOrNull("/proc/self/ns/net"));
    }

    /// <summary>The rule, apart from the kernel: null when <paramref name="command"/> is an engine daemon in our namespace.</summary>
    internal static string? Judge(int pid, string? command, string? peerNetwork, string? ownNetwork)
    {
        if (pid <= 0 || command is null)
        {
            return $"the process listening (pid {pid}) cannot be seen from here";
        }

        if (!EngineDaemons.Contains(command))
        {
            return $"the socket is served by {command} (pid {pid}), not by an engine daemon: it may forward a remote engine";
        }

        if (peerNetwork is null || ownNetwork is null)
        {
            return $"{command} (pid {pid})'s network namespace cannot be read from here";
        }

        return peerNetwork == ownNetwork ? null : $"{command} (pid {pid}) runs in another network namespace ({peerNetwork}), so its loopback is not ours";
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? LinkOrNull(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
