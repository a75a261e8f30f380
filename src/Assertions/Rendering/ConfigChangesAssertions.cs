using FluentAssertions;
using FluentAssertions.Primitives;
using InfraTests.Harness.Rendering;
using InfraTests.Harness.Verdicts;

namespace InfraTests.Assertions.Rendering;

/// <summary>
/// Assertions on what rendered configuration changes compared with the working tree or an image, reached by
/// <c>changes.Should()</c>; failures name the files and show the patch (<see cref="ConfigChangeVerdicts"/>).
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
        Fail.Unless(ConfigChangeVerdicts.NoChanges(Subject), because, becauseArgs);
        return new AndConstraint<ConfigChangesAssertions>(this);
    }

    /// <summary>Asserts exactly the files <paramref name="paths"/> change, and returns the first for further checks.</summary>
    public AndWhichConstraint<ConfigChangesAssertions, FileChange> ChangeExactly(IEnumerable<string> paths, string because = "", params object[] becauseArgs)
    {
        var verdict = ConfigChangeVerdicts.ChangesExactly(Subject, paths);
        Fail.Unless(verdict, because, becauseArgs);
        return new AndWhichConstraint<ConfigChangesAssertions, FileChange>(this, verdict.Found!);
    }
}
