using InfraTests.Harness.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace InfraTests.Harness.Rendering;

/// <summary>Reads a YAML file of the service into a node tree, turning YAML's errors into located problems.</summary>
internal static class YamlFiles
{
    /// <summary>The root node of the file's first document (null for an empty file), or the problem that stopped it.</summary>
    public static (YamlNode? Root, RenderProblem? Problem) Load(string fullPath, string relative)
    {
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return (null, new RenderProblem(new SourceLocation(relative, 0, 0), "the file does not exist: create it or fix the name that points at it"));
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException exception)
        {
            return (null, new RenderProblem(At(relative, exception.Start), $"this is not valid YAML ({YamlMessages.Reason(exception)}): fix the syntax"));
        }

        return (stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode, null);
    }

    /// <summary>The location of a YAML mark in <paramref name="relative"/>.</summary>
    public static SourceLocation At(string relative, Mark mark) => new(relative, (int)mark.Line, (int)mark.Column);
}
