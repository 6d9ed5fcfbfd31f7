using ChromoFarm.Domain;

namespace ChromoFarm.Datasets;

/// <summary>One row of a dataset manifest: a single-chromosome crop with its truth.</summary>
/// <param name="FullPath">Absolute path of the crop.</param>
/// <param name="RelativePath">Path as written in the manifest (relative to its folder).</param>
/// <param name="Line">1-based line in the manifest, for error messages.</param>
public sealed record ManifestEntry(
    string FullPath,
    string RelativePath,
    string Patient,
    string Cell,
    ChromosomeClass Label,
    string Split,
    int Line);

/// <summary>The crops of one cell, in manifest order.</summary>
public sealed record ManifestCell(string Patient, string Cell, string Split, IReadOnlyList<ManifestEntry> Crops);
