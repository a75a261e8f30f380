using System.Text;
using FluentAssertions;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Reuse;
using InfraTests.Harness.Services;

namespace InfraTests.Unit.Services;

/// <summary>
/// <see cref="ReuseKey"/>: a reused container is found by a hash of everything that decides what it serves, so every input
/// changes the key, equal inputs give the same key in any process, and a replacement can say what changed.
/// </summary>
public sealed class ReuseKeyTests
{
    private const string Digest = "sha256:41b24908b6d8d0d2aff58757d1fc96d17988abc1cd47a8695fb145287e30a6ea";

    private static readonly ContainerSpec Spec = new()
    {
        Image = $"127.0.0.1:5000/samples/rbldnsd@{Digest}",
        Environment = new Dictionary<string, string> { ["SERVICE_ROLE"] = "master", ["TZ"] = "UTC" },
        MountSource = "/home/op/rbl",
        MountTarget = "/service",
        PublishedPorts = ["53/udp"],
    };

    private static readonly Dictionary<string, string> Contract = new()
    {
        ["SERVICE_ROOT"] = "/service",
        ["UPDATE_METHOD"] = "/service/bin/update.sh",
        ["VALIDATE_METHOD"] = "/service/bin/validate.sh",
    };

    private static readonly byte[] Description = Encoding.UTF8.GetBytes("image: 127.0.0.1:5000/samples/rbldnsd\ntags:\n  production: stable\n");

    public static TheoryData<string, string> Changes => new()
    {
        { "image digest", "image digest changed" },
        { "image repository", "image digest changed" },
        { "mount source", "mounts changed" },
        { "mount target", "mounts changed" },
        { "writable mount", "mounts changed" },
        { "baked data", "mounts changed" },
        { "published ports", "published ports changed" },
        { "environment value", "container environment changed" },
        { "environment variable added", "container environment changed" },
        { "network", "network changed" },
        { "network alias", "network changed" },
        { "command", "command changed" },
        { "contract ENV value", "image contract changed" },
        { "contract ENV added", "image contract changed" },
        { "description bytes", "service description changed" },
        { "description path", "service description changed" },
    };

    [Fact]
    public void Same_inputs_give_the_same_key()
    {
        var first = Key();
        var second = Key(spec: Spec with { Environment = new Dictionary<string, string>(Spec.Environment.Reverse()) });

        second.Value.Should().Be(first.Value, "the order variables were set in does not change what the container serves");
        second.Slot.Should().Be(first.Slot);
        second.PartsLabel.Should().Be(first.PartsLabel);
    }

    [Fact]
    public void Key_is_the_same_in_every_process()
    {
        // Fixed values, computed outside .NET (sha256sum of the canonical text below): a per-process hash seed
        // (string.GetHashCode) or a clock would break them, and so would any change to the canonical text, which must then
        // bump ReuseKey.Layout so that containers of the older layout are replaced rather than reused.
        var key = Key();

        key.Value.Should().Be("8ff8433def2eb5d525ba5319a439d44d068a49b00e4aa80cd9b70f3c89546836", "the canonical text is:\n{0}", key.Canonical);
        key.Slot.Should().Be("e8b34f112f16d39e");
    }

    [Fact]
    public void Canonical_text_names_every_part_once_in_order()
    {
        var lines = Key().Canonical.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        lines.Select(l => l[..l.IndexOf('=', StringComparison.Ordinal)]).Should().Equal(ReuseKey.PartNames.Select(p => p.Name));
        lines[0].Should().Be($"image=\"127.0.0.1:5000/samples/rbldnsd@{Digest} as production\"", "the key holds the digest the tag resolved to, never the tag");
        lines[1].Should().Contain("/home/op/rbl").And.Contain("/service").And.EndWith(" ro\"");
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public void Every_input_changes_the_key_and_the_change_is_named(string change, string words)
    {
        var original = Key();

        var changed = Changed(change);

        changed.Value.Should().NotBe(original.Value, "{0} decides what the container serves", change);
        changed.DescribeChangesFrom(original.PartsLabel).Should().Be(words);
        changed.Slot.Should().Be(original.Slot, "the same service, tree and tag role: the new container replaces the old");
    }

    [Fact]
    public void Another_tree_service_or_tag_role_is_another_slot_and_another_key()
    {
        var original = Key();

        foreach (var other in new[] { Key(tree: "/home/op/other"), Key(service: "bind"), Key(role: "previous") })
        {
            other.Slot.Should().NotBe(original.Slot, "each is kept beside the others, none replaces another");
        }

        Key(role: "previous").Value.Should().NotBe(original.Value, "one key never belongs to two slots");
    }

    [Fact]
    public void Another_user_has_another_slot_and_another_key()
    {
        var mine = Key(user: "1000");
        var theirs = Key(user: "1001");

        theirs.Slot.Should().NotBe(mine.Slot, "each user's state is in their own folder, so one user's run must never replace another's container");
        theirs.Value.Should().NotBe(mine.Value, "one user's run must never find and lease another user's container");
        theirs.ContainerName("rbldnsd").Should().NotBe(mine.ContainerName("rbldnsd"));
    }

    [Fact]
    public void A_label_from_another_version_is_said_so()
    {
        Key().DescribeChangesFrom(null).Should().Be("it was made by another InfraTests version");
        Key().DescribeChangesFrom("image=000000000000").Should().Be("it was made by another InfraTests version");
    }

    [Fact]
    public void Container_name_is_derived_from_the_key_and_valid_for_the_engine()
    {
        var key = Key();

        key.ContainerName("rbldnsd").Should().Be($"infratests-reuse-rbldnsd-{key.Value[..16]}");
        key.ContainerName("My Service/x").Should().MatchRegex("^infratests-reuse-my-service-x-[0-9a-f]{16}$");
    }

    private static ReuseKey Changed(string change) => change switch
    {
        "image digest" => Key(spec: Spec with { Image = Spec.Image.Replace("41b2", "41b3", StringComparison.Ordinal) }),
        "image repository" => Key(spec: Spec with { Image = Spec.Image.Replace("samples/", "other/", StringComparison.Ordinal) }),
        "mount source" => Key(spec: Spec with { MountSource = "/home/op/rbl2" }),
        "mount target" => Key(spec: Spec with { MountTarget = "/srv" }),
        "writable mount" => Key(spec: Spec with { MountReadOnly = false }),
        "baked data" => Key(spec: Spec with { MountSource = null, MountTarget = null }),
        "published ports" => Key(spec: Spec with { PublishedPorts = ["53/udp", "53/tcp"] }),
        "environment value" => Key(spec: Spec with { Environment = new Dictionary<string, string>(Spec.Environment) { ["SERVICE_ROLE"] = "slave" } }),
        "environment variable added" => Key(spec: Spec with { Environment = new Dictionary<string, string>(Spec.Environment) { ["EXTRA"] = string.Empty } }),
        "network" => Key(spec: Spec with { Network = "infratests-net" }),
        "network alias" => Key(spec: Spec with { Network = "infratests-net", NetworkAliases = ["ns1"] }),
        "command" => Key(spec: Spec with { Command = ["/service/bin/test.sh"] }),
        "contract ENV value" => Key(contract: new Dictionary<string, string>(Contract) { ["UPDATE_METHOD"] = "/service/bin/reload.sh" }),
        "contract ENV added" => Key(contract: new Dictionary<string, string>(Contract) { ["READY_METHOD"] = "/service/bin/ready.sh" }),
        "description bytes" => Key(description: Encoding.UTF8.GetBytes("image: 127.0.0.1:5000/samples/rbldnsd\ntags:\n  production: stable2\n")),
        "description path" => Key(descriptionPath: "/home/op/other/infratests.yaml"),
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, "no such change"),
    };

    private static ReuseKey Key(
        ContainerSpec? spec = null,
        IReadOnlyDictionary<string, string>? contract = null,
        string service = "rbldnsd",
        string descriptionPath = "/home/op/rbl/infratests.yaml",
        byte[]? description = null,
        string tree = "/home/op/rbl",
        string role = "production",
        string user = "1000") =>
        ReuseKey.Compute(spec ?? Spec, contract ?? Contract, service, descriptionPath, description ?? Description, tree, role, user);
}
