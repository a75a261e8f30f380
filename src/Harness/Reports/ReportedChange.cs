namespace InfraTests.Harness.Reports;

/// <summary>What a deploy does to one rendered file. Rendering writes files and never removes one, so there is no delete.</summary>
public enum ReportedChange
{
    /// <summary>The file stays byte for byte and mode for mode.</summary>
    Unchanged,

    /// <summary>The file does not exist yet and is created.</summary>
    Create,

    /// <summary>The file's text or mode changes.</summary>
    Update,
}
