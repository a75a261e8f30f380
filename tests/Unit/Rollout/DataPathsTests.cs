using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Harness.Images;
using InfraTests.Rollout;

namespace InfraTests.Unit.Rollout;

/// <summary>
/// What a rollout may change under SERVICE_ROOT: the contract's DATA_PATHS read with Docker's matching rules, the default
/// when it is absent, and a DATA_PATHS no rollout could follow refused in one line naming the target.
/// </summary>
public sealed class DataPathsTests
{
    [Theory]
    [InlineData("zones/bl", false, true)] // the data
    [InlineData("named.conf", false, true)] // a config file in the root
    [InlineData("README.md", false, true)]
    [InlineData("bin/update.sh", true, false)] // the folder of UPDATE_METHOD is code
    [InlineData("bin/common.sh", false, false)] // all of it, executable or not
    [InlineData("tools/check.sh", false, true)] // another folder is data...
    [InlineData("tools/check.sh", true, false)] // ...but an executable file in it is code
    [InlineData("Dockerfile", false, false)] // the image's build files
    [InlineData("Dockerfile.test", false, false)]
    [InlineData("Containerfile", false, false)]
    [InlineData("zones/Dockerfile", false, false)]
    [InlineData(".dockerignore", false, false)]
    [InlineData("test.sh", false, false)] // TEST_METHOD right in SERVICE_ROOT: that file, not the whole root
    [InlineData("test.sh.old", false, true)]
    public void Default_leaves_out_build_files_executables_and_the_contracts_own_commands(string path, bool executable, bool data)
    {
        var paths = DataPaths.Of(Contract(), "dc1/host1");

        paths.Holds(path, executable).Should().Be(data, "{0} {1} data by the default ({2})", path, data ? "is" : "is not", paths.Description);
    }

    [Fact]
    public void Default_says_what_it_leaves_out()
    {
        DataPaths.Of(Contract(), "dc1/host1").Description.Should().Be("the default DATA_PATHS (all but Dockerfile*, .dockerignore, executable files, bin/, test.sh)");
    }

    [Theory]
    [InlineData("zones", "zones/bl", true)] // a folder takes what is in it
    [InlineData("zones", "zones/old/bl", true)]
    [InlineData("zones", "bin/update.sh", false)]
    [InlineData("zones named.conf", "named.conf", true)] // space-separated
    [InlineData("zones/*.zone", "zones/example.com.zone", true)] // * within one name
    [InlineData("zones/*.zone", "zones/sub/example.com.zone", false)]
    [InlineData("**/*.zone", "zones/sub/example.com.zone", true)] // ** across folders
    [InlineData("zones !zones/keys", "zones/keys/K.private", false)] // ! excepts
    [InlineData("zones !zones/keys", "zones/bl", true)]
    [InlineData("./zones/../conf", "conf/a", true)] // cleaned as Docker cleans a pattern
    [InlineData("bin", "bin/update.sh", true)] // explicit is explicit: the operator named it data
    public void Declared_data_paths_match_as_dockerignore_lines_do(string declared, string path, bool data)
    {
        var paths = DataPaths.Of(Contract(("DATA_PATHS", declared)), "dc1/host1");

        paths.Holds(path, executable: true).Should().Be(data, "DATA_PATHS '{0}' {1} {2}", declared, data ? "holds" : "leaves out", path);
        paths.Description.Should().Be($"DATA_PATHS '{string.Join(' ', declared.Split(' ', StringSplitOptions.RemoveEmptyEntries))}'");
    }

    [Theory]
    [InlineData("zones [a-", "dc1/host1: ENV DATA_PATHS pattern 2: '[a-' is not a pattern docker build can read (*): fix it*")]
    [InlineData("../etc", "dc1/host1: ENV DATA_PATHS '../etc' leaves SERVICE_ROOT (/service): a rollout changes nothing outside it; name folders inside it.")]
    [InlineData("zones/../../etc", "dc1/host1: ENV DATA_PATHS 'zones/../../etc' leaves SERVICE_ROOT (/service)*")]
    [InlineData("!../x", "dc1/host1: ENV DATA_PATHS '!../x' leaves SERVICE_ROOT*")]
    [InlineData("/service/zones", "dc1/host1: ENV DATA_PATHS '/service/zones' is an absolute path: patterns are relative to SERVICE_ROOT (/service); write 'zones'.")]
    [InlineData("zones !", "dc1/host1: ENV DATA_PATHS pattern 2: '!' excepts nothing*")]
    [InlineData("   ", "dc1/host1: ENV DATA_PATHS is set but empty, so a rollout could change nothing: name the data*")]
    public void Data_paths_no_rollout_could_follow_are_one_line_naming_the_target(string declared, string message)
    {
        var read = () => DataPaths.Of(Contract(("DATA_PATHS", declared)), "dc1/host1");

        read.Should().Throw<InfraTestsException>().WithMessage(message).Which.Message.Should().NotContain("\n");
    }

    private static ImageContract Contract(params (string Name, string Value)[] more) => ImageContract.Read(
        "container",
        [
            "SERVICE_ROOT=/service", "UPDATE_METHOD=/service/bin/update.sh", "VALIDATE_METHOD=/service/bin/validate.sh --strict",
            "TEST_METHOD=/service/test.sh", "READY_METHOD=/usr/local/bin/ready", .. more.Select(m => $"{m.Name}={m.Value}"),
        ],
        ["53/udp"]);
}
