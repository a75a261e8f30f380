using System.Reflection;

namespace InfraTests.Harness.Services;

/// <summary>
/// The folder of a service repo that holds <c>infratests.yaml</c>: the working tree that gets mounted into the image.
/// </summary>
public sealed class ServiceRoot
{
    private ServiceRoot(string path, ServiceDescription description)
    {
        Path = path;
        Description = description;
    }

    /// <summary>The absolute path of the folder.</summary>
    public string Path { get; }

    /// <summary>The service description read from the folder.</summary>
    public ServiceDescription Description { get; }

    /// <summary>
    /// Finds the service root at <paramref name="start"/> or the nearest folder above it that holds <c>infratests.yaml</c>.
    /// Throws <see cref="ServiceDescriptionException"/> naming the folder searched when there is none.
    /// </summary>
    public static ServiceRoot Find(string start)
    {
        var full = System.IO.Path.GetFullPath(start);
        if (!Directory.Exists(full))
        {
            throw new ServiceDescriptionException($"{full}: no such folder: give the path of a service repo (the folder holding {ServiceDescription.FileName}).");
        }

        for (var folder = new DirectoryInfo(full); folder is not null; folder = folder.Parent)
        {
            var candidate = System.IO.Path.Combine(folder.FullName, ServiceDescription.FileName);
            if (File.Exists(candidate))
            {
                return new ServiceRoot(folder.FullName, ServiceDescription.Load(candidate));
            }
        }

        throw new ServiceDescriptionException($"{full}: no {ServiceDescription.FileName} here or in any folder above: create one naming the production image (see README, 'Adopting InfraTests').");
    }

    /// <summary>The assembly metadata key under which the InfraTests.Harness package's build targets record the service root.</summary>
    public const string MetadataKey = "InfraTests.ServiceRoot";

    /// <summary>
    /// The service root recorded in the test assembly at build time by the InfraTests.Harness package (the nearest folder
    /// above the test project holding <c>infratests.yaml</c>, or the project's <c>InfraTestsServiceRoot</c> property).
    /// Use it in a service repo's test project; <paramref name="testAssembly"/> defaults to the entry assembly, the test
    /// assembly under xunit v3.
    /// </summary>
    public static ServiceRoot FromTestAssembly(Assembly? testAssembly = null)
    {
        var assembly = testAssembly ?? Assembly.GetEntryAssembly()
            ?? throw new ServiceDescriptionException($"no entry assembly to read {MetadataKey} from: pass the test assembly (typeof(MyFixture).Assembly).");
        var path = assembly.GetCustomAttributes<AssemblyMetadataAttribute>().LastOrDefault(a => a.Key == MetadataKey)?.Value;
        if (string.IsNullOrEmpty(path))
        {
            throw new ServiceDescriptionException($"{assembly.GetName().Name}: no {MetadataKey} recorded at build time: reference the InfraTests.Harness package "
                + $"from a project inside the service repo (below its {ServiceDescription.FileName}), or set <InfraTestsServiceRoot> in the project file.");
        }

        return Find(path);
    }

    /// <summary>
    /// Finds a service root by walking up from <paramref name="start"/> until <paramref name="relative"/> exists below a
    /// folder: how a test project finds its sample (<c>ServiceRoot.Locate("samples/rbldnsd")</c>) from its build output.
    /// </summary>
    public static ServiceRoot Locate(string relative, string? start = null)
    {
        for (var folder = new DirectoryInfo(start ?? AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = System.IO.Path.Combine(folder.FullName, relative);
            if (File.Exists(System.IO.Path.Combine(candidate, ServiceDescription.FileName)))
            {
                return Find(candidate);
            }
        }

        throw new ServiceDescriptionException($"{relative}: not found above {start ?? AppContext.BaseDirectory}: run the tests from inside the repo that holds it.");
    }
}
