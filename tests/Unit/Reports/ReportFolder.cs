namespace InfraTests.Unit.Reports;

/// <summary>A temporary repository (a folder with <c>.git</c>) holding a service at <c>services/rbl</c>, and a results folder.</summary>
internal sealed class ReportFolder : IDisposable
{
    public ReportFolder()
    {
        Directory.CreateDirectory(System.IO.Path.Combine(Repository, ".git"));
        Directory.CreateDirectory(Service);
    }

    public string Path { get; } = Directory.CreateTempSubdirectory("infratests-report-").FullName;

    public string Repository => System.IO.Path.Combine(Path, "repo");

    public string Service => System.IO.Path.Combine(Repository, "services", "rbl");

    public string Results => System.IO.Path.Combine(Service, "tests", "TestResults");

    public string Read(string name) => File.ReadAllText(System.IO.Path.Combine(Results, name));

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
