using YamlDotNet.Core;

namespace InfraTests.Harness;

/// <summary>YAML's complaints as our one-line messages use them: every file InfraTests reads (description, specification, scope).</summary>
internal static class YamlMessages
{
    /// <summary>YAML's own words for what is wrong, without YamlDotNet's position prefix (the caller names file, line and column).</summary>
    public static string Reason(YamlException exception)
    {
        var message = exception.InnerException?.Message ?? exception.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return (cut >= 0 ? message[(cut + 3)..] : message).TrimEnd('.');
    }
}
