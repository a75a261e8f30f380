using InfraTests.Harness;

namespace InfraTests.Rollout;

/// <summary>How a rollout paces itself: targets per batch, the pause between batches, and how long any one step may take.</summary>
/// <param name="BatchSize">Targets updated at once; the next batch starts only when the whole batch is on the new revision.</param>
/// <param name="Pause">Time between batches, to let monitoring see a batch before the next one.</param>
/// <param name="StepTimeout">How long a copy, update, validation or probe may take before the target counts as failed.</param>
public sealed record RolloutSettings(int BatchSize, TimeSpan Pause, TimeSpan StepTimeout)
{
    /// <summary>One target at a time, no pause, 60 s a step: the operator's <c>--batch 1</c>.</summary>
    public static readonly RolloutSettings Default = new(1, TimeSpan.Zero, TimeSpan.FromSeconds(60));

    /// <summary>These settings, or one line saying which one cannot be used.</summary>
    public RolloutSettings Checked() =>
        BatchSize < 1 ? throw new InfraTestsException($"batch size {BatchSize}: give 1 or more targets per batch.")
        : StepTimeout <= TimeSpan.Zero ? throw new InfraTestsException("step timeout must be longer than 0 s.")
        : Pause < TimeSpan.Zero ? throw new InfraTestsException("the pause between batches cannot be negative.")
        : this;
}
