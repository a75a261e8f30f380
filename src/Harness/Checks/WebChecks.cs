using System.Globalization;
using InfraTests.Harness.Text;
using YamlDotNet.RepresentationModel;

namespace InfraTests.Harness.Checks;

/// <summary>
/// Reads the <c>http:</c> and <c>tcp:</c> entries of a checks file; every entry it cannot read is one line naming file,
/// line and column, the key and what to write instead.
/// </summary>
internal static class WebChecks
{
    private static readonly string[] HttpKeys = ["path", "status", "title", "contains", "location", "headers"];

    public static ServiceCheck Http(YamlNode entry, YamlFile yaml)
    {
        if (entry is not YamlMappingNode fields)
        {
            throw Bad(yaml, entry, "each http check is `path:` with `status:`, and optionally `title:`, `contains:`, `location:` and `headers:`");
        }

        foreach (var key in fields.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: { } name } || !HttpKeys.Contains(name, StringComparer.Ordinal))
            {
                throw Bad(yaml, key, $"`{(key as YamlScalarNode)?.Value}` is not a key of an http check: write {string.Join(", ", HttpKeys.Select(k => $"`{k}:`"))}");
            }
        }

        var path = Text(fields, "path", yaml) ?? throw Bad(yaml, entry, "an http check has no `path:`: write the path it asks, e.g. `path: /dns/`");
        if (!path.StartsWith('/') || path.StartsWith("//", StringComparison.Ordinal) || path.Any(char.IsWhiteSpace))
        {
            throw Bad(yaml, Node(fields, "path")!, $"path `{path}` is not a path of the site: write one starting with a single /, without spaces, e.g. `path: /dns/`");
        }

        var status = 200;
        if (Text(fields, "status", yaml) is { } statusText
            && (!int.TryParse(statusText, NumberStyles.None, CultureInfo.InvariantCulture, out status) || status is < 100 or > 599))
        {
            throw Bad(yaml, Node(fields, "status")!, $"status `{statusText}` is not an HTTP status: write a number from 100 to 599, e.g. `status: 200`");
        }

        var location = Text(fields, "location", yaml);
        if (location is not null && status is < 300 or > 399)
        {
            throw Bad(yaml, Node(fields, "location")!, $"`location:` is where a redirect points, but status {status} is no redirect: write a 3xx `status:` (e.g. 301) or drop `location:`");
        }

        var check = new HttpCheck(path, status, Text(fields, "title", yaml), Text(fields, "contains", yaml), location, Headers(fields, yaml));
        return ServiceCheck.Of(check, yaml.At(entry).Line);
    }

    public static ServiceCheck Tcp(YamlNode entry, YamlFile yaml)
    {
        var (node, text) = entry switch
        {
            YamlScalarNode scalar => (entry, scalar.Value),
            YamlMappingNode fields when fields.Children.Count == 1 && Node(fields, "port") is YamlScalarNode port => (port, port.Value),
            YamlMappingNode fields when fields.Children.Keys.FirstOrDefault(k => (k as YamlScalarNode)?.Value != "port") is { } key =>
                throw Bad(yaml, key, $"`{(key as YamlScalarNode)?.Value}` is not a key of a tcp check: write only `port:`, e.g. `- port: 80`"),
            _ => throw Bad(yaml, entry, "each tcp check is `port:` and a port number, e.g. `- port: 80`"),
        };
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
        {
            throw Bad(yaml, node, $"port `{text}` is not a TCP port: write a number from 1 to 65535, one of the image's SERVICE_PORTS, e.g. `- port: 80`");
        }

        return ServiceCheck.Of(new TcpCheck(number), yaml.At(entry).Line);
    }

    private static List<KeyValuePair<string, string>> Headers(YamlMappingNode fields, YamlFile yaml)
    {
        switch (Node(fields, "headers"))
        {
            case null:
                return [];
            case YamlMappingNode headers:
                var list = new List<KeyValuePair<string, string>>();
                foreach (var (key, value) in headers.Children)
                {
                    if (key is not YamlScalarNode { Value: { Length: > 0 } name } || name.Any(c => char.IsWhiteSpace(c) || c == ':')
                        || value is not YamlScalarNode { Value: { Length: > 0 } text })
                    {
                        throw Bad(yaml, key, "each header is `Name: value`, e.g. `Cache-Control: no-cache`");
                    }

                    list.Add(new(name, text));
                }

                return list;
            case var other:
                throw Bad(yaml, other, "`headers:` is a map of header names to the values they must have, e.g. `Cache-Control: no-cache` on the next line, indented");
        }
    }

    private static string? Text(YamlMappingNode fields, string key, YamlFile yaml) => Node(fields, key) switch
    {
        null => null,
        YamlScalarNode { Value: { Length: > 0 } value } => value,
        var other => throw Bad(yaml, other, $"`{key}:` needs one value on its line, e.g. {Example(key)}"),
    };

    private static YamlNode? Node(YamlMappingNode fields, string key) =>
        fields.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static string Example(string key) => key switch
    {
        "path" => "`path: /dns/`",
        "status" => "`status: 200`",
        "title" => "`title: DNS`",
        "location" => "`location: /dns/`",
        _ => "`contains: Listing a host`",
    };

    private static InfraTestsException Bad(YamlFile yaml, YamlNode node, string what) => new($"{yaml.At(node)}: {what}.");
}
