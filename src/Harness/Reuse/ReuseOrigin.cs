namespace InfraTests.Harness.Reuse;

/// <summary>Where a <see cref="ReuseCandidate"/> came from.</summary>
internal enum ReuseOrigin
{
    /// <summary>Running already, from an earlier run: it needs its <c>UPDATE_METHOD</c> before it answers for this tree.</summary>
    Found,

    /// <summary>Created by another run a moment ago, and waited for until it ran.</summary>
    StartedByAnotherRun,

    /// <summary>Created and started by this run.</summary>
    Created,
}
