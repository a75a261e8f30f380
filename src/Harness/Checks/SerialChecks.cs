using System.Globalization;
using System.Net;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Text;
using YamlDotNet.RepresentationModel;

namespace InfraTests.Harness.Checks;

/// <summary>
/// Reads the <c>consistent:</c> entries of a checks file (<c>- zone: example.com</c> and <c>with: 172.18.0.2</c>, the primary's
/// address, port 53 unless given); every entry it cannot read is one line naming file, line and column and what to write.
/// </summary>
internal static class SerialChecks
{
    private static readonly string[] Keys = ["zone", "with"];

    public static ServiceCheck Entry(YamlNode entry, YamlFile yaml)
    {
        if (entry is not YamlMappingNode fields)
        {
            throw Bad(yaml, entry, "each consistent check is `zone:` and `with:` (the primary's address), e.g. `- zone: example.com` and `with: 192.0.2.53` on the next line");
        }

        foreach (var key in fields.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: { } name } || !Keys.Contains(name, StringComparer.Ordinal))
            {
                throw Bad(yaml, key, $"`{(key as YamlScalarNode)?.Value}` is not a key of a consistent check: write `zone:` and `with:`");
            }
        }

        var zone = Text(fields, "zone") ?? throw Bad(yaml, entry, "a consistent check has no `zone:`: write the zone whose serial is compared, e.g. `zone: example.com`");
        if (Uri.CheckHostName(zone.TrimEnd('.')) != UriHostNameType.Dns)
        {
            throw Bad(yaml, fields.Children[new YamlScalarNode("zone")], $"zone `{zone}` is not a zone name: write one like `zone: example.com`");
        }

        var with = Text(fields, "with") ?? throw Bad(yaml, entry, "a consistent check has no `with:`: write the primary's address, e.g. `with: 192.0.2.53` (or 192.0.2.53:5353)");
        var primary = Primary(with) ?? throw Bad(
            yaml, fields.Children[new YamlScalarNode("with")], $"`with: {with}` is not an address: write the primary's IP address, optionally with a port, e.g. `with: 192.0.2.53` or `with: [2001:db8::53]:5353`");
        return ServiceCheck.Of(new SerialCheck(zone.TrimEnd('.'), primary.ToString()), yaml.At(entry).Line);
    }

    private static IPEndPoint? Primary(string text)
    {
        if (!text.StartsWith('[') && IPAddress.TryParse(text, out var address) && (Corpus.IsIPv4(text) || text.Contains(':', StringComparison.Ordinal)))
        {
            return new IPEndPoint(address, 53);
        }

        return IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port > 0
            && (Corpus.IsIPv4(text[..text.LastIndexOf(':')]) || text.StartsWith('['))
            ? endpoint
            : null;
    }

    private static string? Text(YamlMappingNode fields, string key) =>
        fields.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode { Value: { Length: > 0 } value } ? value.Trim() : null;

    private static InfraTestsException Bad(YamlFile yaml, YamlNode node, string what) => new(string.Create(CultureInfo.InvariantCulture, $"{yaml.At(node)}: {what}."));
}
