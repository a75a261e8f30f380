using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;
using InfraTests.Harness.Rendering;

namespace InfraTests.Assertions.Rendering;

/// <summary>
/// Assertions on what rendered configuration changes compared with the working tree or an image, reached by
/// <c>changes.Should()</c>; failures name the files and show the patch.
/// </summary>
public class ConfigChangesAssertions : ReferenceTypeAssertions<ConfigChanges, ConfigChangesAssertions>
{
    /// <summary>Wraps <paramref name="subject"/> for assertions.</summary>
    public ConfigChangesAssertions(ConfigChanges subject)
        : base(subject)
    {
    }

    /// <inheritdoc />
    protected override string Identifier => "rendered config";

    /// <summary>
    /// Asserts the rendering matches what it was compared with, byte for byte and mode for mode. On the working tree this
    /// is the drift check: a committed file edited by hand, or not rendered again after a scope or template change, fails.
    /// </summary>
    public AndConstraint<ConfigChangesAssertions> BeEmpty(string because = "", params object[] becauseArgs)
    {
        var changed = Subject.Changed.ToList();
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(changed.Count == 0)
            .FailWith(AnswerContext.Message(
                $"Expected {Subject.ComparedWith} to hold what the templates render",
                changed.Count == 0 ? string.Empty : $", but {Describe(changed)} {(changed.Count == 1 ? "differs" : "differ")}{Advice()}:{Environment.NewLine}{Subject.FormatStat()}{Subject.FormatPatch()}"));
        return new AndConstraint<ConfigChangesAssertions>(this);
    }

    /// <summary>Asserts exactly the files <paramref name="paths"/> change, and returns the first for further checks.</summary>
    public AndWhichConstraint<ConfigChangesAssertions, FileChange> ChangeExactly(IEnumerable<string> paths, string because = "", params object[] becauseArgs)
    {
        var expected = paths.ToList();
        var changed = Subject.Changed.Select(f => f.Path).ToList();
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(expected.Order(StringComparer.Ordinal).SequenceEqual(changed.Order(StringComparer.Ordinal), StringComparer.Ordinal))
            .FailWith(AnswerContext.Message(
                $"Expected rendering to change exactly {string.Join(", ", expected)} in {Subject.ComparedWith}",
                $", but it changes {(changed.Count == 0 ? "nothing" : string.Join(", ", changed))}:{Environment.NewLine}{Subject.FormatStat()}{Subject.FormatPatch()}"));
        return new AndWhichConstraint<ConfigChangesAssertions, FileChange>(this, Subject.Changed.First(f => f.Path == expected[0]));
    }

    private static string Describe(List<FileChange> changed) => string.Join(", ", changed.Select(f => f.IsNew ? $"{f.Path} (missing)" : f.Path));

    private string Advice() => Subject.ComparedWith == "the working tree"
        ? " (edited by hand, or not rendered since the last change to a scope file or template): run `infratests render` and commit the result"
        : string.Empty;
}
