using InfraTests.Docs.Checking;

namespace InfraTests.Docs;

/// <summary>Small in-memory docs and snippet files for the checker's tests.</summary>
internal static class InMemory
{
    /// <summary>A Markdown doc at <paramref name="path"/> with <paramref name="text"/>.</summary>
    public static MarkdownDoc Markdown(string path, string text) => MarkdownDoc.Parse(new RepoFile(path, text));

    /// <summary>The snippets of one C# file at <paramref name="path"/> with <paramref name="text"/>.</summary>
    public static SnippetCatalog Snippets(string path, string text) => SnippetCatalog.Read([new RepoFile(path, text)]);

    /// <summary>A snippet file with one snippet, <paramref name="name"/>, of <paramref name="code"/>'s lines, inside a method body.</summary>
    public static SnippetCatalog OneSnippet(string name, params string[] code) => Snippets("tests/DocSnippets/S.cs",
        "static class S\n{\n    static void M()\n    {\n        // begin-snippet: " + name + "\n"
        + string.Concat(code.Select(l => "        " + l + "\n")) + "        // end-snippet\n    }\n}\n");
}
