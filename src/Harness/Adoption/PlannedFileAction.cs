namespace InfraTests.Harness.Adoption;

/// <summary>What <see cref="AdoptionPlan.Apply"/> does to one file.</summary>
public enum PlannedFileAction
{
    /// <summary>The file is missing: it is created.</summary>
    Create,

    /// <summary>The file is there and lacks a line init adds (<c>tests</c> in <c>.dockerignore</c>): the line is appended.</summary>
    Append,

    /// <summary>The file is there already, exactly as init would write it: left alone.</summary>
    Unchanged,
}
