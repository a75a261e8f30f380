using FluentAssertions;
using InfraTests.Docs.Checking;

namespace InfraTests.Docs;

/// <summary><see cref="UpdateRequest"/>: docs are written only when asked, and never under CI.</summary>
public sealed class UpdateRequestTests
{
    [Theory]
    [InlineData("1")]
    [InlineData("true")]
    public void Asked_on_a_developer_machine_the_update_is_allowed(string value)
    {
        var request = UpdateRequest.From(Environment(("INFRATESTS_UPDATE_DOCS", value)));

        request.Allowed.Should().BeTrue();
        request.Refusal.Should().BeNull();
    }

    [Fact]
    public void Not_asked_there_is_no_update_and_nothing_to_refuse()
    {
        var request = UpdateRequest.From(Environment(("CI", "true")));

        request.Allowed.Should().BeFalse();
        request.Refusal.Should().BeNull();
    }

    [Theory]
    [InlineData("CI", "true")]
    [InlineData("GITHUB_ACTIONS", "true")]
    [InlineData("TF_BUILD", "True")]
    public void Asked_under_CI_the_update_is_refused_naming_the_variable(string variable, string value)
    {
        var request = UpdateRequest.From(Environment(("INFRATESTS_UPDATE_DOCS", "1"), (variable, value)));

        request.Allowed.Should().BeFalse();
        request.Refusal.Should().Be($"INFRATESTS_UPDATE_DOCS is set, but {variable} says this is a CI run: nothing was written. Run the update on your machine and commit the docs.");
    }

    [Fact]
    public void CI_set_to_false_is_a_developer_machine()
    {
        UpdateRequest.From(Environment(("INFRATESTS_UPDATE_DOCS", "1"), ("CI", "false"))).Allowed.Should().BeTrue();
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables)
    {
        var values = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => values.GetValueOrDefault(name);
    }
}
