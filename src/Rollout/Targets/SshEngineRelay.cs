using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using InfraTests.Harness;

namespace InfraTests.Rollout.Targets;

/// <summary>
/// A Docker engine reached over ssh as the Docker CLI reaches one (<c>ssh … docker system dial-stdio</c>): a private
/// unix socket of ours (a folder only we may enter) whose every connection is carried over the standard input and output
/// of its own <c>ssh</c> child, so the engine API client talks to it as to a local socket. The user's own ssh, config,
/// keys and known_hosts; batch mode (never a prompt) and strict host keys (an unknown key is refused, never accepted).
/// One master connection (<c>ssh -M</c>, its control socket in that folder) is opened first and every connection's ssh
/// rides on it, as a session of an established connection: no handshake and login each time (0.3 s each on this machine,
/// and an engine API client opens dozens). When the master cannot be opened, each ssh connects on its own and says why
/// it cannot. Disposing kills every ssh child (the master too) with all it started and removes the folder.
/// </summary>
internal sealed class SshEngineRelay : IDisposable
{
    /// <summary>An ssh config file of the user's, passed to ssh as <c>-F</c>: for keys and known_hosts kept elsewhere.</summary>
    public const string ConfigVariable = "INFRATESTS_SSH_CONFIG";

    private readonly Uri target;
    private readonly DirectoryInfo folder;
    private readonly Socket listener;
    private readonly ConcurrentDictionary<int, Process> children = new();
    private readonly CancellationTokenSource closing = new();
    private readonly Lazy<Task> master;

    private SshEngineRelay(Uri target)
    {
        this.target = target;
        // CreateTempSubdirectory makes it 0700: no other user can reach the sockets inside.
        folder = Directory.CreateTempSubdirectory("infratests-ssh-");
        Socket = Path.Combine(folder.FullName, "engine.sock");
        ControlPath = Path.Combine(folder.FullName, "master");
        master = new Lazy<Task>(OpenMasterAsync);
        listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(Socket));
        listener.Listen(16);
        _ = Arrivals.EachAsync(listener.AcceptAsync, CarryAsync, closing.Token);
    }

    /// <summary>The private socket the engine answers on, as an endpoint URI.</summary>
    public Uri Endpoint => new($"unix://{Socket}");

    /// <summary>Why the last ssh that failed did, in ssh's own last line (with its exit code); null while none failed.</summary>
    public string? Failure { get; private set; }

    private string Socket { get; }

    private string ControlPath { get; }

    /// <summary>Starts relaying to the engine at <paramref name="ssh"/> (<c>ssh://[user@]host[:port]</c>, no path).</summary>
    public static SshEngineRelay Open(Uri ssh)
    {
        if (ssh.AbsolutePath is not ("" or "/") || ssh.Query.Length > 0)
        {
            throw new InfraTestsException($"{ssh}: an ssh endpoint names a host only (ssh://user@host:port), as the Docker CLI's do: leave out '{ssh.PathAndQuery}'.");
        }

        return new SshEngineRelay(ssh);
    }

    /// <summary>The ssh command line for one connection (a session on the master connection): what a progress line or a test may show.</summary>
    public IReadOnlyList<string> Command() => Ssh(["-o", "ControlMaster=no", "-o", $"ControlPath={ControlPath}", "-T"], ["docker", "system", "dial-stdio"]);

    // The user's ssh with our options, then the host, then the command on it (none for the master).
    private List<string> Ssh(IEnumerable<string> options, IEnumerable<string> command)
    {
        var arguments = new List<string> { "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o", "ConnectTimeout=15" };
        arguments.AddRange(options);
        if (Environment.GetEnvironmentVariable(ConfigVariable) is { Length: > 0 } config)
        {
            arguments.AddRange(["-F", config]);
        }

        if (target.UserInfo.Length > 0)
        {
            arguments.AddRange(["-l", Uri.UnescapeDataString(target.UserInfo)]);
        }

        if (!target.IsDefaultPort && target.Port > 0)
        {
            arguments.AddRange(["-p", target.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        arguments.AddRange(["--", target.Host, .. command]);
        return arguments;
    }

    // The master connection, once: ready when its control socket appears; when it exits first (a refused key, a host that
    // does not answer), the sessions connect on their own and their ssh says why.
    private async Task OpenMasterAsync()
    {
        if (Start(Ssh(["-o", "ControlMaster=yes", "-o", $"ControlPath={ControlPath}", "-o", "ControlPersist=no", "-N"], [])) is not { } child)
        {
            return;
        }

        children[child.Id] = child;
        _ = child.StandardError.ReadToEndAsync(); // read, so a chatty ssh never blocks on a full pipe; each session says why it fails
        // bound: ssh's own ConnectTimeout (15 s) for the connection, and as long again for the login; polled for the socket.
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(ControlPath) && !child.HasExited && DateTime.UtcNow < until && !closing.IsCancellationRequested)
        {
            await Task.Delay(20, CancellationToken.None).ConfigureAwait(false);
        }
    }

    // An ssh child with its standard streams ours; null (and Failure said) when ssh cannot be started at all.
    private Process? Start(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo("ssh") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("ssh did not start");
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            Failure = $"ssh could not be started ({exception.Message}): install the OpenSSH client";
            return null;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        closing.Cancel();
        listener.Dispose();
        foreach (var child in children.Values)
        {
            try
            {
                ProcessTree.KillAsync(child).GetAwaiter().GetResult();
            }
            catch (InvalidOperationException)
            {
                // Its connection ended meanwhile and took it down.
            }
        }

        try
        {
            folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Already gone.
        }

        closing.Dispose();
    }

    // One connection over one ssh child: bytes both ways until either side ends, then the child and all it started are gone.
    private async Task CarryAsync(Socket connection)
    {
        using var socket = connection;
        await master.Value.ConfigureAwait(false);
        if (Start(Command()) is not { } process)
        {
            return;
        }

        using var child = process;
        children[child.Id] = child;
        try
        {
            var error = child.StandardError.ReadToEndAsync();
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            var up = Task.Run(async () =>
            {
                await stream.CopyToAsync(child.StandardInput.BaseStream, closing.Token).ConfigureAwait(false);
                child.StandardInput.Close();
            });
            await child.StandardOutput.BaseStream.CopyToAsync(stream, closing.Token).ConfigureAwait(false);
            // The engine's side ended: ssh is exiting. Its failure is known before our client sees the connection end.
            await child.WaitForExitAsync(closing.Token).ConfigureAwait(false);
            if (child.ExitCode != 0 && (await error.ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is [.., var last])
            {
                Failure = $"{last} (ssh exited {child.ExitCode})";
            }

            socket.Shutdown(SocketShutdown.Send);
            _ = up;
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The client went away or we are closing: the child goes below.
        }
        finally
        {
            if (children.TryRemove(child.Id, out _))
            {
                await ProcessTree.KillAsync(child).ConfigureAwait(false);
            }
        }
    }
}
