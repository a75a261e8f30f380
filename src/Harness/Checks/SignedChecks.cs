using System.Globalization;
using System.Text.RegularExpressions;
using InfraTests.Harness.Dnssec;
using InfraTests.Harness.Text;
using YamlDotNet.RepresentationModel;

namespace InfraTests.Harness.Checks;

/// <summary>
/// Reads the <c>signed:</c> entries of a checks file (<c>- zone: example.net</c>, optional <c>valid-for: 7d</c> and
/// <c>ds:</c>); every entry it cannot read is one line naming file, line and column and what to write instead.
/// </summary>
internal static partial class SignedChecks
{
    private static readonly string[] Keys = ["zone", "valid-for", "ds"];

    public static ServiceCheck Read(YamlNode entry, YamlFile yaml)
    {
        if (entry is not YamlMappingNode fields)
        {
            throw Bad(yaml, entry, "each signed check is `zone:` with optional `valid-for:` and `ds:`, e.g. `- zone: example.net` then `valid-for: 7d` on the next line, indented");
        }

        foreach (var key in fields.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: { } name } || !Keys.Contains(name, StringComparer.Ordinal))
            {
                throw Bad(yaml, key, $"`{(key as YamlScalarNode)?.Value}` is not a key of a signed check: write {string.Join(", ", Keys.Select(k => $"`{k}:`"))}");
            }
        }

        var zone = Text(fields, "zone", yaml) ?? throw Bad(yaml, entry, "a signed check has no `zone:`: write the zone that must be signed, e.g. `zone: example.net`");
        if (!ZoneName().IsMatch(zone))
        {
            throw Bad(yaml, Node(fields, "zone")!, $"`{zone}` is not a zone name: write one like `zone: example.net`");
        }

        var validFor = TimeSpan.FromDays(7);
        if (Text(fields, "valid-for", yaml) is { } window)
        {
            var match = Window().Match(window);
            if (!match.Success || int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) == 0)
            {
                throw Bad(yaml, Node(fields, "valid-for")!, $"valid-for `{window}` is not a time: write days or hours, e.g. `valid-for: 7d` or `valid-for: 36h`");
            }

            var amount = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            validFor = match.Groups[2].Value == "d" ? TimeSpan.FromDays(amount) : TimeSpan.FromHours(amount);
        }

        DelegationSigner? ds = null;
        if (Text(fields, "ds", yaml) is { } dsText)
        {
            try
            {
                ds = DelegationSigner.Parse(dsText);
            }
            catch (FormatException exception)
            {
                throw Bad(yaml, Node(fields, "ds")!, exception.Message.TrimEnd('.'));
            }

            if (ds.Zone != zone.TrimEnd('.').ToLowerInvariant())
            {
                throw Bad(yaml, Node(fields, "ds")!, $"the DS is for {ds.Zone}, not {zone}: write the DS of {zone}");
            }
        }

        return ServiceCheck.Of(new SignedCheck(zone.TrimEnd('.').ToLowerInvariant(), validFor, ds), yaml.At(entry).Line);
    }

    private static string? Text(YamlMappingNode fields, string key, YamlFile yaml) => Node(fields, key) switch
    {
        null => null,
        YamlScalarNode { Value: { Length: > 0 } value } => value.Trim(),
        var other => throw Bad(yaml, other, $"`{key}:` needs one value on its line, e.g. {(key == "zone" ? "`zone: example.net`" : key == "ds" ? "`ds: example.net. IN DS 57008 13 2 380D…`" : "`valid-for: 7d`")}"),
    };

    private static YamlNode? Node(YamlMappingNode fields, string key) =>
        fields.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static InfraTestsException Bad(YamlFile yaml, YamlNode node, string what) => new($"{yaml.At(node)}: {what}.");

    [GeneratedRegex(@"^(\d{1,4})([dh])$")]
    private static partial Regex Window();

    [GeneratedRegex(@"^(?=.{1,253}$)([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.)*[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.?$")]
    private static partial Regex ZoneName();
}
