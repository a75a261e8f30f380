namespace InfraTests.Unit.Architecture;

/// <summary>
/// The floors of an assembly, bottom to top, each a set of namespaces: a floor may use its own floor and the floors
/// below, never one above. Folders on one floor may use each other as long as <c>folder-cycles.py</c> finds no loop.
/// </summary>
internal sealed class FloorMap
{
    private readonly Dictionary<string, int> floors = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<IReadOnlyList<string>> bottomUp;

    /// <summary>A map whose namespaces are named, in messages, relative to <paramref name="root"/>.</summary>
    public FloorMap(string root, params IReadOnlyList<string>[] bottomUp)
    {
        Root = root;
        this.bottomUp = bottomUp;
        for (var floor = 0; floor < bottomUp.Length; floor++)
        {
            foreach (var name in bottomUp[floor])
            {
                if (!floors.TryAdd(name, floor))
                {
                    throw new ArgumentException($"{name} is on floor {floors[name]} and again on floor {floor}: give it one floor.", nameof(bottomUp));
                }
            }
        }
    }

    /// <summary>The floors of InfraTests.Harness; a new folder goes on the lowest floor above everything it uses.</summary>
    public static FloorMap Harness { get; } = new(
        "InfraTests.Harness",
        ["InfraTests.Harness", "InfraTests.Harness.Text", "InfraTests.Harness.Snapshots", "InfraTests.Harness.Engine", "InfraTests.Harness.Reports"],
        ["InfraTests.Harness.Images", "InfraTests.Harness.Monitoring"],
        ["InfraTests.Harness.Dns", "InfraTests.Harness.Http"],
        ["InfraTests.Harness.Reuse", "InfraTests.Harness.Rendering"],
        ["InfraTests.Harness.Services"],
        ["InfraTests.Harness.Checks", "InfraTests.Harness.Dnssec", "InfraTests.Harness.Verdicts", "InfraTests.Harness.Health", "InfraTests.Harness.Adoption"]);

    /// <summary>The namespace the others are named from, such as <c>InfraTests.Harness</c>.</summary>
    public string Root { get; }

    /// <summary>Every namespace on the map.</summary>
    public IReadOnlyCollection<string> Namespaces => floors.Keys;

    /// <summary>The floor <paramref name="name"/> is on, or null when the map leaves it out.</summary>
    public int? FloorOf(string? name) => name is not null && floors.TryGetValue(name, out var floor) ? floor : null;

    /// <summary>The whole map on one line, bottom to top: <c>0 InfraTests.Harness, Text; 1 Images; …</c>.</summary>
    public string Layout() => string.Join("; ", bottomUp.Select((names, floor) => $"{floor} {string.Join(", ", names.Select(Label))}"));

    /// <summary>A namespace as messages name it: relative to <see cref="Root"/>, <c>Images</c>, or in full for the root itself.</summary>
    public string Label(string name) => name.StartsWith(Root + ".", StringComparison.Ordinal) ? name[(Root.Length + 1)..] : name;
}
