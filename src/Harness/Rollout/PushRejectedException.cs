namespace InfraTests.Harness.Rollout;

/// <summary>A delivery that starts no rollout: unsigned, forged, replayed, malformed or not a branch push. The message is one line.</summary>
public sealed class PushRejectedException : InfraTestsException
{
    /// <summary>Creates the rejection with what was wrong.</summary>
    public PushRejectedException(string message)
        : base(message)
    {
    }
}
