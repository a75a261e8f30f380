using System.Diagnostics;
using System.Globalization;
using FluentAssertions;
using InfraTests.Harness.Engine;

namespace InfraTests.Unit.Engine;

/// <summary>
/// <see cref="OrphanSweep.IsOrphan(IDictionary{string, string}?)"/>: only resources of a provably gone process are leftovers:
/// this host, this boot, this PID namespace, and a <c>/proc</c> that hides nothing. Cannot tell is alive.
/// </summary>
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

    [Fact]
    public void Dead_pid_of_another_pid_namespace_is_not_an_orphan()
    {
        var labels = Labels($"{Environment.MachineName}:{GonePid()}");
        labels[ResourceLabels.PidNamespace] = "pid:[1]";

        OrphanSweep.IsOrphan(labels).Should().BeFalse("a CI job in a container with our host name has pids of its own: its pid missing here proves nothing");
    }

    [Fact]
    public void Dead_pid_of_another_boot_is_not_an_orphan()
    {
        var labels = Labels($"{Environment.MachineName}:{GonePid()}");
        labels[ResourceLabels.BootId] = Guid.NewGuid().ToString();

        OrphanSweep.IsOrphan(labels).Should().BeFalse("another machine with our host name, or this one before a reboot: cannot tell which, so alive");
    }

    [Fact]
    public void Resource_of_an_older_version_without_boot_and_namespace_is_not_an_orphan()
    {
        var labels = new Dictionary<string, string> { [ResourceLabels.Owner] = "true", [ResourceLabels.Process] = $"{Environment.MachineName}:{GonePid()}" };

        OrphanSweep.IsOrphan(labels).Should().BeFalse("without its boot and PID namespace its pid proves nothing");
    }

    [Fact]
    public void Dead_pid_behind_a_hidden_process_table_is_not_an_orphan()
    {
        var hidden = LocalView.Here with { SeesEveryProcess = false };

        OrphanSweep.IsOrphan(Labels($"{Environment.MachineName}:{GonePid()}"), hidden).Should().BeFalse("with /proc mounted hidepid another user's live process is missing from it too");
    }

    [Theory]
    [InlineData("22 27 0:21 / /proc rw,relatime - proc proc rw", false, true)]
    [InlineData("22 27 0:21 / /proc rw,relatime - proc proc rw,hidepid=2", false, false)]
    [InlineData("22 27 0:21 / /proc rw,relatime - proc proc rw,hidepid=invisible,gid=10", false, false)]
    [InlineData("22 27 0:21 / /proc rw,relatime - proc proc rw,hidepid=0", false, true)]
    [InlineData("22 27 0:21 / /proc rw,relatime - proc proc rw,hidepid=2", true, true)]
    [InlineData("25 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw", false, false)]
    public void Process_table_shows_every_process_unless_hidepid_hides_them(string mountInfo, bool root, bool shows)
    {
        ProcessTable.ShowsEveryProcess(mountInfo, root).Should().Be(shows, "/proc is mounted as: {0} (root: {1})", mountInfo, root);
    }

    private static int GonePid()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }

    // Labels as this version writes them, naming this boot and PID namespace.
    private static Dictionary<string, string> Labels(string process) => new()
    {
        [ResourceLabels.Owner] = "true",
        [ResourceLabels.Process] = process,
        [ResourceLabels.BootId] = ProcessIdentity.BootId,
        [ResourceLabels.PidNamespace] = ProcessIdentity.PidNamespace,
    };
}
