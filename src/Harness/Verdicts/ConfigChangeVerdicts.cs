using InfraTests.Harness.Rendering;

namespace InfraTests.Harness.Verdicts;

/// <summary>
/// Verdicts on what rendered configuration changes compared with the working tree (drift) or an image (a deploy); failures
/// name the files and show the patch. Use them from any test framework.
/// </summary>
public static class ConfigChangeVerdicts
{
    /// <summary>
    /// The rendering matches what it was compared with, byte for byte and mode for mode. On the working tree this is the
    /// drift check: a committed file edited by hand, or not rendered again after a scope or template change, fails.
    /// </summary>
    public static Verdict NoChanges(ConfigChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var changed = changes.Changed.ToList();
        return Verdict.Of(changed.Count == 0, () => new VerdictSentence(
            changes.ComparedWith,
            "to hold what the templates render",
            $", but {Describe(changed)} {(changed.Count == 1 ? "differs" : "differ")}{Advice(changes)}:{Environment.NewLine}{changes.FormatStat()}{changes.FormatPatch()}")
        {
            Answer = Answer(changes),
            Attachments = () => [new VerdictAttachment("config-patch", changes.FormatPatch())],
        });
    }

    /// <summary>
    /// Exactly the files <paramref name="paths"/> change, in any order; <c>Found</c> is the change of the first path named,
    /// null when it does not change.
    /// </summary>
    public static Verdict<FileChange?> ChangesExactly(ConfigChanges changes, IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(paths);
        var expected = paths.ToList();
        var changed = changes.Changed.Select(f => f.Path).ToList();
        var first = expected.Count == 0 ? null : changes.Changed.FirstOrDefault(f => f.Path == expected[0]);
        return Verdict.Of(
            expected.Order(StringComparer.Ordinal).SequenceEqual(changed.Order(StringComparer.Ordinal), StringComparer.Ordinal),
            first,
            () => new VerdictSentence(
                "rendering",
                $"to change exactly {string.Join(", ", expected)} in {changes.ComparedWith}",
                $", but it changes {(changed.Count == 0 ? "nothing" : string.Join(", ", changed))}:{Environment.NewLine}{changes.FormatStat()}{changes.FormatPatch()}")
            {
                Answer = Answer(changes),
                Attachments = () => [new VerdictAttachment("config-patch", changes.FormatPatch())],
            });
    }

    private static string Answer(ConfigChanges changes)
    {
        var changed = changes.Changed.Select(f => f.Path).ToList();
        return changed.Count == 0 ? $"nothing changes in {changes.Files.Count} rendered files" : $"{string.Join(", ", changed)} (+{changes.Insertions} -{changes.Deletions})";
    }

    private static string Describe(List<FileChange> changed) => string.Join(", ", changed.Select(f => f.IsNew ? $"{f.Path} (missing)" : f.Path));

    private static string Advice(ConfigChanges changes) => changes.ComparedWith == "the working tree"
        ? " (edited by hand, or not rendered since the last change to a scope file or template): run `infratests render` and commit the result"
        : string.Empty;
}
