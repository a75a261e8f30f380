using FluentAssertions;
using InfraTests.Harness;

namespace InfraTests.Unit.Architecture;

/// <summary>
/// The floors of InfraTests.Harness, read from its IL: a floor uses its own floor and those below, never one above, and
/// every namespace is on the map. Each rule is one test that lists every offender at once.
/// </summary>
public sealed class FloorTests
{
    private const string Samples = "InfraTests.Unit.Architecture.SampleFloors";

    private static readonly FloorCheck Harness = new(typeof(InfraTestsException).Assembly, FloorMap.Harness);

    [Fact]
    public void Harness_floors_use_only_their_own_floor_and_those_below()
    {
        var violations = Harness.Violations();

        if (violations.Count > 0)
        {
            Assert.Fail(
                $"{Uses(violations.Count)} of a higher floor from a lower one in InfraTests.Harness; a floor may use its own floor and those below, never above:\n"
                + string.Concat(violations.Select(v => $"  - {v}\n"))
                + $"Floors, bottom to top: {FloorMap.Harness.Layout()}.");
        }
    }

    [Fact]
    public void Every_harness_namespace_is_on_the_floor_map()
    {
        var unmapped = Harness.Unmapped();
        var stale = Harness.Stale();

        if (unmapped.Count > 0 || stale.Count > 0)
        {
            Assert.Fail(
                "The floor map of InfraTests.Harness (tests/Unit/Architecture/FloorMap.cs) and the assembly disagree:\n"
                + string.Concat(unmapped.Select(u => $"  - {u.Namespace} ({(u.Types == 1 ? "1 type" : $"{u.Types} types")}) is on no floor: add it to the map on the lowest floor above everything it uses.\n"))
                + string.Concat(stale.Select(s => $"  - {s} is on the map but holds no type: remove it from the map, or correct its spelling.\n"))
                + $"Floors, bottom to top: {FloorMap.Harness.Layout()}.");
        }
    }

    [Fact]
    public void Lower_floor_using_a_higher_one_fails_with_the_type_and_the_reference()
    {
        var check = new FloorCheck(typeof(FloorTests).Assembly, new FloorMap(Samples, [$"{Samples}.Ground"], [$"{Samples}.Upper"]));

        check.Violations().Select(v => v.ToString()).Should().Equal(
            $"{Samples}.Ground.Meter on floor 0 (Ground) uses {Samples}.Upper.Gauge on floor 1 (Upper): move Gauge, or the part Meter needs, "
            + "down to floor 0 or below, or pass Meter a narrow input of its own floor instead.");
    }

    [Fact]
    public void Harness_namespace_left_off_the_map_is_named_and_one_the_assembly_lacks_is_stale()
    {
        var withoutChecks = new FloorMap(
            "InfraTests.Harness",
            ["InfraTests.Harness", "InfraTests.Harness.Text", "InfraTests.Harness.Snapshots", "InfraTests.Harness.Engine"],
            ["InfraTests.Harness.Images"],
            ["InfraTests.Harness.Dns"],
            ["InfraTests.Harness.Reuse", "InfraTests.Harness.Rendering"],
            ["InfraTests.Harness.Services", "InfraTests.Harness.Billing"]);

        var check = new FloorCheck(typeof(InfraTestsException).Assembly, withoutChecks);

        check.Unmapped().Select(u => u.Namespace).Should().Contain("InfraTests.Harness.Checks");
        check.Stale().Should().Equal("InfraTests.Harness.Billing");
    }

    private static string Uses(int count) => count == 1 ? "1 use" : $"{count} uses";
}
