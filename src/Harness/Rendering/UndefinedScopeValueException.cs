namespace InfraTests.Harness.Rendering;

/// <summary>A template asked a scope mapping for a key it does not have.</summary>
internal sealed class UndefinedScopeValueException : Exception
{
    public UndefinedScopeValueException(string name, ScopeMap map)
        : base($"'{name}' is not defined in {map.Description}")
    {
        Name = name;
        Map = map;
    }

    /// <summary>The key that was asked for.</summary>
    public string Name { get; }

    /// <summary>The mapping that lacks it.</summary>
    public ScopeMap Map { get; }
}
