namespace InfraTests.Unit.Architecture.SampleFloors.Upper;

/// <summary>The upper-floor type that the ground floor's <c>Meter</c> reaches up to.</summary>
internal static class Gauge
{
    public static int Level() => Environment.ProcessorCount;
}
