using System.Net;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Images;
using InfraTests.Harness.Text;

namespace InfraTests.Rollout.Targets;

/// <summary>
/// One running container a rollout updates, standing for one host: where it runs, what it is, and how it asks to be
/// updated and validated, read from the running container itself (<c>docker inspect</c>), never from the service repo.
/// </summary>
/// <param name="Endpoint">The engine it runs on.</param>
/// <param name="ContainerId">Its full container id.</param>
/// <param name="ContainerName">Its name, without the leading slash.</param>
/// <param name="Image">The image reference it was started from.</param>
/// <param name="Contract">Its contract (ENV SERVICE_ROOT, UPDATE_METHOD, VALIDATE_METHOD, zones), or null when it has none.</param>
/// <param name="ContractProblem">Why it has no usable contract, in one line; null when it has one.</param>
/// <param name="Probe">Where its DNS port (a web service: its READY_CHECK port) is asked: an address that reaches it from here, or inside it through the engine.</param>
public sealed record RolloutTarget(
    TargetEndpoint Endpoint,
    string ContainerId,
    string ContainerName,
    string Image,
    ImageContract? Contract,
    string? ContractProblem,
    TargetProbe Probe)
{
    /// <summary>The digests its image has in registries (<c>repository@sha256:…</c>, as <c>docker inspect</c>'s RepoDigests); empty when it was built or loaded there.</summary>
    public IReadOnlyList<string> ImageDigests { get; init; } = [];

    /// <summary>The digest (<c>sha256:…</c>) its image has in <paramref name="repository"/>, or null when it has none there.</summary>
    public string? DigestIn(string repository) => RepoDigests.In(ImageDigests, repository).FirstOrDefault();

    /// <summary>The address its probed port (DNS, or a web service's READY_CHECK port) answers at from this machine, or null when it is probed inside, through the engine.</summary>
    public IPEndPoint? Dns => Probe.Address;

    /// <summary>The container id cut to 12 hex digits.</summary>
    public string ShortId => Words.ShortId(ContainerId);

    /// <summary>The Swarm task the container runs, when <see cref="SwarmTargetProvider"/> found it; null for a plain container.</summary>
    public SwarmTask? Task { get; init; }

    /// <summary>How the target is named in progress lines and tables: <c>engine/name</c>, or a Swarm task's <c>node/service.slot</c>.</summary>
    public string Label => Task is { } task ? $"{task.Node}/{task.Name}" : $"{Endpoint.Name}/{ContainerName}";

    /// <inheritdoc />
    public override string ToString() => Label;
}
