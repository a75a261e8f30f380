using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using InfraTests.Harness;
using InfraTests.Harness.Checks;
using InfraTests.Rollout;
using InfraTests.Rollout.Targets;

namespace InfraTests.Cli.Commands;

/// <summary>
/// The options that say where a rollout goes and how (the targets and engines of <see cref="TargetOptions"/>, pacing, probe,
/// records), shared by <c>rollout</c> and <c>webhook</c> so both read them the same way.
/// </summary>
internal sealed partial class RolloutOptions
{
    private readonly TargetOptions targets = new();
    private readonly Option<int> batch = new("--batch-size") { Description = "Targets updated at once.", DefaultValueFactory = _ => 1 };
    private readonly Option<string> pause = new("--pause") { Description = "Pause between batches, e.g. 0s, 500ms, 2m.", DefaultValueFactory = _ => "0s" };
    private readonly Option<string> timeout = new("--step-timeout") { Description = "How long a copy, update, validation or probe may take on one target.", DefaultValueFactory = _ => "60s" };
    private readonly Option<string[]> listed = new("--listed") { Description = "Probe: this name must be listed, NAME or NAME=reason (repeatable), besides the revision's infratests.checks.yaml." };
    private readonly Option<string[]> clean = new("--clean") { Description = "Probe: this name must not be blocked (repeatable)." };
    private readonly Option<bool> noProbe = new("--no-probe") { Description = "Do not probe the targets after they validate (DNS questions, or a web service's HTTP and TCP checks)." };
    private readonly Option<bool> sendCode = new("--send-code") { Description = "Send the whole tree, code included (scripts, Dockerfile: all outside the targets' DATA_PATHS), even where it differs from what their image bakes. Default: data only; a revision that changes code is refused." };

    /// <summary>Where rollout records are kept.</summary>
    public Option<string> Records { get; } = RecordsOption();

    /// <summary>Every option, to add to a command.</summary>
    public IEnumerable<Option> All => [.. targets.All, batch, pause, timeout, listed, clean, noProbe, sendCode, Records];

    /// <summary>The records option on its own, for <c>rollout show</c>.</summary>
    public static Option<string> RecordsOption() => new("--records")
    {
        Description = "The folder of rollout records.",
        DefaultValueFactory = _ => RolloutRecords.DefaultFolder(),
    };

    /// <summary>Where the targets are found (engines, or a Swarm's manager and nodes), read from the parse; bad names and URIs are one line.</summary>
    public ITargetProvider Provider(ParseResult parse) => targets.Provider(parse);

    /// <summary>What the options make of a plan: its targets on <paramref name="provider"/>, pacing, checks and record folder.</summary>
    public Func<RolloutPlan, RolloutPlan> Configure(ParseResult parse, ITargetProvider provider)
    {
        var selector = targets.Selector(parse);
        var settings = new RolloutSettings(parse.GetValue(batch), Duration(parse.GetValue(pause)!, "--pause"), Duration(parse.GetValue(timeout)!, "--step-timeout")).Checked();
        var checks = (parse.GetValue(listed) ?? []).Select(l => Check(l, true)).Concat((parse.GetValue(clean) ?? []).Select(c => Check(c, false))).ToList();
        var probe = !parse.GetValue(noProbe);
        var records = parse.GetValue(Records)!;
        var withCode = parse.GetValue(sendCode);
        return plan =>
        {
            plan = plan.WithTargets(provider, selector).WithSettings(settings).WithChecks(checks).WithRecordFolder(records);
            plan = withCode ? plan.WithCode() : plan;
            return probe ? plan : plan.WithoutProbe();
        };
    }

    /// <summary>Reads 0s, 500ms, 2m or 1h; one line for anything else.</summary>
    internal static TimeSpan Duration(string text, string option)
    {
        var match = DurationPattern().Match(text.Trim());
        if (!match.Success)
        {
            throw new InfraTestsException($"{option} {text}: give a duration like 500ms, 10s, 2m or 1h.");
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(value),
            "m" => TimeSpan.FromMinutes(value),
            "h" => TimeSpan.FromHours(value),
            _ => TimeSpan.FromSeconds(value),
        };
    }

    private static ServiceCheck Check(string text, bool listed)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var name = equals > 0 ? text[..equals] : text;
        if (Harness.Dns.Corpus.Problem(name) is { } problem)
        {
            throw new InfraTestsException($"{(listed ? "--listed" : "--clean")} {text}: {problem}");
        }

        return new ServiceCheck(name, listed, null, listed && equals > 0 ? text[(equals + 1)..] : null, 0);
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)(ms|s|m|h)$")]
    private static partial Regex DurationPattern();
}
