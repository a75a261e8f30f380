using System.Globalization;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;
using InfraTests.Harness.Text;

namespace InfraTests.Harness.Rendering;

/// <summary>
/// A YAML mapping as templates see it. Strict: asking for a key it does not have is an error that names the mapping and
/// where it was written, never an empty string. <c>map contains "key"</c> asks whether a key is present (Liquid's
/// meaning for hashes), which is how a template treats a value as optional.
/// </summary>
internal sealed class ScopeMap : FluidValue
{
    private readonly Dictionary<string, FluidValue> _values;
    private readonly IReadOnlyList<string> _keys;

    public ScopeMap(string description, SourceLocation location, IReadOnlyList<KeyValuePair<string, FluidValue>> entries)
    {
        Description = description;
        Location = location;
        _keys = entries.Select(e => e.Key).ToList();
        _values = entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
    }

    /// <summary>How messages name this mapping, e.g. <c>zones[2]</c>.</summary>
    public string Description { get; }

    /// <summary>Where the mapping starts in its scope file.</summary>
    public SourceLocation Location { get; }

    /// <summary>The keys in the order they were written.</summary>
    public IReadOnlyList<string> Keys => _keys;

    public override FluidValues Type => FluidValues.Dictionary;

    public override ValueTask<FluidValue> GetValueAsync(string name, TemplateContext context) => Lookup(name);

    public override ValueTask<FluidValue> GetIndexAsync(FluidValue index, TemplateContext context) => Lookup(index.ToStringValue());

    public override bool Contains(FluidValue value) => _values.ContainsKey(value.ToStringValue());

    public override IEnumerable<FluidValue> Enumerate(TemplateContext context) =>
        _keys.Select(k => (FluidValue)new ArrayValue([StringValue.Create(k), _values[k]]));

    public override bool Equals(FluidValue other) => ReferenceEquals(this, other);

    public override bool ToBooleanValue() => true;

    public override decimal ToNumberValue() => 0;

    public override string ToStringValue() => string.Empty;

    public override object ToObjectValue() => _keys.ToDictionary(k => k, k => _values[k].ToObjectValue(), StringComparer.Ordinal);

    [Obsolete("WriteTo is obsolete, prefer the WriteToAsync method.")]
    public override void WriteTo(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo)
    {
    }

    public override ValueTask WriteToAsync(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo) => default;

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    private ValueTask<FluidValue> Lookup(string name)
    {
        if (_values.TryGetValue(name, out var value))
        {
            return new ValueTask<FluidValue>(value);
        }

        if (name == "size")
        {
            return new ValueTask<FluidValue>(NumberValue.Create(_values.Count));
        }

        throw new UndefinedScopeValueException(name, this);
    }
}
