namespace InfraTests.Harness.Health;

/// <summary>Everything <see cref="Doctor"/> found, in the order it looked; a finding that needs a blocked one is left out.</summary>
/// <param name="Reference">The image reference by tag that was examined, e.g. <c>127.0.0.1:5000/samples/rbldnsd:stable</c>.</param>
/// <param name="Findings">One finding per thing looked at.</param>
public sealed record Diagnosis(string Reference, IReadOnlyList<Finding> Findings)
{
    /// <summary>True when any finding is a blocker: runs fail until it is fixed.</summary>
    public bool HasBlocker => Findings.Any(f => f.Mark == FindingMark.Blocker);

    /// <summary>How many findings have <paramref name="mark"/>.</summary>
    public int Count(FindingMark mark) => Findings.Count(f => f.Mark == mark);
}
