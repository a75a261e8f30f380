using System.Text;

namespace InfraTests.Harness.Adoption;

/// <summary>The names and pins of the test project init writes: everything its files are made from besides the image's contract.</summary>
/// <param name="Name">The service's name in C#, e.g. <c>Rbldnsd</c>: the project is <c>Rbldnsd.Tests</c>, the fixture <c>RbldnsdService</c>.</param>
/// <param name="Library">The assertion library the tests are written on.</param>
/// <param name="Version">The InfraTests version pinned.</param>
/// <param name="Feed">The NuGet feed InfraTests.* comes from.</param>
/// <param name="NuGetSource">Where every other package comes from.</param>
internal sealed record TestProject(string Name, AssertionLibrary Library, string Version, string Feed, string NuGetSource)
{
    /// <summary>The folder, relative to the service root, the project is written to.</summary>
    public const string Folder = "tests";

    /// <summary>The project's name and root namespace, e.g. <c>Rbldnsd.Tests</c>.</summary>
    public string Namespace => $"{Name}.Tests";

    /// <summary>The assembly fixture's class name, e.g. <c>RbldnsdService</c>.</summary>
    public string Fixture => $"{Name}Service";

    /// <summary>The InfraTests package of the assertion library.</summary>
    public string AssertionsPackage => Library == AssertionLibrary.AwesomeAssertions ? "InfraTests.AwesomeAssertions" : "InfraTests.Assertions";

    /// <summary>The assertion library's own package.</summary>
    public string LibraryPackage => Library == AssertionLibrary.AwesomeAssertions ? "AwesomeAssertions" : "FluentAssertions";

    /// <summary>The library's versions the InfraTests package is built for, as a NuGet range.</summary>
    public string LibraryRange => Library == AssertionLibrary.AwesomeAssertions ? "[9.6.0,10.0.0)" : "[7.2.2,8.0.0)";

    /// <summary>The library in words, e.g. <c>FluentAssertions 7</c>.</summary>
    public string LibraryName => Library == AssertionLibrary.AwesomeAssertions ? "AwesomeAssertions 9" : "FluentAssertions 7";

    /// <summary>
    /// A service name (the last part of the image repository, <c>rbldnsd</c>, <c>bind-9</c>) as a C# identifier in Pascal
    /// case: <c>Rbldnsd</c>, <c>Bind9</c>; <c>Service</c> first when it would start with a digit, <c>Service</c> alone when nothing is left.
    /// </summary>
    public static string NameFor(string serviceName)
    {
        var name = new StringBuilder();
        foreach (var part in System.Text.RegularExpressions.Regex.Split(serviceName, "[^A-Za-z0-9]+").Where(p => p.Length > 0))
        {
            name.Append(char.ToUpperInvariant(part[0])).Append(part[1..]);
        }

        return name.Length == 0 ? "Service" : char.IsAsciiDigit(name[0]) ? $"Service{name}" : name.ToString();
    }
}
