using System.Diagnostics;
using System.Globalization;
using FluentAssertions;
using InfraTests.Harness.Engine;

namespace InfraTests.Unit.Engine;

/// <summary><see cref="OrphanSweep.IsOrphan"/>: only resources of a gone process on this host are leftovers.</summary>
public sealed class OrphanSweepTests
{
    [Fact]
    public void Resource_without_labels_is_not_an_orphan()
    {
        OrphanSweep.IsOrphan(null).Should().BeFalse();
        OrphanSweep.IsOrphan(new Dictionary<string, string> { [ResourceLabels.Owner] = "true" }).Should().BeFalse("there is no process label");
    }

    [Fact]
    public void Resource_of_another_host_is_not_an_orphan()
    {
        OrphanSweep.IsOrphan(Labels($"not-{Environment.MachineName}:1")).Should().BeFalse("its process cannot be checked from here");
    }

    [Fact]
    public void Resource_of_this_process_is_not_an_orphan()
    {
        OrphanSweep.IsOrphan(new Dictionary<string, string>(ResourceLabels.For("x"))).Should().BeFalse();
    }

    [Fact]
    public void Resource_of_an_exited_process_is_an_orphan()
    {
        int pid;
        using (var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!)
        {
            process.WaitForExit();
            pid = process.Id;
        }

        OrphanSweep.IsOrphan(Labels($"{Environment.MachineName}:{pid}")).Should().BeTrue();
    }

    [Fact]
    public void Resource_whose_pid_was_recycled_is_an_orphan()
    {
        var labels = new Dictionary<string, string>(ResourceLabels.For("x"));
        labels[ResourceLabels.ProcessStarted] = (ProcessIdentity.StartSeconds - 1000).ToString(CultureInfo.InvariantCulture);

        OrphanSweep.IsOrphan(labels).Should().BeTrue("our pid now belongs to a process that started 1000 s later");
    }

    private static Dictionary<string, string> Labels(string process) => new()
    {
        [ResourceLabels.Owner] = "true",
        [ResourceLabels.Process] = process,
    };
}
