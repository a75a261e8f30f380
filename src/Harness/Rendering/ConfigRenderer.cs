using Fluid;

namespace InfraTests.Harness.Rendering;

/// <summary>
/// Renders a service's configuration from its build specification, scope files and Liquid templates: the
/// <c>construct:files</c> step. Everything is rendered in memory first; a single problem anywhere means nothing is
/// written, and <see cref="RenderException"/> lists every problem with file, line and column.
/// </summary>
public static class ConfigRenderer
{
    /// <summary>Renders every output of the service at <paramref name="serviceRoot"/> in memory, reporting each step to <paramref name="progress"/>.</summary>
    /// <remarks>Use <see cref="RenderedConfig.Write"/> to put the result on disk, or compare it with disk or the production image.</remarks>
    public static RenderedConfig Render(string serviceRoot, IProgress<string>? progress = null)
    {
        var specification = BuildSpecification.Load(serviceRoot);
        progress?.Report($"Reading specification file {specification.File}");
        foreach (var file in specification.ScopeFiles)
        {
            progress?.Report($"Reading scope file {file}");
        }

        var problems = new List<RenderProblem>();
        var scope = Scope.Load(specification, problems);
        var templates = new Dictionary<string, (IFluidTemplate? Template, string Source)>(StringComparer.Ordinal);
        foreach (var output in specification.Outputs)
        {
            if (!templates.ContainsKey(output.Template))
            {
                var source = File.ReadAllText(Path.Combine(specification.Root, output.Template));
                templates[output.Template] = (LiquidTemplates.Parse(source, output.Template, problems), source);
            }
        }

        if (problems.Count > 0)
        {
            throw new RenderException(problems);
        }

        var files = new List<RenderedFile>();
        foreach (var output in specification.Outputs)
        {
            var (template, source) = templates[output.Template];
            var content = LiquidTemplates.Render(template!, source, output.Template, scope, problems);
            if (content is not null)
            {
                files.Add(new RenderedFile(output.Output, output.Mode, output.Template, content));
            }
        }

        if (problems.Count > 0)
        {
            throw new RenderException(problems.Distinct().ToList());
        }

        foreach (var file in files)
        {
            progress?.Report($"Rendering {file.Path} with mode {file.OctalMode} using template {file.Template}");
        }

        return new RenderedConfig(specification, files);
    }
}
