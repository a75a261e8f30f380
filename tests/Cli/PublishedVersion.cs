using System.Text.RegularExpressions;

namespace InfraTests.Cli.Tests;

/// <summary>
/// The InfraTests version on the feed for this checkout: the one setup/pack.sh last published and wrote to
/// artifacts/InfraTestsVersion.props (setup/prepare.sh packs the checkout it runs in, so CI has it before the suite runs),
/// as the samples' own test projects take it. A build from source is not on the feed under its own version (pack.sh adds
/// the commit), so the init tests pin this one with --infratests-version, as a user pins a version the feed lists.
/// </summary>
internal static partial class PublishedVersion
{
    public static string Value { get; } = Read();

    private static string Read()
    {
        var props = Path.Combine(Samples.RepoRoot, "artifacts", "InfraTestsVersion.props");
        var match = File.Exists(props) ? Version().Match(File.ReadAllText(props)) : Match.Empty;
        return match.Success ? match.Groups[1].Value
            : throw new InvalidOperationException($"{props}: no InfraTests version published from this checkout: run setup/pack.sh (setup/prepare.sh runs it).");
    }

    [GeneratedRegex(@"<InfraTestsVersion[^>]*>([^<]+)</InfraTestsVersion>")]
    private static partial Regex Version();
}
