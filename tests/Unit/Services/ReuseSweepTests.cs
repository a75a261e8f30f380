using System.Diagnostics;
using FluentAssertions;
using InfraTests.Harness.Engine;

namespace InfraTests.Unit.Services;

/// <summary>The leftover sweep leaves a container kept for reuse to its own expiry, even when the process that made it is gone.</summary>
public sealed class ReuseSweepTests
{
    [Fact]
    public void Reused_container_of_an_exited_process_is_not_an_orphan()
    {
        int pid;
        using (var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!)
        {
            process.WaitForExit();
            pid = process.Id;
        }

        var labels = new Dictionary<string, string>(ResourceLabels.For("rbldnsd")) { [ResourceLabels.Process] = $"{Environment.MachineName}:{pid}" };
        OrphanSweep.IsOrphan(labels).Should().BeTrue("without the reuse label it is an ordinary leftover");

        labels[ResourceLabels.Reuse] = "true";

        OrphanSweep.IsOrphan(labels).Should().BeFalse("it is kept between runs on purpose; only its idle expiry removes it");
    }
}
