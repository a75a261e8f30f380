namespace InfraTests.Harness.Images;

/// <summary>A port the image declares with <c>EXPOSE</c>, e.g. <c>53/udp</c>.</summary>
/// <param name="Port">The container port number.</param>
/// <param name="Protocol"><c>udp</c> or <c>tcp</c>.</param>
public sealed record ExposedPort(int Port, string Protocol)
{
    /// <summary>Parses Docker's <c>53/udp</c> form; a bare number means TCP.</summary>
    public static ExposedPort Parse(string text)
    {
        var parts = text.Split('/', 2);
        return new ExposedPort(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts.Length > 1 ? parts[1].ToLowerInvariant() : "tcp");
    }

    /// <inheritdoc />
    public override string ToString() => $"{Port}/{Protocol}";
}
