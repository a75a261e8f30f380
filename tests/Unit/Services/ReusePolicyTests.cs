using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Harness.Reuse;
using InfraTests.Harness.Services;

namespace InfraTests.Unit.Services;

/// <summary>
/// <see cref="ReusePolicy"/>: reuse is off unless asked (so CI and two suites at once behave as before), on under
/// <c>dotnet watch test</c> or <c>INFRATESTS_REUSE=1</c> for containers worth keeping, and always when the builder asks.
/// </summary>
public sealed class ReusePolicyTests
{
    private static readonly ServiceRoot Rbldnsd = ServiceRoot.Locate("samples/rbldnsd");

    private static readonly ServiceConfiguration Plain = new() { Root = Rbldnsd, TreePath = Rbldnsd.Path };

    [Fact]
    public void Off_without_a_word_from_the_builder_or_the_environment()
    {
        ReusePolicy.Decide(Plain.ReuseWish(), Environment()).Should().Be(((ReusePolicy?)null, (string?)null));
    }

    [Theory]
    [InlineData("DOTNET_WATCH", "1", "DOTNET_WATCH=1")]
    [InlineData("INFRATESTS_REUSE", "1", "INFRATESTS_REUSE=1")]
    [InlineData("INFRATESTS_REUSE", "true", "INFRATESTS_REUSE=true")]
    public void On_under_dotnet_watch_or_when_the_environment_asks(string variable, string value, string source)
    {
        var (policy, notKept) = ReusePolicy.Decide(Plain.ReuseWish(), Environment((variable, value)));

        policy.Should().Be(new ReusePolicy(TimeSpan.FromMinutes(15), source));
        notKept.Should().BeNull();
    }

    [Fact]
    public void Infratests_reuse_0_turns_it_off_under_dotnet_watch()
    {
        ReusePolicy.Decide(Plain.ReuseWish(), Environment(("DOTNET_WATCH", "1"), ("INFRATESTS_REUSE", "0"))).Policy.Should().BeNull();
    }

    [Fact]
    public void Builder_asks_for_reuse_whatever_the_environment()
    {
        var asked = Plain with { Reuse = true, ReuseIdle = TimeSpan.FromSeconds(1), ScratchTree = true };

        ReusePolicy.Decide(asked.ReuseWish(), Environment(("INFRATESTS_REUSE", "0"))).Policy.Should().Be(new ReusePolicy(TimeSpan.FromSeconds(1), "WithReuse()"));
    }

    [Fact]
    public void Builder_turns_it_off_under_dotnet_watch()
    {
        ReusePolicy.Decide((Plain with { Reuse = false }).ReuseWish(), Environment(("DOTNET_WATCH", "1"))).Should().Be(((ReusePolicy?)null, (string?)null));
    }

    [Fact]
    public void Scratch_copies_and_containers_on_test_networks_are_not_kept_under_watch_and_the_line_says_why()
    {
        var watching = Environment(("DOTNET_WATCH", "1"));

        var (copy, whyNotCopy) = ReusePolicy.Decide((Plain with { ScratchTree = true, TreePath = "/tmp/infratests-tree-x" }).ReuseWish(), watching);
        var (networked, whyNotNetworked) = ReusePolicy.Decide((Plain with { Network = "infratests-bind-1" }).ReuseWish(), watching);

        copy.Should().BeNull();
        whyNotCopy.Should().Be("not kept for reuse (DOTNET_WATCH=1): /tmp/infratests-tree-x is a scratch copy deleted after its test");
        networked.Should().BeNull();
        whyNotNetworked.Should().Be("not kept for reuse (DOTNET_WATCH=1): it joins network infratests-bind-1, which ends with its test");
    }

    [Fact]
    public void A_scratch_copy_handed_over_as_a_service_root_is_not_kept_either()
    {
        using var copy = WorkingTree.CopyOf(Rbldnsd.Path);
        var configuration = new ServiceConfiguration { Root = ServiceRoot.Find(copy.Path), TreePath = copy.Path };

        ReusePolicy.Decide(configuration.ReuseWish(), Environment(("DOTNET_WATCH", "1"))).Policy.Should().BeNull("the copy is deleted after its test");
        copy.Dispose();
        WorkingTree.IsScratchCopy(copy.Path).Should().BeFalse();
    }

    [Fact]
    public void Dotnet_watch_counts_in_test_processes_only()
    {
        // An `infratests` command a test starts inherits DOTNET_WATCH=1; it keeps nothing unless INFRATESTS_REUSE=1 says so.
        ReusePolicy.Decide(Plain.ReuseWish(), Environment(("DOTNET_WATCH", "1")), testProcess: false).Policy.Should().BeNull();
        ReusePolicy.Decide(Plain.ReuseWish(), Environment(("DOTNET_WATCH", "1"), ("INFRATESTS_REUSE", "1")), testProcess: false).Policy.Should().NotBeNull();
    }

    [Fact]
    public void One_shot_runs_are_never_kept()
    {
        ReusePolicy.Decide((Plain with { Reuse = true, Command = "/service/bin/test.sh" }).ReuseWish(), Environment()).Policy.Should().BeNull();
    }

    [Fact]
    public void Idle_expiry_comes_from_the_builder_then_the_environment_then_the_default()
    {
        var environment = Environment(("INFRATESTS_REUSE", "1"), ("INFRATESTS_REUSE_IDLE", "120"));

        ReusePolicy.Decide(Plain.ReuseWish(), environment).Policy!.Idle.Should().Be(TimeSpan.FromSeconds(120));
        ReusePolicy.Decide((Plain with { Reuse = true, ReuseIdle = TimeSpan.FromSeconds(5) }).ReuseWish(), environment).Policy!.Idle.Should().Be(TimeSpan.FromSeconds(5));
        ReusePolicy.Decide((Plain with { Reuse = true }).ReuseWish(), Environment()).Policy!.Idle.Should().Be(TimeSpan.FromMinutes(15));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1.5")]
    public void Bad_idle_expiry_fails_in_one_line(string value)
    {
        var decide = () => ReusePolicy.Decide((Plain with { Reuse = true }).ReuseWish(), Environment(("INFRATESTS_REUSE_IDLE", value)));

        decide.Should().Throw<InfraTestsException>().WithMessage($"INFRATESTS_REUSE_IDLE={value}: give how long a reused container may go unused, in whole seconds (e.g. 900 for 15 min).");
    }

    [Fact]
    public void Builder_refuses_a_non_positive_idle_time()
    {
        var builder = ServiceBuilder.For(Plain.Root);

        builder.WithReuse(TimeSpan.Zero).Invoking(b => b.Build()).Should().Throw<InfraTestsException>()
            .WithMessage("WithReuse(00:00:00): the idle time of a reused container must be positive.");
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();
}
