namespace InfraTests.Harness.Verdicts;

/// <summary>Domain names compared the way DNS compares them: case-insensitive, with or without the trailing dot.</summary>
internal static class ZoneName
{
    /// <summary>The name lower-cased with exactly one trailing dot; the root is <c>.</c>.</summary>
    public static string Canonical(string name)
    {
        var trimmed = name.Trim().TrimEnd('.');
        return trimmed.Length == 0 ? "." : trimmed.ToLowerInvariant() + ".";
    }

    /// <summary>True when <paramref name="name"/> is <paramref name="zone"/> or a name below it.</summary>
    public static bool Encloses(string zone, string name)
    {
        var canonicalZone = Canonical(zone);
        var canonicalName = Canonical(name);
        return canonicalZone == "."
            || canonicalName == canonicalZone
            || canonicalName.EndsWith("." + canonicalZone, StringComparison.Ordinal);
    }

    /// <summary>How many labels the name has; the root has none.</summary>
    public static int Labels(string name)
    {
        var canonical = Canonical(name);
        return canonical == "." ? 0 : canonical.Count(c => c == '.');
    }
}
