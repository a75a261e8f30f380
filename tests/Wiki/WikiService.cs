using InfraTests.Harness.Services;
using InfraTests.Support;

[assembly: AssemblyFixture(typeof(InfraTests.Wiki.WikiService))]

namespace InfraTests.Wiki;

/// <summary>
/// The wiki sample's production image (nginx serving pages cmark rendered) with the sample's own working tree mounted
/// read-only: one container for the whole assembly, shared by tests running in parallel, asked through <c>Service.Http</c>.
/// </summary>
public sealed class WikiService : ServiceFixture<WikiService>, ISample
{
    /// <summary>The sample service repo, found from the test's build output.</summary>
    public static ServiceRoot Root { get; } = ServiceRoot.Locate("samples/wiki");

    /// <summary>Starts another container of the same image with <paramref name="tree"/> mounted, for tests that edit pages.</summary>
    public static Task<ServiceContainer> StartWithAsync(WorkingTree tree) =>
        ServiceBuilder.For(Root).WithWorkingTree(tree).Build().StartAsync(TestContext.Current.CancellationToken);
}
