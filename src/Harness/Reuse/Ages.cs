using System.Globalization;

namespace InfraTests.Harness.Reuse;

/// <summary>Durations as people say them in progress lines and listings: <c>4 s</c>, <c>3 min</c>, <c>2 h 5 min</c>.</summary>
internal static class Ages
{
    public static string Format(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalSeconds < 60 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalSeconds} s")
            : span.TotalMinutes < 60 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min")
            : span.TotalHours < 48 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} d");
    }
}
