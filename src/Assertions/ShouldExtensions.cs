using InfraTests.Assertions.Blocklists;
using InfraTests.Assertions.Validation;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Services;

namespace InfraTests.Assertions;

/// <summary>The <c>Should()</c> entry points for InfraTests' subjects.</summary>
public static class ShouldExtensions
{
    /// <summary>Assertions on what a blocklist said about a host or address.</summary>
    public static BlocklistAnswerAssertions Should(this BlocklistAnswer answer) => new(answer);

    /// <summary>Assertions on the image's validation or test mode.</summary>
    public static ValidationResultAssertions Should(this ValidationResult result) => new(result);
}
