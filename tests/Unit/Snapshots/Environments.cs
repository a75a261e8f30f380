namespace InfraTests.Unit.Snapshots;

/// <summary>Environment variables as a lookup, so tests never set process-wide variables (they run in parallel).</summary>
internal static class Environments
{
    public static Func<string, string?> Local { get; } = With();

    public static Func<string, string?> With(params (string Name, string Value)[] variables)
    {
        var values = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => values.GetValueOrDefault(name);
    }
}
