using InfraTests.Harness.Text;
using YamlDotNet.RepresentationModel;

namespace InfraTests.Harness.Rendering;

/// <summary>
/// A service's <c>buildsettings.yaml</c>: the scope files that hold the data, and which template renders to which file
/// with which mode. The equivalent of the operator's <c>rake construct:files</c> specification.
/// </summary>
/// <example>
/// <code>
/// scope:
///   - zones.yaml
/// files:
///   - template: templates/master_zones.liquid
///     output: conf/named_master_zones
///     mode: 644
/// </code>
/// </example>
public sealed record BuildSpecification
{
    /// <summary>The file name InfraTests looks for in a service root.</summary>
    public const string FileName = "buildsettings.yaml";

    /// <summary>The service root every path is relative to.</summary>
    public required string Root { get; init; }

    /// <summary>The specification file, relative to the root.</summary>
    public required string File { get; init; }

    /// <summary>The scope files, relative to the root, in the order they are read.</summary>
    public required IReadOnlyList<string> ScopeFiles { get; init; }

    /// <summary>What is rendered, in the order of the file.</summary>
    public required IReadOnlyList<OutputSpecification> Outputs { get; init; }

    /// <summary>Reads and checks the specification; every problem is gathered into one <see cref="RenderException"/>.</summary>
    public static BuildSpecification Load(string serviceRoot, string fileName = FileName)
    {
        var root = Path.GetFullPath(serviceRoot);
        var yaml = YamlFile.Read(Path.Combine(root, fileName), fileName);
        if (yaml.Problem is { } problem)
        {
            throw new RenderException([new RenderProblem(problem.Location, yaml.Exists
                ? problem.Message
                : $"no build specification here: create {fileName} naming the scope files and the templates to render (see docs/rendering.md)")]);
        }

        var problems = new List<RenderProblem>();
        if (yaml.Root is not YamlMappingNode map)
        {
            throw new RenderException([new RenderProblem(yaml.Top, "expected a mapping with `scope:` (the data files) and `files:` (template, output, mode)")]);
        }

        var scope = ReadScope(map, root, yaml, problems);
        var outputs = ReadOutputs(map, root, yaml, problems);
        CheckNoOverlap(scope, outputs, fileName, problems);
        if (problems.Count > 0)
        {
            throw new RenderException(problems);
        }

        return new BuildSpecification { Root = root, File = fileName, ScopeFiles = scope, Outputs = outputs };
    }

    private static List<string> ReadScope(YamlMappingNode map, string root, YamlFile yaml, List<RenderProblem> problems)
    {
        var scope = new List<string>();
        if (!map.Children.TryGetValue(new YamlScalarNode("scope"), out var node))
        {
            problems.Add(new RenderProblem(yaml.At(map), "no `scope:`: list the YAML files that hold the data, e.g. `scope: [zones.yaml]`"));
            return scope;
        }

        var entries = node switch
        {
            YamlScalarNode one => [one],
            YamlSequenceNode many => many.Children.ToList(),
            _ => [node],
        };
        foreach (var entry in entries)
        {
            if (entry is not YamlScalarNode { Value: { Length: > 0 } path })
            {
                problems.Add(new RenderProblem(yaml.At(entry), "each scope entry must be a file name, e.g. `zones.yaml`"));
                continue;
            }

            if (CheckExisting(root, path, yaml.At(entry), "scope file", problems))
            {
                scope.Add(ServicePaths.Normalise(path));
            }
        }

        return scope;
    }

    private static List<OutputSpecification> ReadOutputs(YamlMappingNode map, string root, YamlFile yaml, List<RenderProblem> problems)
    {
        var outputs = new List<OutputSpecification>();
        if (!map.Children.TryGetValue(new YamlScalarNode("files"), out var node) || node is not YamlSequenceNode files)
        {
            problems.Add(new RenderProblem(yaml.At(node ?? map), "expected `files:` listing entries of `template:`, `output:` and `mode:`"));
            return outputs;
        }

        foreach (var entry in files.Children)
        {
            var where = yaml.At(entry);
            if (entry is not YamlMappingNode fields)
            {
                problems.Add(new RenderProblem(where, "each entry under `files:` needs `template:`, `output:` and `mode:`"));
                continue;
            }

            var template = Field(fields, "template", where, yaml, problems);
            var output = Field(fields, "output", where, yaml, problems);
            var mode = Field(fields, "mode", where, yaml, problems);
            UnixFileMode? parsedMode = null;
            if (mode is not null)
            {
                parsedMode = FileModes.Parse(mode.Value!);
                if (parsedMode is null)
                {
                    problems.Add(new RenderProblem(yaml.At(mode), $"mode '{mode.Value}' is not an octal file mode: write three octal digits such as 644 or 0640"));
                }
            }

            var templateOk = template is not null && CheckExisting(root, template.Value!, yaml.At(template), "template", problems);
            var outputOk = output is not null && CheckPath(root, output.Value!, yaml.At(output), problems) is not null;
            if (templateOk && outputOk && parsedMode is { } ok)
            {
                outputs.Add(new OutputSpecification(ServicePaths.Normalise(template!.Value!), ServicePaths.Normalise(output!.Value!), ok, yaml.At(output)));
            }
        }

        return outputs;
    }

    private static YamlScalarNode? Field(YamlMappingNode fields, string name, SourceLocation entry, YamlFile yaml, List<RenderProblem> problems)
    {
        if (fields.Children.TryGetValue(new YamlScalarNode(name), out var node) && node is YamlScalarNode { Value: { Length: > 0 } } scalar)
        {
            return scalar;
        }

        problems.Add(new RenderProblem(node is null ? entry : yaml.At(node), $"this entry has no `{name}:` value"));
        return null;
    }

    private static string? CheckPath(string root, string path, SourceLocation where, List<RenderProblem> problems)
    {
        var (full, problem) = ServicePaths.Resolve(root, path);
        if (problem is not null)
        {
            problems.Add(new RenderProblem(where, problem));
        }

        return full;
    }

    private static bool CheckExisting(string root, string path, SourceLocation where, string what, List<RenderProblem> problems)
    {
        var full = CheckPath(root, path, where, problems);
        if (full is not null && !System.IO.File.Exists(full))
        {
            problems.Add(new RenderProblem(where, $"{what} '{path}' does not exist: create it or fix the name"));
            return false;
        }

        return full is not null;
    }

    private static void CheckNoOverlap(List<string> scope, List<OutputSpecification> outputs, string file, List<RenderProblem> problems)
    {
        var inputs = scope.Concat(outputs.Select(o => o.Template)).Append(file).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var output in outputs)
        {
            if (inputs.Contains(output.Output))
            {
                problems.Add(new RenderProblem(output.Location, $"'{output.Output}' is one of the inputs: rendering would overwrite it, so pick another output path"));
            }
            else if (!seen.Add(output.Output))
            {
                problems.Add(new RenderProblem(output.Location, $"'{output.Output}' is rendered twice: each output may appear once"));
            }
        }
    }
}
