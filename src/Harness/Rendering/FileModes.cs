namespace InfraTests.Harness.Rendering;

/// <summary>Octal file modes as written in a specification (<c>644</c>, <c>"0640"</c>).</summary>
internal static class FileModes
{
    /// <summary>Reads an octal mode of three or four digits, permission bits only; null when <paramref name="text"/> is not one.</summary>
    public static UnixFileMode? Parse(string text)
    {
        var digits = text.StartsWith("0o", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (digits.Length is < 3 or > 4 || digits.Any(c => c is < '0' or > '7'))
        {
            return null;
        }

        var value = Convert.ToInt32(digits, 8);
        // setuid, setgid and sticky bits have no business on rendered configuration.
        return value > 0x1FF ? null : (UnixFileMode)value;
    }

    /// <summary>The mode as three octal digits.</summary>
    public static string Format(UnixFileMode mode) => Convert.ToString((int)mode & 0x1FF, 8).PadLeft(3, '0');

    /// <summary>The mode of an existing file, or null on a system without Unix modes.</summary>
    public static UnixFileMode? Of(string path) =>
        OperatingSystem.IsWindows() ? null : File.GetUnixFileMode(path) & (UnixFileMode)0x1FF;
}
