using InfraTests.Rollout.Status;

namespace InfraTests.Cli.Commands;

/// <summary>What the last gate tested, read from the gate records in the records folder; null when there is none.</summary>
internal static class LastGate
{
    // The gate records (branch fleet-digest) are not in yet: until they are, what was tested is unknown.
    public static TestedImages? Read(string records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return null;
    }
}
