using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Images;

namespace InfraTests.Harness.Http;

/// <summary>
/// The certificate a TLS server presented in a real handshake, with the certificates it sent beside it: what certificate
/// assertions inspect (does it chain to a CA the test trusts, which names it covers, how long it stays valid). Read it
/// with <see cref="ReadAsync"/>; nothing is trusted or refused while reading.
/// </summary>
public sealed record ServerCertificate
{
    /// <summary>Where the handshake went: <c>172.18.0.2:443</c>.</summary>
    public required string Server { get; init; }

    /// <summary>The name asked for in the handshake (SNI): <c>wiki.example.org</c>.</summary>
    public required string ServerName { get; init; }

    /// <summary>The server's own certificate.</summary>
    public required X509Certificate2 Certificate { get; init; }

    /// <summary>The other certificates the server sent (intermediates), in the order sent; empty when it sent only its own.</summary>
    public required IReadOnlyList<X509Certificate2> Intermediates { get; init; }

    /// <summary>What served it, for messages.</summary>
    public required TestedImage Source { get; init; }

    /// <summary>The daemon's log, for messages.</summary>
    public required IDaemonLog Log { get; init; }

    /// <summary>When the handshake was made (UTC).</summary>
    public required DateTime AskedAt { get; init; }

    /// <summary>The names the certificate covers, as its subject alternative names: <c>DNS:wiki.example.org</c>, <c>IP:127.0.0.1</c>.</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            var names = Certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
            return names is null ? [] : [.. names.EnumerateDnsNames().Select(n => $"DNS:{n}"), .. names.EnumerateIPAddresses().Select(a => $"IP:{a}")];
        }
    }

    /// <summary>
    /// Makes a TLS handshake with <paramref name="endpoint"/> asking for <paramref name="serverName"/> and returns the
    /// certificate the server presented. Throws with one line when no handshake could be made within 10 s.
    /// </summary>
    public static async Task<ServerCertificate> ReadAsync(IPEndPoint endpoint, string serverName, TestedImage source, IDaemonLog? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrEmpty(serverName);
        X509Certificate2? leaf = null;
        List<X509Certificate2> sent = [];
        var askedAt = DateTime.UtcNow;
        using var within = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        within.CancelAfter(TimeSpan.FromSeconds(10)); // bound: connect and handshake
        try
        {
            using var client = new TcpClient(endpoint.AddressFamily);
            await client.ConnectAsync(endpoint, within.Token).ConfigureAwait(false);
            await using var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false, (_, certificate, chain, _) =>
            {
                // Read, never judged here: the verdicts decide against the CA the test trusts.
                leaf = certificate is null ? null : new X509Certificate2(certificate);
                sent = chain is null ? [] : [.. chain.ChainPolicy.ExtraStore.Select(c => new X509Certificate2(c))];
                return true;
            });
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = serverName }, within.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is SocketException or IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new InfraTestsException($"No TLS handshake with {endpoint} for {serverName} ({source.ShortReference}): {exception.Message}", exception);
        }

        var own = leaf ?? throw new InfraTestsException($"{endpoint} completed a TLS handshake for {serverName} without a certificate ({source.ShortReference}).");
        return new ServerCertificate
        {
            Server = endpoint.ToString(),
            ServerName = serverName,
            Certificate = own,
            Intermediates = [.. sent.Where(c => c.Thumbprint != own.Thumbprint)],
            Source = source,
            Log = log ?? NoDaemonLog.Instance,
            AskedAt = askedAt,
        };
    }
}
