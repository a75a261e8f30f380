using InfraTests.Harness;

namespace InfraTests.Rollout.Push;

/// <summary>
/// A push's rollout that stopped before any target changed: the revision could not be had, it failed the gate, no target
/// was found, or every target was left untouched. A <see cref="RolloutQueue"/> releases such a delivery from the
/// <see cref="DeliveryLog"/>, so the forge's redelivery rolls it out once the cause is fixed. The message is one line.
/// </summary>
public sealed class NothingChangedException : InfraTestsException
{
    /// <summary>Creates the exception with why the rollout did not start.</summary>
    public NothingChangedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with why the rollout did not start and the failure that said so.</summary>
    public NothingChangedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
