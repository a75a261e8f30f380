using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace InfraTests.Cli.Tests;

/// <summary>
/// The machine's Docker engine behind a unix socket of the test's own (in a 0700 temporary folder), passing every byte
/// through, except that it can hold the first request whose bytes match a pattern: nothing of it or after it
/// reaches the engine until <see cref="Release"/>. A rollout given <c>--endpoint unix://…</c> of it then stands still
/// inside the step that request belongs to (keep: the archive GET, copy: the archive PUT, update and validate: the exec
/// naming the script), for as long as the test wants, with nothing left running in the container. It can also cut the
/// connections whose request matches a pattern (<see cref="Cut"/>): an event stream the engine seems to drop.
/// </summary>
internal sealed class EngineProxy : IDisposable
{
    private const string Engine = "/var/run/docker.sock";

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("infratests-engine-proxy-");
    private readonly Socket listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly CancellationTokenSource stop = new();
    private readonly TaskCompletionSource held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<Socket, string> requests = new();
    private Regex? holdOn;

    public EngineProxy()
    {
        var path = Path.Combine(folder.FullName, "engine.sock");
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(16);
        Uri = $"unix://{path}";
        _ = AcceptAsync();
    }

    /// <summary>The endpoint to give the rollout.</summary>
    public string Uri { get; }

    /// <summary>Completes when a request matching the pattern arrived and was held.</summary>
    public Task Held => held.Task;

    /// <summary>Holds the first request whose bytes match <paramref name="pattern"/>.</summary>
    public EngineProxy HoldingOn(Regex pattern)
    {
        holdOn = pattern;
        return this;
    }

    /// <summary>Completes once a connection's request matches <paramref name="pattern"/>: e.g. an event stream was opened.</summary>
    public async Task OpenedAsync(Regex pattern, CancellationToken cancellationToken)
    {
        // bound: polled for the request every 20 ms, for a minute (a client opens its stream within a second of starting).
        var until = DateTime.UtcNow.AddMinutes(1);
        while (!requests.Values.Any(pattern.IsMatch))
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"no request matching {pattern} came through the proxy within a minute");
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>Closes every connection whose request so far matches <paramref name="pattern"/>, as an engine that drops it.</summary>
    public EngineProxy Cut(Regex pattern)
    {
        foreach (var (client, request) in requests)
        {
            if (pattern.IsMatch(request))
            {
                client.Dispose();
            }
        }

        return this;
    }

    /// <summary>Lets the held request through, and every one after it; never called, it is dropped with its connection on dispose.</summary>
    public void Release() => released.TrySetResult();

    public void Dispose()
    {
        stop.Cancel();
        listener.Dispose();
        folder.Delete(recursive: true);
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stop.Token);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using (client)
        using (var engine = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            try
            {
                await engine.ConnectAsync(new UnixDomainSocketEndPoint(Engine), stop.Token);
                requests[client] = string.Empty;
                await Task.WhenAny(PumpAsync(client, engine, watch: true), PumpAsync(engine, client, watch: false));
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
            }
            finally
            {
                requests.TryRemove(client, out _);
            }
        }
    }

    private async Task PumpAsync(Socket from, Socket to, bool watch)
    {
        var buffer = new byte[64 * 1024];
        var seen = string.Empty;
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, stop.Token);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                if (watch && requests.TryGetValue(from, out var head) && head.Length < 4096)
                {
                    requests[from] = head + Encoding.Latin1.GetString(buffer, 0, Math.Min(read, 4096));
                }

                if (watch && holdOn is { } pattern && !held.Task.IsCompleted)
                {
                    // The tail of what came before too: a request's head may straddle two reads.
                    seen = seen[Math.Max(0, seen.Length - 4096)..] + Encoding.Latin1.GetString(buffer, 0, read);
                    if (pattern.IsMatch(seen) && held.TrySetResult())
                    {
                        await released.Task.WaitAsync(stop.Token);
                    }
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, stop.Token);
            }
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
