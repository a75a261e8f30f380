namespace InfraTests.Harness.Engine;

/// <summary>
/// What this process can tell about the owner of a resource: its host name, boot, PID namespace, and whether <c>/proc</c>
/// shows every process. A pid proves its owner gone only when the owner ran on this host, in this boot and this PID
/// namespace, and a missing <c>/proc/&lt;pid&gt;</c> means the process is gone, not hidden (<c>hidepid</c>).
/// </summary>
/// <param name="Host">This host's name as the labels carry it (<see cref="Environment.MachineName"/>).</param>
/// <param name="BootId">This boot's id; empty when unknown (then no pid proves anything).</param>
/// <param name="PidNamespace">This process's PID namespace, e.g. <c>pid:[4026531836]</c>; empty when unknown.</param>
/// <param name="SeesEveryProcess">True when <c>/proc</c> is mounted here and hides no other user's processes.</param>
internal sealed record LocalView(string Host, string BootId, string PidNamespace, bool SeesEveryProcess)
{
    /// <summary>What this process sees, read once.</summary>
    public static LocalView Here { get; } = new(Environment.MachineName, ProcessIdentity.BootId, ProcessIdentity.PidNamespace, ProcessTable.ShowsEveryProcess());

    /// <summary>
    /// True when a process labelled with <paramref name="host"/>, <paramref name="bootId"/> and
    /// <paramref name="pidNamespace"/> would show in this <c>/proc</c> if it ran: then a missing pid is a gone process.
    /// Anything else (another host, boot or namespace, a label missing, a hidden process table) cannot tell.
    /// </summary>
    public bool CanJudge(string? host, string? bootId, string? pidNamespace) => SeesEveryProcess && IsHere(host, bootId, pidNamespace);

    /// <summary>True when <paramref name="host"/>, <paramref name="bootId"/> and <paramref name="pidNamespace"/> are all ours (and known).</summary>
    public bool IsHere(string? host, string? bootId, string? pidNamespace) =>
        BootId.Length > 0 && PidNamespace.Length > 0 && host == Host && bootId == BootId && pidNamespace == PidNamespace;
}
