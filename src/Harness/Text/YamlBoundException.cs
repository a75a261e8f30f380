using YamlDotNet.Core;

namespace InfraTests.Harness.Text;

/// <summary>
/// A file that is valid YAML but over one of <see cref="BoundedYamlParser"/>'s bounds, at the node or alias that went over
/// it; its message says what to do, so it is shown as it stands rather than as a syntax error.
/// </summary>
internal sealed class YamlBoundException(Mark start, Mark end, string message) : YamlException(start, end, message);
