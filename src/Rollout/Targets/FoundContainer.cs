using Docker.DotNet.Models;
using InfraTests.Harness.Engine;

namespace InfraTests.Rollout.Targets;

/// <summary>A container a selector picked, with the engine it is on and what the engine said of it (state, image id).</summary>
/// <param name="Target">The container as a rollout target.</param>
/// <param name="Engine">Its engine, connected.</param>
/// <param name="Inspected">The engine's inspection of it.</param>
internal sealed record FoundContainer(RolloutTarget Target, DockerEngine Engine, ContainerInspectResponse Inspected);
