namespace InfraTests.Docs.Checking;

/// <summary>What is wrong between a doc's C# blocks and the snippets they show.</summary>
internal enum DocProblemKind
{
    /// <summary>A C# block with no <c>&lt;!-- snippet: NAME --&gt;</c> line right above its fence.</summary>
    BlockWithoutMarker,

    /// <summary>A marker naming a snippet no snippet file defines.</summary>
    UnknownSnippet,

    /// <summary>A block whose text is not its snippet's.</summary>
    BlockDiffers,

    /// <summary>A snippet no doc shows.</summary>
    UnusedSnippet,

    /// <summary>A marker with no C# block on the next line.</summary>
    MarkerWithoutBlock,

    /// <summary>A malformed snippet region: no end, an end without a begin, one inside another, a name used twice.</summary>
    BadSnippetRegion,
}
