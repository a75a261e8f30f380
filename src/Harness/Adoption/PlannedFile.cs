namespace InfraTests.Harness.Adoption;

/// <summary>One file of an <see cref="AdoptionPlan"/>: where, what it will hold, what is done to it, and why it is there.</summary>
/// <param name="Path">The path relative to the service root, with <c>/</c> separators, e.g. <c>tests/nuget.config</c>.</param>
/// <param name="Content">The file's whole content once the plan is applied.</param>
/// <param name="Action">Created, appended to, or left alone.</param>
/// <param name="What">What the file is for, in a few words, for the summary a person reads.</param>
public sealed record PlannedFile(string Path, string Content, PlannedFileAction Action, string What);
