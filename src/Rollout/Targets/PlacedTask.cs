namespace InfraTests.Rollout.Targets;

/// <summary>A task with the engine that reaches its container.</summary>
internal sealed record PlacedTask(SwarmTask Task, string ContainerId, TargetEndpoint Endpoint);
