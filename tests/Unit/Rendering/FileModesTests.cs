using FluentAssertions;
using InfraTests.Harness.Rendering;

namespace InfraTests.Unit.Rendering;

/// <summary><see cref="FileModes"/>: octal permission modes as a specification writes them.</summary>
public sealed class FileModesTests
{
    [Theory]
    [InlineData("644", 0b110_100_100)]
    [InlineData("0644", 0b110_100_100)]
    [InlineData("0o644", 0b110_100_100)]
    [InlineData("0O640", 0b110_100_000)]
    [InlineData("600", 0b110_000_000)]
    [InlineData("755", 0b111_101_101)]
    [InlineData("0777", 0b111_111_111)]
    [InlineData("000", 0)]
    public void Octal_permissions_are_read(string text, int expected)
    {
        FileModes.Parse(text).Should().Be((UnixFileMode)expected);
    }

    [Theory]
    [InlineData("7777")]
    [InlineData("4755")]
    [InlineData("1777")]
    [InlineData("648")]
    [InlineData("64")]
    [InlineData("06444")]
    [InlineData("rw-r--r--")]
    [InlineData("0x1a4")]
    [InlineData("")]
    [InlineData(" 644")]
    [InlineData("-644")]
    public void Anything_but_three_or_four_octal_permission_digits_is_refused(string text)
    {
        FileModes.Parse(text).Should().BeNull();
    }

    [Theory]
    [InlineData(0b110_100_100, "644")]
    [InlineData(0b110_000_000, "600")]
    [InlineData(0b000_000_100, "004")]
    public void Modes_are_formatted_as_three_octal_digits(int mode, string expected)
    {
        FileModes.Format((UnixFileMode)mode).Should().Be(expected);
    }
}
