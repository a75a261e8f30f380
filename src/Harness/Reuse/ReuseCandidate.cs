using InfraTests.Harness.Engine;

namespace InfraTests.Harness.Reuse;

/// <summary>A running container of the key, leased for this run, that has yet to answer before it is kept.</summary>
/// <param name="Id">The container's id.</param>
/// <param name="State">Its state file.</param>
/// <param name="Lease">This run's lease on it.</param>
/// <param name="Origin">Where it came from: found running, being started by another run, or created now.</param>
/// <param name="Started">When the container started.</param>
/// <param name="Inspected">What the engine said of the running container when it was leased (its ports), so attaching needs
/// no second look; null for one created now, whose ports exist only once it runs.</param>
internal sealed record ReuseCandidate(string Id, ReuseState State, ReuseLease Lease, ReuseOrigin Origin, DateTimeOffset Started, ContainerDetails? Inspected = null);
