using System.Globalization;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;
using InfraTests.Harness.Text;

namespace InfraTests.Harness.Rendering;

/// <summary>
/// Parses and renders the specification's Liquid templates (Fluid), strictly: an unknown filter, a name the scope does
/// not define and a syntax error are each a located problem, never an empty string. Rendering is deterministic: the
/// invariant culture, UTC, and no <c>now</c> (a rendered file must depend on the sources alone).
/// </summary>
internal static partial class LiquidTemplates
{
    private static readonly FluidParser Parser = new();

    /// <summary>The options every render uses.</summary>
    public static TemplateOptions Options { get; } = CreateOptions();

    /// <summary>The parsed template, or null after adding the syntax error to <paramref name="problems"/>.</summary>
    public static IFluidTemplate? Parse(string source, string file, List<RenderProblem> problems)
    {
        if (Parser.TryParse(source, out var template, out var error))
        {
            return template;
        }

        var firstLine = error.Split('\n')[0].Trim();
        var at = ParsePosition().Match(firstLine);
        var location = at.Success
            ? new SourceLocation(file, int.Parse(at.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(at.Groups[2].Value, CultureInfo.InvariantCulture))
            : new SourceLocation(file, 0, 0);
        var what = at.Success ? firstLine[..at.Index].TrimEnd() : firstLine;
        problems.Add(new RenderProblem(location, $"Liquid syntax error: {what}: fix the template"));
        return null;
    }

    /// <summary>Renders <paramref name="template"/> over <paramref name="scope"/>; null after adding the problem.</summary>
    public static string? Render(IFluidTemplate template, string source, string file, ScopeMap scope, List<RenderProblem> problems)
    {
        try
        {
            return template.Render(new TemplateContext(scope, Options));
        }
        catch (UndefinedScopeValueException undefined)
        {
            var topLevel = ReferenceEquals(undefined.Map, scope);
            var advice = topLevel
                ? "define it in a scope file, or fix the name"
                : $"add it there, or make it optional with {{% if ... contains \"{undefined.Name}\" %}}";
            problems.Add(new RenderProblem(Locate(source, file, Name(undefined.Name, topLevel)), $"{undefined.Message}: {advice}"));
        }
        catch (FluidException exception) when (UnknownFilter().Match(exception.Message) is { Success: true } filter)
        {
            problems.Add(new RenderProblem(Locate(source, file, Filter(filter.Groups[1].Value)), $"unknown filter '{filter.Groups[1].Value}': see the Liquid filters Fluid supports, or fix the name"));
        }
        catch (Exception exception) when (exception is FluidException or InvalidOperationException or ArgumentException or FormatException)
        {
            problems.Add(new RenderProblem(new SourceLocation(file, 0, 0), $"the template failed to render: {exception.Message}"));
        }

        return null;
    }

    /// <summary>Where <paramref name="pattern"/> first occurs inside a Liquid tag of <paramref name="source"/>, as 1-based line and column.</summary>
    internal static SourceLocation Locate(string source, string file, Regex pattern)
    {
        foreach (Match tag in Tag().Matches(source))
        {
            var hit = pattern.Match(tag.Value);
            if (hit.Success)
            {
                var offset = tag.Index + hit.Index;
                var line = 1 + source.AsSpan(0, offset).Count('\n');
                var column = offset == 0 ? 1 : offset - source.LastIndexOf('\n', offset - 1);

                return new SourceLocation(file, line, column);
            }
        }

        return new SourceLocation(file, 0, 0);
    }

    // A top-level name stands alone; a missing key follows a dot or sits in brackets. Neither is the quoted name of
    // `contains "name"`, which is how a template guards the very use that failed.
    private static Regex Name(string name, bool topLevel) => topLevel
        ? new($@"(?<![\w.""'-]){Regex.Escape(name)}(?![\w-])")
        : new($@"(?<=\.\s*){Regex.Escape(name)}(?![\w-])|\[\s*[""']{Regex.Escape(name)}[""']\s*\]");

    private static Regex Filter(string name) => new($@"\|\s*{Regex.Escape(name)}(?![\w-])");

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions
        {
            StrictFilters = true,
            CultureInfo = CultureInfo.InvariantCulture,
            TimeZone = TimeZoneInfo.Utc,
            // Fluid's date filters ask for the time even to format a fixed date, so asking may not fail: the filters below
            // refuse "now" and "today" themselves, and this instant never reaches a rendered file.
            Now = static () => DateTimeOffset.UnixEpoch,
        };
        foreach (var name in (string[])["date", "format_date", "time_zone"])
        {
            if (options.Filters.TryGetValue(name, out var filter))
            {
                options.Filters.AddFilter(name, (input, arguments, context) => input.Type == FluidValues.String && input.ToStringValue() is "now" or "today"
                    ? throw new InvalidOperationException($"'{input.ToStringValue()}' is not available: a rendered file must depend on its sources alone, so put the date in a scope file")
                    : filter(input, arguments, context));
            }
        }

        return options;
    }

    [GeneratedRegex(@"\s*at \((\d+):(\d+)\)\s*$")]
    private static partial Regex ParsePosition();

    [GeneratedRegex(@"Undefined filter '([^']+)'")]
    private static partial Regex UnknownFilter();

    [GeneratedRegex(@"\{\{.*?\}\}|\{%.*?%\}", RegexOptions.Singleline)]
    private static partial Regex Tag();
}
