using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using InfraTests.Harness.Http;

namespace InfraTests.Harness.Verdicts;

/// <summary>
/// Verdicts on the certificate a TLS server presented (<see cref="ServerCertificate"/>): it chains to a CA the test trusts,
/// it covers a name, it stays valid long enough. Failures name the server, the certificate and what it lacks, then the
/// image and the daemon's log. <c>certificate.Should()</c> in the InfraTests assertion packages is built on them.
/// </summary>
public static class CertificateVerdicts
{
    /// <summary>
    /// The certificate chains to <paramref name="authority"/> through the certificates the server sent, valid now, with
    /// <paramref name="authority"/> as the only trusted root (the machine's own roots are not asked; revocation is not checked).
    /// </summary>
    public static Verdict ChainsTo(ServerCertificate certificate, X509Certificate2 authority)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(authority);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.ExtraStore.AddRange(certificate.Intermediates.ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        var built = chain.Build(certificate.Certificate);
        var problems = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
        var path = string.Join(" ← ", chain.ChainElements.Select(e => e.Certificate.Subject));
        return Verdict.Of(built, () => Sentence(
            certificate,
            $"to chain to {authority.Subject}",
            $"it does not ({(problems.Length == 0 ? "no path" : problems)}); the chain built was {path}{Sent(certificate)}"));
    }

    /// <summary>
    /// The certificate covers <paramref name="name"/>: a DNS name in its subject alternative names, exactly or by a wildcard
    /// of one label (<c>*.example.org</c>), or an IP address among its IP names.
    /// </summary>
    public static Verdict Covers(ServerCertificate certificate, string name)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var names = certificate.Names;
        var covered = IPAddress.TryParse(name, out var address)
            ? names.Contains($"IP:{address}")
            : names.Where(n => n.StartsWith("DNS:", StringComparison.Ordinal)).Any(n => Matches(n[4..], name));
        return Verdict.Of(covered, () => Sentence(
            certificate,
            $"to cover {name}",
            names.Count == 0 ? "it has no subject alternative names (a browser ignores the subject's CN)" : $"its names are {string.Join(", ", names)}"));
    }

    /// <summary>The certificate is valid now and for at least <paramref name="days"/> more days.</summary>
    public static Verdict ValidForAtLeast(ServerCertificate certificate, int days)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var now = DateTime.UtcNow;
        var notBefore = certificate.Certificate.NotBefore.ToUniversalTime();
        var notAfter = certificate.Certificate.NotAfter.ToUniversalTime();
        var left = notAfter - now;
        return Verdict.Of(notBefore <= now && left >= TimeSpan.FromDays(days), () => Sentence(
            certificate,
            string.Create(CultureInfo.InvariantCulture, $"to be valid for at least {days} more days"),
            notBefore > now ? string.Create(CultureInfo.InvariantCulture, $"it is not valid before {notBefore:yyyy-MM-dd HH:mm} UTC")
            : left <= TimeSpan.Zero ? string.Create(CultureInfo.InvariantCulture, $"it expired on {notAfter:yyyy-MM-dd HH:mm} UTC")
            : string.Create(CultureInfo.InvariantCulture, $"it expires on {notAfter:yyyy-MM-dd HH:mm} UTC, in {Math.Floor(left.TotalDays):0} days")));
    }

    private static bool Matches(string pattern, string name) =>
        string.Equals(pattern, name, StringComparison.OrdinalIgnoreCase)
        || (pattern.StartsWith("*.", StringComparison.Ordinal) && name.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot
            && string.Equals(pattern[2..], name[(dot + 1)..], StringComparison.OrdinalIgnoreCase));

    private static string Sent(ServerCertificate certificate) => certificate.Intermediates.Count == 0
        ? "; the server sent no intermediate certificate"
        : $"; the server also sent {string.Join(", ", certificate.Intermediates.Select(c => c.Subject))}";

    private static VerdictSentence Sentence(ServerCertificate certificate, string expectation, string outcome) =>
        new($"the certificate {certificate.Certificate.Subject} presented for {certificate.ServerName} at {certificate.Server}", expectation, () =>
            $", but {outcome}.{Environment.NewLine}(image {certificate.Source.ShortReference}, {certificate.Source.DaemonVersion}; certificate {certificate.Certificate.Thumbprint}, issued by {certificate.Certificate.Issuer})."
            + AnswerContext.DaemonLog(certificate.Log, certificate.AskedAt.AddSeconds(-10), DateTime.UtcNow.AddSeconds(1), "from 10 s before the handshake until the failure"))
        {
            Answer = $"{certificate.Certificate.Subject}, {string.Join(", ", certificate.Names)}, until {certificate.Certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}",
            Image = certificate.Source.ShortReference,
            Attachments = () => [AnswerContext.WholeLog(certificate.Log)],
        };
}
