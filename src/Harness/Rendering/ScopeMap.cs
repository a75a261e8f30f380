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
    private readonly Dictionary<string, FluidValue> values;
    private readonly IReadOnlyList<string> keys;

    public ScopeMap(string description, SourceLocation location, IReadOnlyList<KeyValuePair<string, FluidValue>> entries)
    {
        Description = description;
        Location = location;
        keys = entries.Select(e => e.Key).ToList();
        values = entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
    }

    /// <summary>How messages name this mapping, e.g. <c>zones[2]</c>.</summary>
    public string Description { get; }

    /// <summary>Where the mapping starts in its scope file.</summary>
    public SourceLocation Location { get; }

    /// <summary>The keys in the order they were written.</summary>
    public IReadOnlyList<string> Keys => keys;

    public override FluidValues Type => FluidValues.Dictionary;

    public override ValueTask<FluidValue> GetValueAsync(string name, TemplateContext context) => Lookup(name);

    public override ValueTask<FluidValue> GetIndexAsync(FluidValue index, TemplateContext context) => Lookup(index.ToStringValue());

    public override bool Contains(FluidValue value) => values.ContainsKey(value.ToStringValue());

    public override IEnumerable<FluidValue> Enumerate(TemplateContext context) =>
        keys.Select(k => (FluidValue)new ArrayValue([StringValue.Create(k), values[k]]));

    public override bool Equals(FluidValue other) => ReferenceEquals(this, other);

    public override bool ToBooleanValue() => true;

    public override decimal ToNumberValue() => 0;

    public override string ToStringValue() => string.Empty;

    public override object ToObjectValue() => keys.ToDictionary(k => k, k => values[k].ToObjectValue(), StringComparer.Ordinal);

    [Obsolete("WriteTo is obsolete, prefer the WriteToAsync method.")]
    public override void WriteTo(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo)
    {
    }

    public override ValueTask WriteToAsync(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo) => default;

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    private ValueTask<FluidValue> Lookup(string name)
    {
        if (values.TryGetValue(name, out var value))
        {
            return new ValueTask<FluidValue>(value);
        }

        if (name == "size")
        {
            return new ValueTask<FluidValue>(NumberValue.Create(values.Count));
        }

        throw new UndefinedScopeValueException(name, this);
    }
}
