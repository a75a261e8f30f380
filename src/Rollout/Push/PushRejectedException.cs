using InfraTests.Harness;

namespace InfraTests.Rollout.Push;

/// <summary>A delivery that starts no rollout: unsigned, forged, replayed, malformed or not a branch push. The message is one line.</summary>
public sealed class PushRejectedException : InfraTestsException
{
    /// <summary>Creates the rejection with what was wrong.</summary>
    public PushRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>
    /// True when the delivery was well formed and simply has nothing to roll out (another event, a tag push, a deleted
    /// branch): a receiver answers it as handled rather than as an error, so the forge does not show it as failed.
    /// </summary>
    public bool NothingToRollOut { get; init; }
}
