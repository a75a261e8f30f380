using System.Reflection;
using System.Runtime.CompilerServices;
using NetArchTest.Rules;

namespace InfraTests.Unit.Architecture;

/// <summary>
/// Judges an assembly against a <see cref="FloorMap"/> by reading its IL with NetArchTest, so a use inside a method body
/// (a call, a <c>new</c>, a <c>typeof</c>, a local, a lambda or async state machine) counts as much as one in a signature.
/// </summary>
internal sealed class FloorCheck(Assembly assembly, FloorMap map)
{
    private readonly Types types = Types.InAssembly(assembly);

    /// <summary>
    /// The types a person wrote: not the compiler's (names in angle brackets, [CompilerGenerated]) nor nested in them, such
    /// as the regex generator's runners in <c>System.Text.RegularExpressions.Generated</c>.
    /// </summary>
    public static IEnumerable<Type> WrittenTypes(Assembly assembly) => assembly.GetTypes().Where(Written);

    /// <summary>Every type on the map that uses a namespace on a higher floor, with the higher type it names, in order.</summary>
    public IReadOnlyList<FloorViolation> Violations()
    {
        var found = new List<FloorViolation>();
        foreach (var higher in map.Namespaces.Where(n => map.FloorOf(n) > 0).Order(StringComparer.Ordinal))
        {
            var floor = map.FloorOf(higher)!.Value;
            var below = Using(higher).Where(t => map.FloorOf(t.Namespace) < floor).ToList();
            if (below.Count == 0)
            {
                continue;
            }

            // NetArchTest says whether a type uses a namespace, not which of its types: ask once per type on that floor.
            var usedTypes = WrittenTypes(assembly).Where(t => !t.IsNested && t.Namespace == higher)
                .Select(t => (Name: t.FullName!, Users: Using(t.FullName!).ToHashSet()))
                .ToList();
            foreach (var user in below)
            {
                var named = usedTypes.Where(u => u.Users.Contains(user)).Select(u => u.Name).DefaultIfEmpty(higher);
                found.AddRange(named.Select(used => new FloorViolation(
                    Name(user), map.FloorOf(user.Namespace)!.Value, map.Label(user.Namespace!), used, floor, map.Label(higher))));
            }
        }

        return [.. found.OrderBy(v => v.User, StringComparer.Ordinal).ThenBy(v => v.Used, StringComparer.Ordinal)];
    }

    /// <summary>Namespaces of written types that the map leaves out, each with how many types it holds.</summary>
    public IReadOnlyList<(string Namespace, int Types)> Unmapped() =>
        [.. WrittenTypes(assembly)
            .Where(t => map.FloorOf(t.Namespace) is null)
            .GroupBy(t => t.Namespace ?? "(the global namespace)")
            .Select(g => (g.Key, g.Count()))
            .OrderBy(n => n.Key, StringComparer.Ordinal)];

    /// <summary>Namespaces on the map that hold no written type: a misspelling, or a folder since removed.</summary>
    public IReadOnlyList<string> Stale()
    {
        var present = WrittenTypes(assembly).Select(t => t.Namespace).ToHashSet(StringComparer.Ordinal);
        return [.. map.Namespaces.Where(n => !present.Contains(n)).Order(StringComparer.Ordinal)];
    }

    // Answered as reflection types: NetArchTest's own namespace predicates take a nested type's namespace to be its
    // declaring type's full name (or empty), while reflection gives it the enclosing namespace, so it stays on its floor.
    private IEnumerable<Type> Using(string dependency) => types.That().HaveDependencyOn(dependency).GetTypes();

    private static bool Written(Type type)
    {
        for (var t = type; t is not null; t = t.DeclaringType)
        {
            if (t.Name.StartsWith('<') || t.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false))
            {
                return false;
            }
        }

        return true;
    }

    private static string Name(Type type) => type.FullName ?? type.Name;
}
