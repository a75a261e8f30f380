namespace InfraTests.Harness.Reuse;

/// <summary>What a start says about keeping its container: what <see cref="ReusePolicy.Decide(ReuseWish, Func{string, string?})"/> weighs against the environment.</summary>
/// <param name="Asked">True: keep it (<c>WithReuse()</c>); false: never (<c>WithoutReuse()</c>); null: as the environment says.</param>
/// <param name="Idle">How long it may go unused, or null for the default (or <c>INFRATESTS_REUSE_IDLE</c>).</param>
/// <param name="OneShot">True for a run to completion (test mode): never kept.</param>
/// <param name="NotWorthKeeping">Why the environment's wish is not worth honouring for this container (a scratch tree deleted after its test, a network that ends with it), or null.</param>
internal sealed record ReuseWish(bool? Asked, TimeSpan? Idle, bool OneShot, string? NotWorthKeeping);
