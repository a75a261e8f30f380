using System.Globalization;

namespace InfraTests.Harness.Monitoring;

/// <summary>
/// Reads the performance data of a plugin's output (the part after <c>|</c>): space-separated
/// <c>'label'=value[unit];warn;crit;min;max</c>, labels in single quotes when they hold spaces (<c>''</c> for a quote).
/// A figure it cannot read is left out rather than failing the check: the status comes from the exit code alone.
/// </summary>
internal static class PerfData
{
    public static IReadOnlyList<PerfDatum> Parse(string text)
    {
        var figures = new List<PerfDatum>();
        var at = 0;
        while (at < text.Length)
        {
            if (char.IsWhiteSpace(text[at]))
            {
                at++;
                continue;
            }

            var (label, afterLabel) = ReadLabel(text, at);
            var end = afterLabel;
            while (end < text.Length && !char.IsWhiteSpace(text[end]))
            {
                end++;
            }

            if (label is not null && afterLabel < text.Length && text[afterLabel] == '=' && Read(label, text[(afterLabel + 1)..end]) is { } figure)
            {
                figures.Add(figure);
            }

            at = end;
        }

        return figures;
    }

    // A quoted label runs to the next lone quote ('' is a quote inside it); a bare one to '=' or white space.
    private static (string? Label, int After) ReadLabel(string text, int at)
    {
        if (text[at] != '\'')
        {
            var end = at;
            while (end < text.Length && text[end] != '=' && !char.IsWhiteSpace(text[end]))
            {
                end++;
            }

            return (end > at ? text[at..end] : null, end);
        }

        var label = new System.Text.StringBuilder();
        for (var i = at + 1; i < text.Length; i++)
        {
            if (text[i] != '\'')
            {
                label.Append(text[i]);
            }
            else if (i + 1 < text.Length && text[i + 1] == '\'')
            {
                label.Append('\'');
                i++;
            }
            else
            {
                return (label.ToString(), i + 1);
            }
        }

        return (null, text.Length);
    }

    private static PerfDatum? Read(string label, string value)
    {
        var fields = value.Split(';');
        var first = fields[0];
        var digits = 0;
        while (digits < first.Length && (char.IsAsciiDigit(first[digits]) || first[digits] is '.' or '-' or '+' or 'e' or 'E'))
        {
            digits++;
        }

        double? number;
        if (first.StartsWith('U'))
        {
            number = null;
            digits = 1;
        }
        else if (double.TryParse(first[..digits], NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            number = parsed;
        }
        else
        {
            return null;
        }

        var unit = first[digits..];
        if (!unit.All(c => char.IsAsciiLetter(c) || c == '%'))
        {
            return null;
        }

        return new PerfDatum(label, number, unit)
        {
            Warning = Field(fields, 1),
            Critical = Field(fields, 2),
            Min = double.TryParse(Field(fields, 3), NumberStyles.Float, CultureInfo.InvariantCulture, out var min) ? min : null,
            Max = double.TryParse(Field(fields, 4), NumberStyles.Float, CultureInfo.InvariantCulture, out var max) ? max : null,
        };
    }

    private static string? Field(string[] fields, int index) => index < fields.Length && fields[index].Length > 0 ? fields[index] : null;
}
