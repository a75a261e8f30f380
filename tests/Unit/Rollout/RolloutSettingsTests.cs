using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Rollout;

namespace InfraTests.Unit.Rollout;

/// <summary>Pacing a rollout cannot use is refused in one line before anything runs.</summary>
public sealed class RolloutSettingsTests
{
    [Theory]
    [InlineData(0, 0, 60, "batch size 0: give 1 or more targets per batch.")]
    [InlineData(-2, 0, 60, "batch size -2: give 1 or more targets per batch.")]
    [InlineData(1, 0, 0, "step timeout must be longer than 0 s.")]
    [InlineData(1, 0, -5, "step timeout must be longer than 0 s.")]
    [InlineData(1, -1, 60, "the pause between batches cannot be negative.")]
    public void Unusable_settings_are_refused_in_one_line(int batchSize, int pauseSeconds, int stepTimeoutSeconds, string message)
    {
        var settings = new RolloutSettings(batchSize, TimeSpan.FromSeconds(pauseSeconds), TimeSpan.FromSeconds(stepTimeoutSeconds));

        settings.Invoking(s => s.Checked()).Should().Throw<InfraTestsException>().Which.Message.Should().Be(message);
    }

    [Fact]
    public void The_default_one_at_a_time_without_pause_passes_unchanged()
    {
        RolloutSettings.Default.Checked().Should().BeSameAs(RolloutSettings.Default);
        RolloutSettings.Default.Should().Be(new RolloutSettings(1, TimeSpan.Zero, TimeSpan.FromSeconds(60)));
    }
}
