using FluentAssertions;

namespace InfraTests.Unit.Zones;

/// <summary>The message an assertion fails with, to compare with the sentence we promise.</summary>
internal static class FailureMessage
{
    public static string Of(Action assertion) => assertion.Should().Throw<Exception>().Which.Message;
}
