namespace InfraTests.Rollout.Status;

/// <summary>How a file on a host differs from what it is compared with.</summary>
public enum FileChange
{
    /// <summary>The host has it; what it is compared with does not.</summary>
    Added,

    /// <summary>What it is compared with has it; the host does not.</summary>
    Removed,

    /// <summary>Both have it, with other bytes, another link target, or the executable bit turned.</summary>
    Changed,
}
