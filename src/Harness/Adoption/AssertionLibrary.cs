namespace InfraTests.Harness.Adoption;

/// <summary>The assertion library a new test project is written on, and so which InfraTests assertions package it takes.</summary>
public enum AssertionLibrary
{
    /// <summary>FluentAssertions 7 (Apache-2.0) through <c>InfraTests.Assertions</c>: the default.</summary>
    FluentAssertions,

    /// <summary>AwesomeAssertions 9 through <c>InfraTests.AwesomeAssertions</c>: for repos whose tests already use it.</summary>
    AwesomeAssertions,
}
