namespace InfraTests.Harness.Reuse;

/// <summary>The container a start keeps through a <see cref="ReuseSlot"/>: running and answering, with this run's lease on it.</summary>
/// <param name="Id">The container's id.</param>
/// <param name="Name">Its deterministic name.</param>
/// <param name="Reused">True when it was running before this start (it still needs its <c>UPDATE_METHOD</c>).</param>
/// <param name="Started">When the container started.</param>
/// <param name="Lease">This run's lease, released on dispose.</param>
internal sealed record ReuseAcquisition(string Id, string Name, bool Reused, DateTimeOffset Started, ReuseLease Lease);
