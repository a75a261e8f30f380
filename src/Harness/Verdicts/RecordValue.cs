using System.Globalization;
using System.Net;
using DnsClient;
using DnsClient.Protocol;

namespace InfraTests.Harness.Verdicts;

/// <summary>
/// One record's data reduced to a string that compares equal whenever DNS would call the data equal (<see cref="Key"/>), and
/// the way to show it in a message (<see cref="Shown"/>).
/// </summary>
/// <param name="Key">The canonical value: addresses as <see cref="IPAddress"/> prints them, names lower-cased with a trailing dot.</param>
/// <param name="Shown">The value as the test or the server spelled it.</param>
internal readonly record struct RecordValue(string Key, string Shown)
{
    /// <summary>The value a test expects for a record of <paramref name="type"/>, e.g. <c>"10 mail.example.com."</c> for MX.</summary>
    /// <exception cref="ArgumentException">The value cannot be data of that type: a test's mistake, not the server's.</exception>
    public static RecordValue Expected(QueryType type, string value, string paramName) => type switch
    {
        QueryType.A or QueryType.AAAA => Address(value, paramName),
        QueryType.MX => Mx(value, paramName),
        QueryType.CNAME or QueryType.NS or QueryType.PTR => new(ZoneName.Canonical(value), value),
        QueryType.TXT => new(value, Quote(value)),
        QueryType.SOA => Soa(value, paramName),
        _ => new(Collapse(value), value),
    };

    /// <summary>The value of a record the server sent.</summary>
    public static RecordValue Of(DnsResourceRecord record) => record switch
    {
        AddressRecord a => new(a.Address.ToString(), a.Address.ToString()),
        MxRecord mx => new($"{mx.Preference} {ZoneName.Canonical(mx.Exchange.Value)}", $"{mx.Preference} {mx.Exchange.Value}"),
        CNameRecord cname => Name(cname.CanonicalName),
        NsRecord ns => Name(ns.NSDName),
        PtrRecord ptr => Name(ptr.PtrDomainName),
        TxtRecord txt => new(string.Concat(txt.Text), Quote(string.Concat(txt.Text))),
        SoaRecord soa => new(
            $"{ZoneName.Canonical(soa.MName.Value)} {ZoneName.Canonical(soa.RName.Value)} {soa.Serial} {soa.Refresh} {soa.Retry} {soa.Expire} {soa.Minimum}",
            $"{soa.MName.Value} {soa.RName.Value} {soa.Serial} {soa.Refresh} {soa.Retry} {soa.Expire} {soa.Minimum}"),
        _ => Other(record),
    };

    private static RecordValue Name(DnsString name) => new(ZoneName.Canonical(name.Value), name.Value);

    private static RecordValue Address(string value, string paramName) =>
        IPAddress.TryParse(value.Trim(), out var address)
            ? new(address.ToString(), value)
            : throw new ArgumentException($"\"{value}\" is not an IP address.", paramName);

    private static RecordValue Mx(string value, string paramName)
    {
        var parts = Tokens(value);
        return parts.Length == 2 && ushort.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var preference)
            ? new($"{preference} {ZoneName.Canonical(parts[1])}", value)
            : throw new ArgumentException($"MX value \"{value}\" is not \"preference exchange\", e.g. \"10 mail.example.com.\".", paramName);
    }

    private static RecordValue Soa(string value, string paramName)
    {
        var parts = Tokens(value);
        var numbers = parts.Skip(2).Select(p => uint.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (uint?)null).ToList();
        return parts.Length == 7 && numbers.All(n => n is not null)
            ? new($"{ZoneName.Canonical(parts[0])} {ZoneName.Canonical(parts[1])} {string.Join(' ', numbers)}", value)
            : throw new ArgumentException($"SOA value \"{value}\" is not \"mname rname serial refresh retry expire minimum\" in plain numbers.", paramName);
    }

    // Types without a canonical form of their own compare by their zone-file data, whitespace collapsed.
    private static RecordValue Other(DnsResourceRecord record)
    {
        var data = string.Join(' ', Tokens(record.ToString()).Skip(4));
        return new(data, data);
    }

    private static string Collapse(string value) => string.Join(' ', Tokens(value));

    private static string[] Tokens(string value) => value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static string Quote(string text) => $"\"{text}\"";
}
