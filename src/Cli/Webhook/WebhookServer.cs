using System.Net;
using System.Net.Sockets;
using InfraTests.Harness;
using InfraTests.Rollout;
using InfraTests.Rollout.Push;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using BadHttpRequestException = Microsoft.AspNetCore.Http.BadHttpRequestException;

namespace InfraTests.Cli.Webhook;

/// <summary>
/// The HTTP side of <c>infratests webhook</c>: Kestrel on one address, <c>POST /hooks/push</c> read raw up to the
/// receiver's limit, judged by a <see cref="PushReceiver"/>, answered with its status and one line, and accepted pushes
/// handed to a <see cref="RolloutQueue"/>. An empty host: no configuration files, no environment, no logging of its own.
/// </summary>
internal sealed class WebhookServer : IAsyncDisposable
{
    /// <summary>Refuses, in one line, a non-loopback address unless remote deliveries were allowed.</summary>
    public static void EnsureAllowed(IPEndPoint listen, bool allowRemote)
    {
        if (!IPAddress.IsLoopback(listen.Address) && !allowRemote)
        {
            throw new InfraTestsException($"--listen {listen} is not a loopback address: deliveries would come from the network in clear text; listen on 127.0.0.1 behind a TLS proxy, or pass --allow-remote");
        }
    }

    /// <summary>The one path deliveries are posted to.</summary>
    public const string HookPath = "/hooks/push";

    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);
    private readonly WebApplication app;
    private bool stopped;

    private WebhookServer(WebApplication app, Uri endpoint)
    {
        this.app = app;
        Endpoint = endpoint;
    }

    /// <summary>Where the forge posts to, with the port actually bound (so port 0 can be used in tests).</summary>
    public Uri Endpoint { get; }

    /// <summary>
    /// Starts listening on <paramref name="listen"/>; a non-loopback address is refused unless <paramref name="allowRemote"/>,
    /// because a receiver open to the network should sit behind a proxy that terminates TLS. Each delivery's verdict is
    /// told to <paramref name="log"/> as <c>STATUS reason</c>; headers and the secret never are.
    /// </summary>
    public static async Task<WebhookServer> StartAsync(
        IPEndPoint listen, bool allowRemote, PushReceiver receiver, RolloutQueue queue, IProgress<string>? log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(queue);
        EnsureAllowed(listen, allowRemote);

        // The empty builder reads no appsettings.json, no ASPNETCORE_* variables and logs nothing: what listens is only what is set here.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "infratests-webhook" });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = receiver.MaxBodyBytes;
            kestrel.Limits.MaxConcurrentConnections = 64;
            kestrel.Listen(listen, endpoint => endpoint.Protocols = HttpProtocols.Http1);
        });

        // The command owns Ctrl+C; the host's console lifetime would take it over.
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        var app = builder.Build();
        app.Run(context => HandleAsync(context, receiver, queue, log));
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or SocketException)
        {
            await app.DisposeAsync();
            throw new InfraTestsException($"cannot listen on {listen}: {exception.GetBaseException().Message.TrimEnd('.')}", exception);
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new WebhookServer(app, new Uri(bound.TrimEnd('/') + HookPath));
    }

    /// <summary>Stops taking deliveries, letting those being answered finish for a few seconds.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!stopped)
        {
            stopped = true;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ShutdownTimeout);
            await app.StopAsync(timeout.Token);
        }
    }

    /// <summary>Stops (if not yet stopped) and releases the listener.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }

    private static async Task HandleAsync(HttpContext context, PushReceiver receiver, RolloutQueue queue, IProgress<string>? log)
    {
        var request = context.Request;
        if (request.Path != HookPath)
        {
            await AnswerAsync(context, log, 404, $"not found: deliveries go to POST {HookPath}", bodyUnread: true);
            return;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = "POST";
            await AnswerAsync(context, log, 405, $"method not allowed: deliveries go to POST {HookPath}", bodyUnread: true);
            return;
        }

        var tooLarge = $"body is over this receiver's limit of {receiver.MaxBodyBytes} bytes: refused";
        if (request.ContentLength > receiver.MaxBodyBytes)
        {
            await AnswerAsync(context, log, 413, tooLarge, bodyUnread: true);
            return;
        }

        byte[] body;
        try
        {
            body = await ReadAsync(request.Body, receiver.MaxBodyBytes, context.RequestAborted);
        }
        catch (BadHttpRequestException bad)
        {
            // Kestrel's limit (a chunked body has no length to check first) or a body that breaks HTTP's framing.
            var status = bad.StatusCode;
            await AnswerAsync(context, log, status, status == StatusCodes.Status413PayloadTooLarge ? tooLarge : $"body could not be read ({bad.Message.TrimEnd('.')}): refused", bodyUnread: true);
            return;
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            log?.Report($"no answer: the sender went away before its body was read ({exception.GetType().Name})");
            return;
        }

        PushVerdict verdict = receiver.Receive(name => request.Headers.TryGetValue(name, out var values) ? values.ToString() : null, body);
        if (verdict is PushVerdict.Accepted accepted)
        {
            try
            {
                // The queue tells the rollout's own progress; the forge only needs to know the push was taken (and kept on disk).
                _ = queue.Enqueue(accepted.Delivery);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                verdict = new PushVerdict.Rejected(503, $"delivery {accepted.Delivery.DeliveryId} cannot be kept in the queue file ({exception.GetType().Name}): refused, redeliver later");
            }
        }

        log?.Report($"{verdict.StatusCode} {verdict.Reason}");

        await AnswerAsync(context, log: null, verdict.StatusCode, verdict.Reason, bodyUnread: body.Length > receiver.MaxBodyBytes);
    }

    // Reads at most one byte past the limit: enough for the receiver to refuse it, never the whole of an endless body.
    private static async Task<byte[]> ReadAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while (buffer.Length <= limit && (read = await body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit + 1 - buffer.Length)), cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static async Task AnswerAsync(HttpContext context, IProgress<string>? log, int status, string reason, bool bodyUnread = false)
    {
        log?.Report($"{status} {reason}");
        context.Response.StatusCode = status;

        // Kestrel cannot drain a body it refused to read: say the connection ends, or the client reuses it and loses its next request.
        if (bodyUnread)
        {
            context.Response.Headers.Connection = "close";
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(reason + "\n", context.RequestAborted);
    }

    /// <summary>A host lifetime that leaves signals alone: the command stops the server when its own token is cancelled.</summary>
    private sealed class CommandLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
