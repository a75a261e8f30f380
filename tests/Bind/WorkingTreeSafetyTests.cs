using InfraTests.Support;

namespace InfraTests.Bind;

/// <summary>
/// Validation, update and the test mode never change a byte of the user's tree, and the BIND container cannot write
/// into the primary's zone files.
/// </summary>
public sealed class WorkingTreeSafetyTests(BindService bind) : WorkingTreeSafetyContract<BindService>(bind)
{
    protected override string FileTheContainerTriesToCreate => "zones/master/written-by-the-container";
}
