using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace InfraTests.Harness.Text;

/// <summary>
/// A YAML file as InfraTests reads it: the root node of its first document, or the <see cref="YamlProblem"/> that stopped
/// the read. Use it for every YAML file InfraTests reads (description, checks file, specification, scope files), and
/// <see cref="At"/> to name a node's place, so that their messages read alike.
/// </summary>
internal sealed class YamlFile
{
    private YamlFile(string name, bool exists, YamlNode? root, YamlProblem? problem)
    {
        Name = name;
        Exists = exists;
        Root = root;
        Problem = problem;
    }

    /// <summary>The file as messages name it.</summary>
    public string Name { get; }

    /// <summary>False when the file was not there to read: check it to give the advice that fits the file (create it, or fix the name that points at it).</summary>
    public bool Exists { get; }

    /// <summary>The root node of the first document; null for an empty file, and when <see cref="Problem"/> says why there is none.</summary>
    public YamlNode? Root { get; }

    /// <summary>Why the file could not be read, or null: throw it as one line, or collect it with other problems.</summary>
    public YamlProblem? Problem { get; }

    /// <summary>Line 1, column 1 of the file: where a problem with the document as a whole (empty, not a mapping) is named.</summary>
    public SourceLocation Top => new(Name, 1, 1);

    /// <summary>Reads the file at <paramref name="path"/>, named <paramref name="name"/> in messages (the path itself when null); a missing file or bad YAML is a <see cref="Problem"/>, never an exception.</summary>
    public static YamlFile Read(string path, string? name = null)
    {
        name ??= path;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return new(name, exists: false, root: null, new YamlProblem(new SourceLocation(name, 0, 0), "the file does not exist: create it or fix the name that points at it"));
        }

        return Parse(text, name);
    }

    /// <summary>
    /// Reads YAML text named <paramref name="name"/> in messages: for text that did not come from a file of its own, or tests.
    /// A file over <see cref="BoundedYamlParser"/>'s bounds (deep nesting, an alias inside its own node, aliases expanding
    /// beyond a limit) is a <see cref="Problem"/> like any syntax error.
    /// </summary>
    public static YamlFile Parse(string text, string name)
    {
        var scanner = new Scanner(new StringReader(text));
        var stream = new YamlStream();
        try
        {
            stream.Load(new BoundedYamlParser(new Parser(scanner)));
        }
        catch (YamlBoundException exception)
        {
            return new(name, exists: true, root: null, new YamlProblem(Location(name, exception.Start), exception.Message));
        }
        catch (YamlException exception)
        {
            return new(name, exists: true, root: null, new YamlProblem(Location(name, exception.Start), $"this is not valid YAML ({Reason(exception)}): fix the syntax"));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up on some broken input without a reason of its own (`image: [unclosed` with more
            // lines after it ends in "Operation is not valid due to the current state of the object"): where it stopped is
            // what there is to say.
            return new(name, exists: true, root: null, new YamlProblem(Location(name, scanner.CurrentPosition), "this is not valid YAML (the parser stopped here; a `[`, `{` or quote left open above is the usual cause): fix the syntax"));
        }

        return new(name, exists: true, stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode, problem: null);
    }

    /// <summary>Where <paramref name="node"/> starts in this file: the one way a message names a place in YAML.</summary>
    public SourceLocation At(YamlNode node) => new(Name, (int)node.Start.Line, (int)node.Start.Column);

    private static SourceLocation Location(string name, Mark mark) => new(name, (int)mark.Line, (int)mark.Column);

    // YamlDotNet keeps the position out of its message (it is in Start), so the message is the reason as it stands; its
    // full stop goes because ours follows the advice.
    private static string Reason(YamlException exception) => exception.Message.TrimEnd('.');
}
