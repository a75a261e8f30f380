using System.Reflection;
using System.Reflection.Emit;
using FluentAssertions;
using InfraTests.Harness.Services;

namespace InfraTests.Unit.Services;

/// <summary><see cref="ServiceRoot.FromTestAssembly"/>: the root the InfraTests.Harness package recorded at build time.</summary>
public sealed class ServiceRootTests
{
    [Fact]
    public void Root_recorded_in_the_test_assembly_is_found()
    {
        var sample = ServiceRoot.Locate("samples/rbldnsd").Path;

        var root = ServiceRoot.FromTestAssembly(AssemblyRecording(sample));

        root.Path.Should().Be(sample);
        root.Description.Name.Should().Be("rbldnsd");
    }

    [Fact]
    public void Assembly_without_a_recorded_root_says_how_to_get_one()
    {
        // This project references the harness as a project, not as the package: nothing was recorded.
        var act = () => ServiceRoot.FromTestAssembly(typeof(ServiceRootTests).Assembly);

        act.Should().Throw<ServiceDescriptionException>().Which.Message.Should()
            .StartWith("InfraTests.Unit: no InfraTests.ServiceRoot recorded at build time").And.Contain("<InfraTestsServiceRoot>");
    }

    private static AssemblyBuilder AssemblyRecording(string path) =>
        AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("Service.Tests"), AssemblyBuilderAccess.Run,
            [new CustomAttributeBuilder(typeof(AssemblyMetadataAttribute).GetConstructor([typeof(string), typeof(string)])!, [ServiceRoot.MetadataKey, path])]);
}
