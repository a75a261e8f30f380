namespace InfraTests.Rollout.Targets;

/// <summary>A running task as the manager lists it: its id, slot, node id and container id.</summary>
internal sealed record RunningTask(string Id, int Slot, string NodeId, string ContainerId);
