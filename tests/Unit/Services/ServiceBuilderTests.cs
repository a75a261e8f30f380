using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Harness.Services;

namespace InfraTests.Unit.Services;

/// <summary><see cref="ServiceBuilder"/> only builds: every entry point checks every setting first and names every problem at once.</summary>
public sealed class ServiceBuilderTests
{
    private static readonly ServiceRoot Rbldnsd = ServiceRoot.Locate("samples/rbldnsd");

    [Fact]
    public void Every_problem_is_named_in_one_exception()
    {
        using var gone = WorkingTree.CopyOf(Rbldnsd.Path);
        var builder = ServiceBuilder.For(Rbldnsd)
            .WithWorkingTree(gone)
            .WithEnvironment("BAD=NAME", "x")
            .WithReadyTimeout(TimeSpan.Zero)
            .WithReuse(TimeSpan.FromSeconds(-1));
        gone.Dispose();

        var act = () => builder.Build();

        act.Should().Throw<InfraTestsException>().Which.Message.Should()
            .StartWith("The service cannot be built, 4 problems: (1) ")
            .And.Contain($"{gone.Path}: the working tree to mount does not exist")
            .And.Contain("WithEnvironment was given the variable name 'BAD=NAME'")
            .And.Contain("WithReadyTimeout(00:00:00) is not positive")
            .And.Contain("WithReuse(-00:00:01): the idle time of a reused container must be positive")
            .And.NotContain("\n");
    }

    [Fact]
    public void Each_entry_point_checks_before_anything_runs()
    {
        var builder = ServiceBuilder.For(Rbldnsd).WithTag(" ");

        builder.Invoking(b => b.Build()).Should().Throw<InfraTestsException>().WithMessage("WithTag was given an empty tag*");
        builder.Invoking(b => b.BuildTestMode()).Should().Throw<InfraTestsException>().WithMessage("WithTag was given an empty tag*");
        builder.Invoking(b => b.BuildDeployDiff()).Should().Throw<InfraTestsException>().WithMessage("WithTag was given an empty tag*");
        builder.Invoking(b => b.BuildImage()).Should().Throw<InfraTestsException>().WithMessage("WithTag was given an empty tag*");
    }

    [Fact]
    public void A_sound_configuration_builds_without_touching_an_engine()
    {
        var builder = ServiceBuilder.For(Rbldnsd).WithTag("previous").WithEnvironment("SERVICE_ROLE", "master");

        builder.Build().TreePath.Should().Be(Rbldnsd.Path);
        builder.BuildImage().Tag.Should().Be(new Harness.Images.ImageTag("127.0.0.1:5000/samples/rbldnsd", "previous", "previous", Rbldnsd.Description.Path));
    }
}
