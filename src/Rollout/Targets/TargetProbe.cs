using System.Net;

namespace InfraTests.Rollout.Targets;

/// <summary>
/// Where a rollout asks a target's DNS port (or a web service's READY_CHECK port) its checks, and why there: an address
/// that reaches it from this machine, or, when none does, inside the target through its engine (each question relayed by
/// an exec in the container).
/// </summary>
/// <param name="Address">The address and port asked, or null when the probe goes inside the target.</param>
/// <param name="Route">How that address reaches it, in words: <c>published port</c>, <c>host network</c>, or why none does.</param>
public sealed record TargetProbe(IPEndPoint? Address, string Route)
{
    /// <summary>True when no address reaches the probed port from here, so the probe asks it from inside the target.</summary>
    public bool Inside => Address is null;

    /// <summary>What a progress line and the record say: <c>at 127.0.0.2:49153 (published port, …)</c> or <c>inside the target …</c>.</summary>
    public override string ToString() => Address is null ? $"inside the target through its engine ({Route})" : $"at {Address} ({Route})";
}
