using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace InfraTests.Harness.Dns;

/// <summary>
/// How a blocklist is asked about an address: an IPv4 address with its octets reversed (<c>4.3.2.1</c>), an IPv6 address as
/// its 32 nibbles reversed (RFC 3596's <c>ip6.arpa</c> order, what <c>dig -x</c> builds); the zone goes after it.
/// </summary>
internal static class ReversedAddress
{
    /// <summary>
    /// The labels before the zone for <paramref name="address"/>. An IPv4-mapped IPv6 address (<c>::ffff:192.0.2.1</c>,
    /// how a dual-stack socket shows an IPv4 client) is asked as the IPv4 address it carries, as a mail server does.
    /// </summary>
    public static string Of(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => string.Join('.', bytes.Reverse().Select(b => b.ToString(CultureInfo.InvariantCulture))),
            AddressFamily.InterNetworkV6 => string.Join('.', bytes.Reverse().SelectMany(b => new[] { b & 0xF, b >> 4 }).Select(n => n.ToString("x", CultureInfo.InvariantCulture))),
            _ => throw new ArgumentException($"{address} is neither an IPv4 nor an IPv6 address.", nameof(address)),
        };
    }

    /// <summary>
    /// The labels before the zone for a corpus or command-line subject: reversed for an IPv4 dotted quad or an IPv6 address,
    /// the name itself for a host name.
    /// </summary>
    public static string OfSubject(string subject) =>
        Corpus.IsIPv4(subject) ? Of(IPAddress.Parse(subject))
        : IsIPv6(subject, out var address) ? Of(address)
        : subject;

    /// <summary>True for an IPv6 address in any of its text forms (<c>2001:db8::1</c>, <c>::ffff:192.0.2.1</c>), without a scope.</summary>
    public static bool IsIPv6(string subject, out IPAddress address)
    {
        address = IPAddress.None;
        if (!subject.Contains(':', StringComparison.Ordinal) || subject.Contains('%', StringComparison.Ordinal)
            || !IPAddress.TryParse(subject, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        address = parsed;
        return true;
    }
}
