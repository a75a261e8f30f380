using System.Globalization;

namespace InfraTests.Harness.Monitoring;

/// <summary>
/// One performance figure a plugin printed after <c>|</c>: <c>'label'=value[unit];warn;crit;min;max</c>, such as
/// <c>time=0.004s;0.5;2;0</c>. Thresholds stay text, since Nagios ranges (<c>10:20</c>, <c>@5:10</c>, <c>~:3</c>) are not numbers.
/// </summary>
/// <param name="Label">The label, unquoted: <c>time</c>, <c>zones served</c>.</param>
/// <param name="Value">The value, or null when the plugin printed <c>U</c> (it could not measure it).</param>
/// <param name="Unit">The unit as printed (<c>s</c>, <c>ms</c>, <c>%</c>, <c>B</c>, <c>KB</c>, <c>c</c>), empty for a plain number.</param>
public sealed record PerfDatum(string Label, double? Value, string Unit)
{
    /// <summary>The warning threshold as printed, or null.</summary>
    public string? Warning { get; init; }

    /// <summary>The critical threshold as printed, or null.</summary>
    public string? Critical { get; init; }

    /// <summary>The lowest value it can take, or null.</summary>
    public double? Min { get; init; }

    /// <summary>The highest value it can take, or null.</summary>
    public double? Max { get; init; }

    /// <summary>The figure as a plugin prints it, label quoted when it needs to be.</summary>
    public override string ToString()
    {
        var label = Label.Any(c => c is ' ' or '\'' or '=') ? $"'{Label.Replace("'", "''", StringComparison.Ordinal)}'" : Label;
        var fields = new[] { Number(Value, "U") + Unit, Warning ?? string.Empty, Critical ?? string.Empty, Number(Min, string.Empty), Number(Max, string.Empty) };
        var used = fields.Length;
        while (used > 1 && fields[used - 1].Length == 0)
        {
            used--;
        }

        return $"{label}={string.Join(';', fields.Take(used))}";
    }

    private static string Number(double? value, string none) => value?.ToString("0.######", CultureInfo.InvariantCulture) ?? none;
}
