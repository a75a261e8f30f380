using System.Text;

namespace InfraTests.Harness.Images;

/// <summary>
/// A registry's <c>WWW-Authenticate</c> challenge (RFC 7235): <c>Basic realm="…"</c>, or <c>Bearer realm="…",service="…",scope="…"</c>,
/// which sends the client to a token service first, as the Docker Registry token protocol has it.
/// </summary>
/// <param name="Scheme">The scheme as written, e.g. <c>Bearer</c>.</param>
/// <param name="Parameters">The parameters by lower-case name, values unquoted.</param>
internal sealed record RegistryChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>True for <c>Bearer</c>: a token from <see cref="Realm"/> is wanted.</summary>
    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for <c>Basic</c>: the user and password are wanted on every request.</summary>
    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    /// <summary>Where to ask for a token (Bearer), or the realm's name (Basic).</summary>
    public string? Realm => Parameters.GetValueOrDefault("realm");

    /// <summary>The service the token is for, e.g. <c>registry.docker.io</c>.</summary>
    public string? Service => Parameters.GetValueOrDefault("service");

    /// <summary>The access the token must grant, e.g. <c>repository:samples/rbldnsd:pull</c>.</summary>
    public string? Scope => Parameters.GetValueOrDefault("scope");

    /// <summary>Reads one challenge: a scheme, then <c>name=value</c> or <c>name="quoted, value"</c> pairs; null when there is no scheme.</summary>
    public static RegistryChallenge? Parse(string? header)
    {
        var text = (header ?? string.Empty).Trim();
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space < 0 ? text : text[..space];
        if (scheme.Length == 0 || scheme.Contains('=', StringComparison.Ordinal))
        {
            return null;
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = space < 0 ? text.Length : space + 1;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
            {
                i++;
            }

            var equals = text.IndexOf('=', i);
            if (equals < 0)
            {
                break;
            }

            var name = text[i..equals].Trim().ToLowerInvariant();
            var (value, next) = ValueAt(text, equals + 1);
            parameters[name] = value;
            i = next;
        }

        return new RegistryChallenge(scheme, parameters);
    }

    // A quoted string may hold commas and backslash escapes (scope="repository:a:pull,push"); a token ends at a comma.
    private static (string Value, int Next) ValueAt(string text, int i)
    {
        if (i < text.Length && text[i] == '"')
        {
            var value = new StringBuilder();
            for (i++; i < text.Length && text[i] != '"'; i++)
            {
                value.Append(text[i] == '\\' && i + 1 < text.Length ? text[++i] : text[i]);
            }

            return (value.ToString(), i + 1);
        }

        var comma = text.IndexOf(',', i);
        var end = comma < 0 ? text.Length : comma;
        return (text[i..end].Trim(), end);
    }
}
