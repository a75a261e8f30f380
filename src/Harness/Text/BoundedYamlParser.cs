using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace InfraTests.Harness.Text;

/// <summary>
/// YamlDotNet's parser with bounds on what a file may make of itself: nesting at most <see cref="MaxDepth"/> levels, no
/// alias inside the node it names (<c>a: &amp;x [*x]</c>, a cycle every reader would follow until the stack ran out) and at
/// most <see cref="MaxAliasedNodes"/> nodes added by aliases (a "billion laughs" file writes 100 nodes that expand to
/// hundreds of millions). A file over a bound stops with a <see cref="YamlBoundException"/> at the alias or node that went over
/// it, as YamlDotNet's own syntax errors do. Aliases within the bounds stay allowed: they are plain YAML, and a scope file
/// may well share one list between many entries.
/// </summary>
internal sealed class BoundedYamlParser(IParser inner) : IParser
{
    /// <summary>How deep collections may nest; far beyond any file of ours, and shallow enough for readers that recurse.</summary>
    public const int MaxDepth = 100;

    /// <summary>How many nodes aliases may add to a document beyond those written out in it.</summary>
    public const long MaxAliasedNodes = 100_000;

    // Each anchor's latest definition: open while its collection is being read, then the number of nodes it stands for.
    private readonly Dictionary<string, Anchored> anchors = new(StringComparer.Ordinal);
    private readonly Stack<Anchored> open = new();
    private long aliased;

    /// <inheritdoc/>
    public ParsingEvent? Current => inner.Current;

    /// <inheritdoc/>
    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        switch (inner.Current)
        {
            case DocumentStart:
                anchors.Clear();
                aliased = 0;
                break;
            case Scalar scalar:
                Complete(Define(scalar.Anchor));
                break;
            case NodeEvent start when start is SequenceStart or MappingStart:
                if (open.Count >= MaxDepth)
                {
                    throw new YamlBoundException(start.Start, start.End, $"collections nest deeper than {MaxDepth} levels here: flatten the file");
                }

                open.Push(Define(start.Anchor));
                break;
            case SequenceEnd or MappingEnd:
                Complete(open.Pop());
                break;
            case AnchorAlias alias:
                Expand(alias);
                break;
        }

        return true;
    }

    private void Expand(AnchorAlias alias)
    {
        // An alias whose anchor is unknown is YamlDotNet's to refuse when it builds the document.
        if (!anchors.TryGetValue(alias.Value.Value, out var anchored))
        {
            return;
        }

        if (anchored.IsOpen)
        {
            throw new YamlBoundException(alias.Start, alias.End, $"alias *{alias.Value} is inside the node &{alias.Value} it names, so it would repeat without end: write the values out");
        }

        aliased += anchored.Nodes - 1;
        if (aliased > MaxAliasedNodes)
        {
            throw new YamlBoundException(alias.Start, alias.End, $"the aliases up to *{alias.Value} expand to more than {MaxAliasedNodes:N0} nodes: write the values out instead of repeating them through aliases");
        }

        AddToParent(anchored.Nodes);
    }

    private Anchored Define(AnchorName anchor)
    {
        var anchored = new Anchored();
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = anchored;
        }

        return anchored;
    }

    private void Complete(Anchored node)
    {
        node.IsOpen = false;
        AddToParent(node.Nodes);
    }

    // A complete node counts for the collection around it, which carries it up when it closes in turn.
    private void AddToParent(long nodes)
    {
        if (open.TryPeek(out var parent))
        {
            parent.Nodes += nodes;
        }
    }

    private sealed class Anchored
    {
        public bool IsOpen { get; set; } = true;

        // The node itself to begin with; a collection adds its children as they complete.
        public long Nodes { get; set; } = 1;
    }
}
