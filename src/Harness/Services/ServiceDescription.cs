using InfraTests.Harness.Images;
using InfraTests.Harness.Text;
using YamlDotNet.RepresentationModel;

namespace InfraTests.Harness.Services;

/// <summary>
/// A service repo's <c>infratests.yaml</c>: the only things the image cannot say about itself, namely which image
/// production runs and under which tags. Everything else (paths, methods, ports) is read from the image.
/// </summary>
/// <example>
/// <code>
/// image: 127.0.0.1:5000/samples/rbldnsd
/// tags:
///   production: stable
///   previous: 2026-11-24
/// </code>
/// </example>
public sealed record ServiceDescription
{
    /// <summary>The file name InfraTests looks for in a service root.</summary>
    public const string FileName = "infratests.yaml";

    /// <summary>The file this description was read from.</summary>
    public required string Path { get; init; }

    /// <summary>The image repository production pulls from, without tag, e.g. <c>registry.example.net/dns/rbldnsd</c>.</summary>
    public required string Image { get; init; }

    /// <summary>The tags the description names, by role (<c>production</c>, and any others such as <c>previous</c>, <c>next</c>).</summary>
    public required IReadOnlyDictionary<string, string> Tags { get; init; }

    /// <summary>The service's name: the last part of the image repository.</summary>
    public string Name => Image[(Image.LastIndexOf('/') + 1)..];

    /// <summary>The tag production runs.</summary>
    public string ProductionTag => Tags["production"];

    /// <summary>The full reference production runs, e.g. <c>registry/dns/rbldnsd:stable</c>.</summary>
    public string ProductionReference => $"{Image}:{ProductionTag}";

    /// <summary>The reference for a named tag role, or for <paramref name="roleOrTag"/> as a literal tag when no role has that name.</summary>
    public string ReferenceFor(string roleOrTag) => TagFor(roleOrTag).Reference;

    /// <summary>The tag a role names (<c>production</c>, <c>previous</c>, …), or <paramref name="roleOrTag"/> as a literal tag when no role has that name: what image resolution takes.</summary>
    public ImageTag TagFor(string roleOrTag) => new(Image, Tags.TryGetValue(roleOrTag, out var tag) ? tag : roleOrTag, roleOrTag, Path);

    /// <summary>
    /// The description file's bytes as they are now, or its image and tags as read when the file cannot be read any more:
    /// what the key of a container kept for reuse covers.
    /// </summary>
    internal byte[] Bytes()
    {
        try
        {
            return File.ReadAllBytes(Path);
        }
        catch (IOException)
        {
            return System.Text.Encoding.UTF8.GetBytes($"{Image}|{string.Join('|', Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"))}");
        }
    }

    /// <summary>Reads and checks a description; every problem is a <see cref="ServiceDescriptionException"/> naming file, line and column.</summary>
    public static ServiceDescription Load(string path)
    {
        var yaml = YamlFile.Read(path);
        if (!yaml.Exists)
        {
            throw new ServiceDescriptionException($"{path}: no service description here: create {FileName} naming the production image (see README, 'Adopting InfraTests').");
        }

        return From(yaml);
    }

    /// <summary>Parses description text; <paramref name="path"/> is used in messages only.</summary>
    public static ServiceDescription Parse(string text, string path) => From(YamlFile.Parse(text, path));

    private static ServiceDescription From(YamlFile yaml)
    {
        if (yaml.Problem is { } problem)
        {
            throw new ServiceDescriptionException(problem.ToString());
        }

        if (yaml.Root is not YamlMappingNode root)
        {
            throw Problem(yaml.Top, "expected a mapping with `image:` and `tags:`: see README, 'Adopting InfraTests'");
        }

        var image = RequiredScalar(root, "image", yaml);
        if (image.Value!.Contains('@', StringComparison.Ordinal) || LastSegmentHasTag(image.Value))
        {
            throw Problem(yaml.At(image), $"`image` must be a repository without tag or digest (got '{image.Value}'): put tags under `tags:`");
        }

        var tagsKey = root.Children.Keys.FirstOrDefault(k => k is YamlScalarNode { Value: "tags" });
        if (tagsKey is null || root.Children[tagsKey] is not YamlMappingNode tagsMap)
        {
            throw Problem(yaml.At(tagsKey is null ? root : root.Children[tagsKey]), "expected `tags:` mapping roles to tags, with at least `production: <tag>`");
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in tagsMap.Children)
        {
            if (key is not YamlScalarNode { Value: { Length: > 0 } role } || value is not YamlScalarNode { Value: { Length: > 0 } tag })
            {
                throw Problem(yaml.At(key), "each entry under `tags:` must be `role: tag`, e.g. `production: stable`");
            }

            tags[role] = tag;
        }

        if (!tags.ContainsKey("production"))
        {
            throw Problem(yaml.At(tagsKey), "`tags:` has no `production:` entry: name the tag production runs");
        }

        return new ServiceDescription { Path = yaml.Name, Image = image.Value, Tags = tags };
    }

    private static YamlScalarNode RequiredScalar(YamlMappingNode root, string key, YamlFile yaml)
    {
        if (root.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode { Value: { Length: > 0 } } scalar)
        {
            return scalar;
        }

        throw Problem(yaml.At(node ?? root), $"expected `{key}:` with a value");
    }

    private static bool LastSegmentHasTag(string image) => image[(image.LastIndexOf('/') + 1)..].Contains(':', StringComparison.Ordinal);

    private static ServiceDescriptionException Problem(SourceLocation at, string what) => new($"{at}: {what}.");
}
