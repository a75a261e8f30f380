using System.Globalization;
using System.Text.RegularExpressions;
using Fluid.Values;
using InfraTests.Harness.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace InfraTests.Harness.Rendering;

/// <summary>
/// The data templates render: the top-level keys of every scope file, merged. A key defined in two files is an error
/// (which one should win is not for the renderer to guess). Plain YAML scalars take YAML 1.2's core types (null, true
/// and false, integers, decimals); quoted scalars are always strings.
/// </summary>
internal static partial class Scope
{
    /// <summary>Reads every scope file of <paramref name="specification"/> into one mapping, adding problems as found.</summary>
    public static ScopeMap Load(BuildSpecification specification, List<RenderProblem> problems)
    {
        var entries = new List<KeyValuePair<string, FluidValue>>();
        var definedAt = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var file in specification.ScopeFiles)
        {
            var yaml = YamlFile.Read(Path.Combine(specification.Root, file), file);
            if (yaml.Problem is { } problem)
            {
                // A scope file that vanished after the specification was checked is the specification's to fix.
                problems.Add(yaml.Exists
                    ? new RenderProblem(problem.Location, problem.Message)
                    : new RenderProblem(new SourceLocation(specification.File, 0, 0), $"scope file '{file}' does not exist: create it or remove it from `scope:`"));
                continue;
            }

            if (yaml.Root is null)
            {
                continue;
            }

            if (yaml.Root is not YamlMappingNode map)
            {
                problems.Add(new RenderProblem(yaml.At(yaml.Root), "a scope file must be a mapping of names to values, e.g. `zones:` followed by a list"));
                continue;
            }

            foreach (var (key, value) in map.Children)
            {
                var name = ((YamlScalarNode)key).Value ?? string.Empty;
                var where = yaml.At(key);
                if (definedAt.TryGetValue(name, out var first))
                {
                    problems.Add(new RenderProblem(where, $"'{name}' is already defined at {first}: each top-level name may come from one scope file"));
                    continue;
                }

                definedAt[name] = where;
                entries.Add(new(name, Convert(value, name, yaml)));
            }
        }

        return new ScopeMap("the scope", new SourceLocation(specification.File, 0, 0), entries);
    }

    private static FluidValue Convert(YamlNode node, string path, YamlFile yaml) => node switch
    {
        YamlMappingNode map => new ScopeMap($"{path} ({yaml.At(map)})", yaml.At(map), map.Children
            .Select(c => new KeyValuePair<string, FluidValue>(KeyOf(c.Key), Convert(c.Value, $"{path}.{KeyOf(c.Key)}", yaml)))
            .ToList()),
        YamlSequenceNode list => new ArrayValue(list.Children.Select((c, i) => Convert(c, $"{path}[{i}]", yaml)).ToList()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => NilValue.Instance,
    };

    private static string KeyOf(YamlNode key) => key is YamlScalarNode { Value: { } value } ? value : key.ToString();

    private static FluidValue Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is not ScalarStyle.Plain and not ScalarStyle.Any)
        {
            return StringValue.Create(text);
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => NilValue.Instance,
            "true" or "True" or "TRUE" => BooleanValue.True,
            "false" or "False" or "FALSE" => BooleanValue.False,
            _ when Number().IsMatch(text) && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => NumberValue.Create(number),
            _ => StringValue.Create(text),
        };
    }

    [GeneratedRegex(@"^[-+]?(?:[0-9]+|[0-9]*\.[0-9]+(?:[eE][-+]?[0-9]+)?)$")]
    private static partial Regex Number();
}
