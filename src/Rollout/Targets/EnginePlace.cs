using System.Net;

namespace InfraTests.Rollout.Targets;

/// <summary>
/// Where an engine runs, as the engine itself says (its ID against the ID of this machine's engine) and as its endpoint
/// names its host: what decides at which address its containers' DNS ports are asked.
/// </summary>
/// <param name="IsThisMachine">True when it is this machine's own engine: its ports on loopback are ours to ask.</param>
/// <param name="HostAddress">The remote host's own address (the endpoint's host, resolved), or null when unknown or local.</param>
/// <param name="Why">How that was decided, in words, for a probe that cannot use an address.</param>
internal sealed record EnginePlace(bool IsThisMachine, IPAddress? HostAddress, string Why)
{
    /// <summary>This machine's engine.</summary>
    public static EnginePlace ThisMachine { get; } = new(true, null, "the engine of this machine");
}
