using System.Globalization;

namespace InfraTests.Harness.Reuse;

/// <summary>
/// Whether a start keeps its container for the next run, and for how long unused. Asked for with
/// <c>ServiceBuilder.WithReuse()</c>; otherwise on under <c>dotnet watch test</c> (the SDK sets <c>DOTNET_WATCH=1</c>;
/// honoured in test processes only, not in an <c>infratests</c> command a test starts) or with <c>INFRATESTS_REUSE=1</c>,
/// for the containers worth keeping: not a scratch copy deleted after its test, not one on a network the test removes,
/// never a one-shot run. <c>INFRATESTS_REUSE=0</c> turns it off under watch too.
/// </summary>
/// <param name="Idle">How long the container may go unused before it removes itself.</param>
/// <param name="Source">Who asked: <c>WithReuse()</c>, <c>DOTNET_WATCH=1</c> or <c>INFRATESTS_REUSE=1</c>.</param>
internal sealed record ReusePolicy(TimeSpan Idle, string Source)
{
    /// <summary>Unused this long, a reused container is removed, unless <c>INFRATESTS_REUSE_IDLE</c> or the builder says otherwise.</summary>
    public static readonly TimeSpan DefaultIdle = TimeSpan.FromMinutes(15);

    /// <summary>The variable that turns reuse on (<c>1</c>, <c>true</c>) or off (<c>0</c>, <c>false</c>) for every start.</summary>
    public const string ReuseVariable = "INFRATESTS_REUSE";

    /// <summary>The variable giving the idle expiry in seconds.</summary>
    public const string IdleVariable = "INFRATESTS_REUSE_IDLE";

    /// <summary>
    /// The policy for <paramref name="wish"/> under the environment <paramref name="variable"/> reads, or null with why not
    /// when reuse is on but this container is not worth keeping (null, null when reuse is simply off).
    /// </summary>
    public static (ReusePolicy? Policy, string? NotKept) Decide(ReuseWish wish, Func<string, string?> variable) =>
        Decide(wish, variable, IsTestProcess.Value);

    /// <summary>As <see cref="Decide(ReuseWish, Func{string, string?})"/>, saying whether this process runs tests (only there does <c>DOTNET_WATCH</c> count).</summary>
    public static (ReusePolicy? Policy, string? NotKept) Decide(ReuseWish wish, Func<string, string?> variable, bool testProcess)
    {
        ArgumentNullException.ThrowIfNull(wish);
        if (wish.OneShot || wish.Asked == false)
        {
            return (null, null);
        }

        var idle = wish.Idle ?? IdleFrom(variable(IdleVariable)) ?? DefaultIdle;
        if (wish.Asked == true)
        {
            return (new ReusePolicy(idle, "WithReuse()"), null);
        }

        var asked = variable(ReuseVariable)?.Trim().ToLowerInvariant();
        string? source = asked switch
        {
            "1" or "true" or "yes" or "on" => $"{ReuseVariable}={variable(ReuseVariable)}",
            "0" or "false" or "no" or "off" => null,
            _ when testProcess && variable("DOTNET_WATCH") == "1" => "DOTNET_WATCH=1",
            _ => null,
        };
        if (source is null)
        {
            return (null, null);
        }

        return wish.NotWorthKeeping is { } why ? (null, $"not kept for reuse ({source}): {why}") : (new ReusePolicy(idle, source), null);
    }

    // A test process's entry assembly references a test framework (xunit, NUnit, MSTest, or the testing platform's host);
    // the infratests command's does not.
    private static readonly Lazy<bool> IsTestProcess = new(() =>
        System.Reflection.Assembly.GetEntryAssembly()?.GetReferencedAssemblies().Any(a => a.Name is { } name
            && (name.StartsWith("xunit", StringComparison.OrdinalIgnoreCase) || name.StartsWith("nunit", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("Microsoft.VisualStudio.TestPlatform", StringComparison.Ordinal) || name.StartsWith("Microsoft.Testing.Platform", StringComparison.Ordinal)
                || name.StartsWith("Microsoft.TestPlatform", StringComparison.Ordinal) || name == "testhost")) ?? false);

    /// <summary>The idle expiry from <c>INFRATESTS_REUSE_IDLE</c> (seconds), null when unset; a bad value fails in one line.</summary>
    public static TimeSpan? IdleFrom(string? seconds)
    {
        if (string.IsNullOrWhiteSpace(seconds))
        {
            return null;
        }

        if (!int.TryParse(seconds.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            throw new InfraTestsException($"{IdleVariable}={seconds}: give how long a reused container may go unused, in whole seconds (e.g. 900 for 15 min).");
        }

        return TimeSpan.FromSeconds(value);
    }
}
