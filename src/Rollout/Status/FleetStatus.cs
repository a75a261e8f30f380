namespace InfraTests.Rollout.Status;

/// <summary>
/// What every host of a fleet runs, against what production's tag names now and what the last gate tested; its
/// <see cref="ExitCode"/> makes <c>infratests status</c> a monitoring check (0 all OK, 1 a warning, 2 critical).
/// </summary>
public sealed record FleetStatus
{
    /// <summary>Which containers were asked about, in words.</summary>
    public required string Selector { get; init; }

    /// <summary>The production tag, as the service description names it.</summary>
    public required string ProductionTag { get; init; }

    /// <summary>The digest production's tag resolves to now.</summary>
    public required string ProductionDigest { get; init; }

    /// <summary>What the last gate tested, or null when no gate record was found.</summary>
    public TestedImages? Tested { get; init; }

    /// <summary>Every host, in the order rollout takes them (engine as given, then name); an engine that did not answer is one row.</summary>
    public required IReadOnlyList<HostStatus> Hosts { get; init; }

    /// <summary>The worst host's level.</summary>
    public StatusLevel Level => Hosts.Count == 0 ? StatusLevel.Ok : Hosts.Max(h => h.Level);

    /// <summary>0 all OK, 1 a warning, 2 critical.</summary>
    public int ExitCode => (int)Level;
}
