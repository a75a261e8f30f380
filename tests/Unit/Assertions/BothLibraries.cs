namespace InfraTests.Unit.Assertions;

/// <summary>
/// One assertion written once for each adapter, InfraTests.Assertions (FluentAssertions 7) and InfraTests.AwesomeAssertions
/// (AwesomeAssertions 9): both must fail with the same message, or both pass. The message tests run through it, so a
/// sentence is proven to read the same in either library.
/// </summary>
internal static class BothLibraries
{
    /// <summary>The message both fail with; fails the test when either passes or the two messages differ.</summary>
    public static string Failure(Action fluentAssertions7, Action awesomeAssertions9)
    {
        var fluent = MessageOf(fluentAssertions7, "FluentAssertions 7");
        var awesome = MessageOf(awesomeAssertions9, "AwesomeAssertions 9");
        if (!string.Equals(fluent, awesome, StringComparison.Ordinal))
        {
            Assert.Fail($"The two adapters fail differently.{Environment.NewLine}FluentAssertions 7:{Environment.NewLine}{fluent}{Environment.NewLine}AwesomeAssertions 9:{Environment.NewLine}{awesome}");
        }

        return fluent;
    }

    /// <summary>Runs both; each throws its library's failure if it does not pass.</summary>
    public static void Pass(Action fluentAssertions7, Action awesomeAssertions9)
    {
        fluentAssertions7();
        awesomeAssertions9();
    }

    private static string MessageOf(Action assertion, string library)
    {
        try
        {
            assertion();
        }
        catch (Exception exception) when (exception is not ArgumentException)
        {
            return exception.Message;
        }

        Assert.Fail($"Expected the {library} assertion to fail, but it passed.");
        return string.Empty;
    }
}
