using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using InfraTests.Harness.Engine;

namespace InfraTests.Harness.Reuse;

/// <summary>
/// What decides what a reused container serves, hashed: SHA-256 over a canonical text of the image digest, the mounts, the
/// published ports, the container environment, network and command, the image's whole contract ENV, the service
/// description (path and bytes), our own container layout and the user it is kept for. Same inputs give the same key in
/// every process; any change gives another. The slot (user, service, tree and tag role: what the caller asked for) says
/// which container a new key replaces. Each user has keys and slots of their own, as their state lives in their own folder:
/// one user's run never finds, replaces or removes another user's container.
/// </summary>
internal sealed record ReuseKey
{
    /// <summary>Bumped whenever the way InfraTests creates containers changes, so an older layout is never reused.</summary>
    public const string Layout = "2";

    /// <summary>The parts, in canonical order, and the words a replacement uses when one changed.</summary>
    public static readonly IReadOnlyList<(string Name, string Change)> PartNames =
    [
        ("image", "image digest changed"),
        ("mounts", "mounts changed"),
        ("ports", "published ports changed"),
        ("environment", "container environment changed"),
        ("network", "network changed"),
        ("command", "command changed"),
        ("contract", "image contract changed"),
        ("description", "service description changed"),
        ("layout", "InfraTests' container layout changed"),
    ];

    private ReuseKey(string value, string slot, IReadOnlyDictionary<string, string> parts, string canonical)
    {
        Value = value;
        Slot = slot;
        Parts = parts;
        Canonical = canonical;
    }

    /// <summary>The key: 64 hex digits.</summary>
    public string Value { get; }

    /// <summary>The slot: 16 hex digits of the SHA-256 of user, service name, tree path and tag role.</summary>
    public string Slot { get; }

    /// <summary>Each part's own hash (12 hex digits), by part name.</summary>
    public IReadOnlyDictionary<string, string> Parts { get; }

    /// <summary>The text hashed into <see cref="Value"/>: one <c>name=value</c> line per part, values JSON-quoted.</summary>
    public string Canonical { get; }

    /// <summary>The parts as the label carries them: <c>image=1a2b3c4d5e6f,mounts=…</c>.</summary>
    public string PartsLabel => string.Join(',', PartNames.Select(p => $"{p.Name}={Parts[p.Name]}"));

    /// <summary>The deterministic container name: one container per key on an engine, so a concurrent creator gets a conflict.</summary>
    public string ContainerName(string service) =>
        $"infratests-reuse-{new string(service.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? char.ToLowerInvariant(c) : '-').ToArray())}-{Value[..16]}";

    /// <summary>The key from its inputs alone (<paramref name="user"/>: whom it is kept for): no clock, no randomness, no per-process hash seed.</summary>
    public static ReuseKey Compute(ContainerSpec spec, IReadOnlyDictionary<string, string> contractEnvironment, string service, string descriptionPath, ReadOnlySpan<byte> descriptionBytes, string tree, string role, string user)
    {
        var parts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // The role is part of the slot; in the key too, so that one key never belongs to two slots.
            ["image"] = $"{spec.Image} as {role}",
            ["mounts"] = spec.MountSource is null ? "none" : $"bind {Quote(spec.MountSource)} {Quote(spec.MountTarget ?? string.Empty)} {spec.MountMode}",
            ["ports"] = string.Join(' ', spec.PublishedPorts.Select(p => $"127.0.0.1:{p}")),
            ["environment"] = Lines(spec.Environment),
            ["network"] = spec.Network is null ? "none" : $"{Quote(spec.Network)} aliases {string.Join(' ', spec.NetworkAliases.Select(Quote))}",
            ["command"] = spec.Command is null ? "image default" : string.Join(' ', spec.Command.Select(Quote)),
            ["contract"] = Lines(contractEnvironment),
            ["description"] = $"{Quote(descriptionPath)} sha256:{Convert.ToHexStringLower(SHA256.HashData(descriptionBytes))}",
            ["layout"] = $"{Layout} for user {user}",
        };
        var canonical = new StringBuilder();
        foreach (var (name, _) in PartNames)
        {
            canonical.Append(name).Append('=').Append(Quote(parts[name])).Append('\n');
        }

        var text = canonical.ToString();
        return new ReuseKey(
            Hash(text),
            Hash($"slot\n{Quote(user)}\n{Quote(service)}\n{Quote(tree)}\n{Quote(role)}\n")[..16],
            parts.ToDictionary(p => p.Key, p => Hash($"{p.Key}={Quote(p.Value)}\n")[..12], StringComparer.Ordinal),
            text);
    }

    /// <summary>
    /// What differs between this key and the one a container's <see cref="PartsLabel"/> describes, in words: "image digest
    /// changed, mounts changed". Never empty: an unreadable label was made by another InfraTests version.
    /// </summary>
    public string DescribeChangesFrom(string? partsLabel)
    {
        var old = (partsLabel ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (PartNames.Any(p => !old.ContainsKey(p.Name)))
        {
            return "it was made by another InfraTests version";
        }

        var changes = PartNames.Where(p => old[p.Name] != Parts[p.Name]).Select(p => p.Change).ToList();
        return changes.Count == 0 ? "its key differs" : string.Join(", ", changes);
    }

    private static string Lines(IReadOnlyDictionary<string, string> variables) =>
        string.Join('\n', variables.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}"));

    // JSON quoting keeps every value on one line and makes "a b" and "a" "b" different texts.
    private static string Quote(string value) => JsonSerializer.Serialize(value);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
