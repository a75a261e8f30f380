namespace InfraTests.Harness.Health;

/// <summary>How a finding of <see cref="Doctor"/> weighs: fine, worth knowing, or in the way of every run.</summary>
public enum FindingMark
{
    /// <summary>As it should be.</summary>
    Ok,

    /// <summary>Runs work, but something is off (a reuse folder other users cannot share, a registry only the engine reaches).</summary>
    Warn,

    /// <summary>Runs fail until it is fixed: the finding says what to do.</summary>
    Blocker,
}
