using System.Security.Cryptography.X509Certificates;
using FluentAssertions;
using FluentAssertions.Primitives;
using InfraTests.Harness.Http;
using InfraTests.Harness.Verdicts;

namespace InfraTests.Assertions.Web;

/// <summary>
/// Assertions on the certificate a TLS server presented, reached by <c>certificate.Should()</c>: it chains to a CA the test
/// trusts, covers a name, stays valid long enough (<see cref="CertificateVerdicts"/>).
/// </summary>
public class ServerCertificateAssertions : ReferenceTypeAssertions<ServerCertificate, ServerCertificateAssertions>
{
    /// <summary>Wraps <paramref name="subject"/> for assertions.</summary>
    public ServerCertificateAssertions(ServerCertificate subject)
        : base(subject)
    {
    }

    /// <inheritdoc />
    protected override string Identifier => "certificate";

    /// <summary>Asserts the certificate chains to <paramref name="authority"/> through what the server sent, valid now; the machine's own roots are not asked.</summary>
    public AndConstraint<ServerCertificateAssertions> ChainTo(X509Certificate2 authority, string because = "", params object[] becauseArgs) =>
        Constrain(CertificateVerdicts.ChainsTo(Subject, authority), because, becauseArgs);

    /// <summary>Asserts the certificate covers <paramref name="name"/> (a DNS name, exactly or by a one-label wildcard, or an IP address).</summary>
    public AndConstraint<ServerCertificateAssertions> HaveName(string name, string because = "", params object[] becauseArgs) =>
        Constrain(CertificateVerdicts.Covers(Subject, name), because, becauseArgs);

    /// <summary>Asserts the certificate is valid now and for at least <paramref name="days"/> more days. Use it to catch a renewal that did not happen.</summary>
    public AndConstraint<ServerCertificateAssertions> BeValidForAtLeast(int days, string because = "", params object[] becauseArgs) =>
        Constrain(CertificateVerdicts.ValidForAtLeast(Subject, days), because, becauseArgs);

    private AndConstraint<ServerCertificateAssertions> Constrain(Verdict verdict, string because, object[] becauseArgs)
    {
        Fail.Unless(verdict, because, becauseArgs);
        return new AndConstraint<ServerCertificateAssertions>(this);
    }
}
