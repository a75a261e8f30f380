using System.Reflection;
using NetArchTest.Rules;

namespace InfraTests.Unit.Architecture;

/// <summary>What one shipped assembly must not use, and why: a breach is told with the reason to keep it out.</summary>
/// <param name="Assembly">The assembly's name, such as <c>InfraTests.Rollout</c> or <c>infratests</c> for the tool.</param>
/// <param name="Forbidden">Namespaces it must not use; each covers the namespaces under it (<c>Xunit</c> covers <c>Xunit.Sdk</c>).</param>
/// <param name="Why">Why not, finishing the sentence "it must not, because …".</param>
internal sealed record PackageRule(string Assembly, IReadOnlyList<string> Forbidden, string Why)
{
    /// <summary>One sentence per type of the assembly that uses a forbidden namespace, read from its IL.</summary>
    public IEnumerable<string> Breaches()
    {
        var types = Types.InAssembly(System.Reflection.Assembly.Load(new AssemblyName(Assembly)));
        foreach (var forbidden in Forbidden)
        {
            var result = types.ShouldNot().HaveDependencyOn(forbidden).GetResult();
            foreach (var user in (result.FailingTypeNames ?? []).Select(n => n.Replace('/', '+')))
            {
                yield return $"{user} in {Assembly} uses {forbidden}, which {Assembly} must not: {Why}. Move the code that needs "
                    + $"{forbidden} into a package allowed to use it, or pass {user[(user.LastIndexOf('.') + 1)..]} a narrow input instead.";
            }
        }
    }
}
