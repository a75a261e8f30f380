using InfraTests.Cli.Output;
using InfraTests.Harness;
using InfraTests.Harness.Http;
using InfraTests.Harness.Images;
using InfraTests.Harness.Services;
using Spectre.Console;

namespace InfraTests.Cli.Commands;

/// <summary>
/// <c>infratests check /PATH…</c> on a web service (an image whose <c>READY_CHECK</c> is an HTTP GET): one GET per path,
/// printed with its status, title and verdict: ok for 2xx, a redirect with where it points, FAIL for 4xx and 5xx.
/// </summary>
internal static class WebCheck
{
    /// <summary>True when the subjects are paths of a site (they start with <c>/</c>), not host names.</summary>
    public static bool ArePaths(IReadOnlyCollection<string> subjects)
    {
        var paths = subjects.Count(s => s.StartsWith('/'));
        if (paths > 0 && paths < subjects.Count)
        {
            throw new InfraTestsException($"'{subjects.First(s => !s.StartsWith('/'))}' is a host name among paths: check either paths of a web service (/dns/) or host names of a blocklist, not both.");
        }

        foreach (var path in subjects.Where(s => s.StartsWith('/')))
        {
            if (path.StartsWith("//", StringComparison.Ordinal) || path.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                throw new InfraTestsException($"'{path}' is not a path of the site: give one starting with a single /, without spaces, e.g. /dns/.");
            }
        }

        return paths > 0;
    }

    /// <summary>The expectation for paths: <c>ok</c> (every path answered 2xx) or <c>fail</c> (every path 4xx or 5xx).</summary>
    public static void EnsureExpectation(string? expect, bool paths)
    {
        if (paths && expect is "listed" or "clean")
        {
            throw new InfraTestsException($"--expect {expect} is a blocklist verdict: for paths of a web service use --expect ok or --expect fail.");
        }

        if (!paths && expect is "ok" or "fail")
        {
            throw new InfraTestsException($"--expect {expect} is a web verdict, for paths (check /dns/ --expect ok): for host names use --expect listed or --expect clean.");
        }
    }

    /// <summary>The started service's HTTP port; a service that is not asked HTTP is bad input for paths.</summary>
    public static HttpEndpoint EndpointOf(ServiceContainer service) => service.Image.Contract.ReadyCheck is { IsHttp: true }
        ? service.Http
        : throw new InfraTestsException($"{service.Image.PinnedReference} is not a web service (no READY_CHECK=http://…): `check /path` asks a web service; give host names for a blocklist (see docs/contract.md).");

    /// <summary>Asks every path at once, in the order given.</summary>
    public static async Task<IReadOnlyList<HttpAnswer>> AskAsync(HttpEndpoint endpoint, IEnumerable<string> paths, CancellationToken cancellationToken) =>
        await Task.WhenAll(paths.Select(p => endpoint.GetAsync(p, cancellationToken)));

    /// <summary>The verdict of one answer in a word or two: <c>ok</c>, <c>redirect to /dns/</c>, <c>FAIL</c>.</summary>
    public static string Verdict(HttpAnswer answer) => answer.StatusCode switch
    {
        >= 200 and < 300 => "ok",
        >= 300 and < 400 => answer.Location is { } location ? $"redirect to {location}" : "redirect",
        >= 400 => "FAIL",
        _ => "unexpected",
    };

    /// <summary>Prints the verdicts (or the JSON document) and returns the exit code <c>--expect</c> asks for.</summary>
    public static int Print(CliConsole console, TestedImage tested, DateTimeOffset? created, ServiceRoot root, string? expect, bool json, IReadOnlyList<HttpAnswer> answers)
    {
        bool? met = expect switch
        {
            "ok" => answers.All(a => a.StatusCode is >= 200 and < 300),
            "fail" => answers.All(a => a.StatusCode >= 400),
            _ => null,
        };
        if (json)
        {
            JsonOutput.Write(console, new WebCheckDocument("check", root.Path, ImageDocument.From(tested, created), expect, met, answers.Select(Document).ToList()));
            return met == false ? Failure.VerdictNotExpected : 0;
        }

        var ansi = console.Ansi;
        ansi.MarkupLine($"[bold]{Markup.Escape(root.Path)}[/] against [bold]{Markup.Escape(tested.TagReference)}[/]");
        ansi.MarkupLine($"[dim]{Markup.Escape(tested.Digest)} · {Markup.Escape(tested.DaemonVersion)} · {Markup.Escape(tested.Engine)}[/]");
        var table = new Table().Border(TableBorder.Simple).AddColumn("Path").AddColumn("Status").AddColumn("Title").AddColumn("Verdict");
        foreach (var answer in answers)
        {
            table.AddRow(Markup.Escape(answer.Path), Markup.Escape(answer.Status), Markup.Escape(answer.Title ?? "-"), Colour(answer));
        }

        console.WriteTable(table);
        foreach (var answer in answers)
        {
            ansi.MarkupLine($"{Markup.Escape(answer.Path)}: {Colour(answer)} ({Markup.Escape(answer.Summary)})");
        }

        return met == false ? Failure.VerdictNotExpected : 0;
    }

    private static string Colour(HttpAnswer answer) => Verdict(answer) switch
    {
        "ok" => "[green]ok[/]",
        "FAIL" => "[red]FAIL[/]",
        var other => Markup.Escape(other),
    };

    private static CheckedPath Document(HttpAnswer answer) =>
        new(answer.Path, Verdict(answer) is var verdict && verdict.StartsWith("redirect", StringComparison.Ordinal) ? "redirect" : verdict.ToLowerInvariant(), answer.StatusCode, answer.ReasonPhrase, answer.Title, answer.Location, System.Text.Encoding.UTF8.GetByteCount(answer.Body), Math.Round(answer.Elapsed.TotalSeconds, 3));
}
