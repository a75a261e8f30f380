namespace InfraTests.Rollout.Status;

/// <summary>How a host (or the fleet) stands, worst last: the exit code of <c>infratests status</c> is the worst level's number.</summary>
public enum StatusLevel
{
    /// <summary>It runs what was tested and rolled out, as recorded: exit 0.</summary>
    Ok = 0,

    /// <summary>Something to look at, the service still runs: files drifted, a tag that moved, what cannot be told: exit 1.</summary>
    Warning = 1,

    /// <summary>Broken or untested: an engine that does not answer, a container that does not run, bits the gate never tested: exit 2.</summary>
    Critical = 2,
}
