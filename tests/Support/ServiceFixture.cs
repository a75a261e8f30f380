using InfraTests.Harness.Services;

namespace InfraTests.Support;

/// <summary>
/// A sample's production image with the sample's own working tree mounted read-only: one container for the whole test
/// assembly, shared by tests running in parallel. A sample's fixture derives from it, says where the sample is
/// (<see cref="ISample.Root"/>) and registers itself with <c>[assembly: AssemblyFixture(typeof(...))]</c>.
/// </summary>
/// <typeparam name="TSample">The deriving fixture.</typeparam>
public abstract class ServiceFixture<TSample> : IAsyncLifetime
    where TSample : ServiceFixture<TSample>, ISample
{
    private ServiceContainer? service;

    /// <summary>The running container; tests ask it questions, run its image's methods and read its log.</summary>
    public ServiceContainer Service => service ?? throw new InvalidOperationException($"{typeof(TSample).Name} has not started its service");

    /// <summary>Starts the container and reports the tested image (digest, daemon version) and the start time to the test output; xunit calls it before the assembly's first test.</summary>
    public async ValueTask InitializeAsync()
    {
        service = await ServiceBuilder.For(TSample.Root).Build().StartAsync(TestContext.Current.CancellationToken);
        TestContext.Current.SendDiagnosticMessage($"{TSample.Root.Description.Name} suite tested {service.Tested}, started in {service.StartDuration.TotalSeconds:0.00} s");
    }

    /// <summary>Removes the container, if it started; xunit calls it after the assembly's last test.</summary>
    public ValueTask DisposeAsync() => service?.DisposeAsync() ?? ValueTask.CompletedTask;
}
