using InfraTests.Support;

namespace InfraTests.Rbldnsd;

/// <summary>
/// The user's working tree is mounted read-only: nothing the rbldnsd image does can change a byte of it, and its
/// container cannot write into the zones it serves.
/// </summary>
public sealed class WorkingTreeSafetyTests(RbldnsdService rbl) : WorkingTreeSafetyContract<RbldnsdService>(rbl)
{
    protected override string FileTheContainerTriesToCreate => "zones/written-by-the-container";
}
