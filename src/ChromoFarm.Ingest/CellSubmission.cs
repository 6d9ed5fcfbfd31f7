using ChromoFarm.Contracts;

namespace ChromoFarm.Ingest;

/// <summary>A file of the input and the name it is reported under (relative to the input).</summary>
public sealed record InputFile(string FullPath, string SourceName);

/// <summary>One cell found in the input, before its images are stored.</summary>
public sealed record CellSubmission(string CaseId, string CellId, CellSourceKind Kind, IReadOnlyList<InputFile> Files);
