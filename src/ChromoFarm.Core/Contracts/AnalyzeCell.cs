namespace ChromoFarm.Contracts;

/// <summary>What an object in a cell's image set is.</summary>
public enum CellSourceKind
{
    /// <summary>One whole metaphase spread to segment.</summary>
    Metaphase = 0,

    /// <summary>Single-chromosome crops that already form one cell.</summary>
    CropSet = 1,
}

/// <summary>An image of a cell as stored in the object store.</summary>
/// <param name="ObjectKey">SHA-256 of the content (lower-case hex): the object-store key.</param>
/// <param name="SourceName">Where it came from (path relative to the input), for error messages and reports.</param>
public sealed record CellImage(string ObjectKey, string SourceName);

/// <summary>Command to a worker: segment (if a metaphase) and classify one cell.</summary>
/// <remarks>Carries object-store keys, never image bytes.</remarks>
public sealed record AnalyzeCell(
    Guid BatchId,
    string CaseId,
    string CellId,
    CellSourceKind Kind,
    IReadOnlyList<CellImage> Images,
    DateTimeOffset SubmittedAt);
