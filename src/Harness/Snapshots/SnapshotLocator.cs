using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using InfraTests.Harness;

namespace InfraTests.Harness.Snapshots;

/// <summary>
/// Names a snapshot the way Verify does, <c>{Type}.{Method}[_{name}={value}…]</c> beside the test file. The type is the
/// test class found on the call stack (the frame in the caller's source file), so that async tests, lambdas and local
/// functions still name their class; without such a frame it is the file's name.
/// </summary>
public static class SnapshotLocator
{
    private static readonly char[] NotInFileNames = ['"', '<', '>', '|', ':', '*', '?', '\\', '/'];

    /// <summary>
    /// Where the snapshot of the test calling from <paramref name="sourceFile"/>'s <paramref name="method"/> lives; call it
    /// before the test's first await, while its frame is on the stack (adapters take both from caller attributes).
    /// </summary>
    public static SnapshotLocation Locate(SnapshotSettings settings, string sourceFile, string method) =>
        Locate(settings, sourceFile, method, new StackTrace(fNeedFileInfo: true).GetFrames());

    internal static SnapshotLocation Locate(SnapshotSettings settings, string sourceFile, string method, IReadOnlyList<StackFrame> stack)
    {
        var directory = DirectoryOf(settings, sourceFile);
        if (settings.FileName is not null)
        {
            return new(directory, settings.FileName);
        }

        var caller = CallerMethod(stack, sourceFile, method);
        var type = settings.TypeName ?? (caller?.DeclaringType is { } declaring ? NameOf(UserType(declaring)) : Path.GetFileNameWithoutExtension(sourceFile));
        return new(directory, $"{type}.{settings.MethodName ?? method}{Parameters(settings, caller, method)}");
    }

    /// <summary>The declaring user type of a compiler-generated one: <c>&lt;M&gt;d__3</c>, <c>&lt;&gt;c</c>, display classes.</summary>
    internal static Type UserType(Type type)
    {
        while (type.DeclaringType is not null && IsCompilerGenerated(type))
        {
            type = type.DeclaringType;
        }

        return type;
    }

    private static string DirectoryOf(SnapshotSettings settings, string sourceFile)
    {
        var sourceDirectory = Path.GetDirectoryName(sourceFile);
        if (settings.Directory is not null)
        {
            return Path.GetFullPath(Path.Combine(sourceDirectory ?? Environment.CurrentDirectory, settings.Directory));
        }

        if (string.IsNullOrEmpty(sourceDirectory) || !System.IO.Directory.Exists(sourceDirectory))
        {
            throw new InfraTestsException(
                $"Cannot keep the snapshot beside the test file: its directory '{sourceDirectory}' does not exist here (a build with mapped source paths?); give one with SnapshotSettings.UseDirectory.");
        }

        return sourceDirectory;
    }

    // The innermost frame in the caller's file, or failing that (no symbols) the innermost one of the calling method.
    private static MethodBase? CallerMethod(IReadOnlyList<StackFrame> stack, string sourceFile, string method)
    {
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var inFile = stack.FirstOrDefault(f => f.GetMethod() is not null && string.Equals(f.GetFileName(), sourceFile, comparison));
        if (inFile is not null)
        {
            return inFile.GetMethod();
        }

        var own = typeof(SnapshotLocator).Assembly;
        return stack.Select(f => f.GetMethod()).FirstOrDefault(m => m?.DeclaringType is { } t && t.Assembly != own && TestMethod(m, method)?.Name == method);
    }

    // The test method itself, seen from its frame: a state machine's MoveNext or a lambda stands for the method it was written in.
    private static MethodBase? TestMethod(MethodBase frame, string method)
    {
        if (frame.DeclaringType is not { } declaring)
        {
            return null;
        }

        var methods = UserType(declaring).GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly);
        if (IsCompilerGenerated(declaring) && typeof(IAsyncStateMachine).IsAssignableFrom(declaring))
        {
            return methods.FirstOrDefault(m => m.GetCustomAttribute<StateMachineAttribute>()?.StateMachineType == declaring);
        }

        if (frame.Name == method)
        {
            return frame;
        }

        var named = methods.Where(m => m.Name == method).ToList();
        return named.Count == 1 ? named[0] : null;
    }

    private static string Parameters(SnapshotSettings settings, MethodBase? caller, string method)
    {
        if (settings.NamedParameters is { } named)
        {
            return string.Concat(named.Select(p => $"_{p.Name}={ValueText(p.Value)}"));
        }

        if (settings.ParameterValues is not { } values)
        {
            return string.Empty;
        }

        var parameters = (caller is null ? null : TestMethod(caller, method))?.GetParameters()
            ?? throw new InfraTestsException($"UseParameters could not find the test method {method} to name its values; name them yourself with UseParameters((\"name\", value), …).");
        if (values.Count > parameters.Length)
        {
            throw new InfraTestsException($"UseParameters was given {values.Count} values but {method} has {parameters.Length} parameters; pass at most one value per parameter, in order.");
        }

        return string.Concat(values.Select((value, i) => $"_{parameters[i].Name}={ValueText(value)}"));
    }

    private static string ValueText(object? value)
    {
        var text = value switch
        {
            null => "null",
            string s => s,
            IEnumerable items => string.Join(',', items.Cast<object?>().Select(ValueText)),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "null",
        };
        return string.Concat(text.Select(c => char.IsControl(c) || NotInFileNames.Contains(c) ? '-' : c));
    }

    private static string NameOf(Type type) => type.Name.Split('`')[0];

    private static bool IsCompilerGenerated(Type type) => type.Name.StartsWith('<') || type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false);
}
