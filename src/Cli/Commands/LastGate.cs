using InfraTests.Rollout;
using InfraTests.Rollout.Status;

namespace InfraTests.Cli.Commands;

/// <summary>What the last gate tested, read from the gate records in the records folder; null when there is none.</summary>
internal static class LastGate
{
    // The newest gate run that passed: a failed gate tested nothing that may run.
    public static TestedImages? Read(string records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return GateRecords.Latest(records) is { Passed: true } gate ? new TestedImages(gate.Revision, gate.Digests, gate.Time) : null;
    }
}
