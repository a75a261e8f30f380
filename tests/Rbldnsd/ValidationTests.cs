using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Harness.Services;

namespace InfraTests.Rbldnsd;

/// <summary>The image's own validation (VALIDATE_METHOD, found by introspection) over the sample and over bad data.</summary>
public sealed class ValidationTests(RbldnsdService rbl)
{
    [Fact]
    public async Task The_sample_passes_the_images_own_validation()
    {
        rbl.Service.Image.Contract.ValidateMethod.Should().Be("/service/bin/validate.sh", "the method is read from the image's ENV");

        (await rbl.Service.RunValidationAsync(TestContext.Current.CancellationToken)).Should().Pass();
    }

    [Fact]
    public async Task Bad_zone_line_fails_validation_with_file_and_line()
    {
        using var tree = WorkingTree.CopyOf(RbldnsdService.Root.Path);
        var lines = tree.Read("zones/bl").Split('\n').ToList();
        var at = lines.FindIndex(l => l.StartsWith("spammer.example.net", StringComparison.Ordinal));

        // The seed write-up's `.host : text` form: rbldnsd reads the colon as the start of an A value and skips the line.
        lines.Insert(at, ".badly-written.example : spam from this host");
        tree.Write("zones/bl", string.Join('\n', lines));
        await using var service = await RbldnsdService.StartWithAsync(tree);

        var result = await service.RunValidationAsync(TestContext.Current.CancellationToken);

        result.Should().FailAt("zones/bl", at + 1).Which.Message.Should().NotBeNullOrWhiteSpace();
    }
}
