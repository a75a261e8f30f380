namespace InfraTests.Unit.Architecture;

/// <summary>One type on a lower floor that uses a higher one, told as the sentence a reviewer acts on.</summary>
/// <param name="User">The type that reaches up, such as <c>InfraTests.Harness.Images.ImageTag</c>.</param>
/// <param name="UserFloor">Its floor.</param>
/// <param name="UserFolder">Its namespace as the map labels it, <c>Images</c>.</param>
/// <param name="Used">The higher type it names (or the namespace, when no one type can be told).</param>
/// <param name="UsedFloor">The higher floor.</param>
/// <param name="UsedFolder">The higher namespace as the map labels it, <c>Services</c>.</param>
internal sealed record FloorViolation(string User, int UserFloor, string UserFolder, string Used, int UsedFloor, string UsedFolder)
{
    public override string ToString() =>
        $"{User} on floor {UserFloor} ({UserFolder}) uses {Used} on floor {UsedFloor} ({UsedFolder}): move {Short(Used)}, "
        + $"or the part {Short(User)} needs, down to floor {UserFloor} or below, or pass {Short(User)} a narrow input of its own floor instead.";

    private static string Short(string fullName) => fullName[(fullName.LastIndexOf('.') + 1)..];
}
