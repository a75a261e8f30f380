namespace InfraTests.Harness.Checks;

/// <summary>What the daemon said about one <see cref="ServiceCheck"/>.</summary>
/// <param name="Check">The expectation.</param>
/// <param name="Passed">Whether the daemon's answers met it.</param>
/// <param name="Answered">What the daemon answered, in a few words (zones, A value, reason, whitelisting).</param>
public sealed record CheckVerdict(ServiceCheck Check, bool Passed, string Answered);
