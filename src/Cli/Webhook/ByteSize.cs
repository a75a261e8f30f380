using System.Globalization;
using InfraTests.Harness;

namespace InfraTests.Cli.Webhook;

/// <summary>Reads and writes sizes as an operator types them: <c>1MiB</c>, <c>512KiB</c>, <c>65536</c>.</summary>
internal static class ByteSize
{
    private static readonly (string Unit, long Bytes)[] Units = [("MiB", 1024 * 1024), ("KiB", 1024), ("B", 1)];

    /// <summary>The size <paramref name="text"/> names, between 1 byte and <paramref name="most"/>; else an <see cref="InfraTestsException"/> naming <paramref name="option"/>.</summary>
    public static long Parse(string text, string option, long most)
    {
        var trimmed = text.Trim();
        var (unit, bytes) = Units.FirstOrDefault(u => trimmed.EndsWith(u.Unit, StringComparison.OrdinalIgnoreCase)) is { Unit: not null } found ? found : (string.Empty, 1L);
        if (long.TryParse(trimmed[..^unit.Length].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0 && count <= most / bytes)
        {
            return count * bytes;
        }

        throw new InfraTestsException($"{option} {text}: give a size from 1 byte to {Describe(most)}, e.g. 1MiB, 512KiB or 65536");
    }

    /// <summary>The size in the largest unit it is a whole number of, e.g. <c>1 MiB</c>.</summary>
    public static string Describe(long bytes)
    {
        var (unit, size) = Units.First(u => bytes % u.Bytes == 0);
        return string.Create(CultureInfo.InvariantCulture, $"{bytes / size} {(unit == "B" ? "bytes" : unit)}");
    }
}
