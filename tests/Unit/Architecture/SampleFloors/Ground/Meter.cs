using InfraTests.Unit.Architecture.SampleFloors.Upper;

namespace InfraTests.Unit.Architecture.SampleFloors.Ground;

/// <summary>
/// A ground-floor type that breaks the floor rule on purpose, only inside a method body, so the floor check is seen to
/// read IL and not just signatures. Nothing calls it: it exists to be found.
/// </summary>
internal static class Meter
{
    public static int Reading() => Gauge.Level() + 1;
}
