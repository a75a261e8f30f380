using InfraTests.Harness.Services;

[assembly: AssemblyFixture(typeof(InfraTests.Bind.BindService))]

namespace InfraTests.Bind;

/// <summary>The BIND sample's production image as a primary, the sample's working tree mounted read-only; shared by the assembly.</summary>
public sealed class BindService : IAsyncLifetime
{
    /// <summary>The sample service repo, found from the test's build output.</summary>
    public static ServiceRoot Root { get; } = ServiceRoot.Locate("samples/bind");

    public ServiceContainer Primary { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Primary = await ServiceBuilder.For(Root).Build().StartAsync(TestContext.Current.CancellationToken);
        TestContext.Current.SendDiagnosticMessage($"BIND suite tested {Primary.Tested}, started in {Primary.StartDuration.TotalSeconds:0.00} s");
    }

    public ValueTask DisposeAsync() => Primary.DisposeAsync();
}
