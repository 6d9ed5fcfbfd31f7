namespace ChromoFarm.Karyograms;

/// <summary>Why a chromosome is outlined in the pictures.</summary>
[Flags]
public enum ChromosomeMarks
{
    None = 0,

    /// <summary>The model's probability for its label is low.</summary>
    LowConfidence = 1,

    /// <summary>Segmentation thinks the object may be a cluster or a fragment.</summary>
    Segmentation = 2,

    /// <summary>A reviewer changed its label (or added it).</summary>
    Corrected = 4,
}

/// <summary>One object of a cell as the pictures show it.</summary>
/// <param name="Index">Its index in the cell's result (what the review page's clicks name).</param>
/// <param name="Label">"1".."22", "X", "Y", or "artefact".</param>
/// <param name="ImageKey">The object-store key of its upright cut-out or of its crop; null for a chromosome a reviewer added.</param>
/// <param name="Box">Its box in the spread, for chromosomes cut from one.</param>
public sealed record KaryogramChromosome(int Index, string Label, string? ImageKey, ChromosomeMarks Marks, Contracts.BoundingBox? Box = null);

/// <summary>What to draw: the cell's objects and the words above them.</summary>
/// <param name="Title">E.g. "case-1 / cell-3 — 47,XX,+21 (confidence 0.93)".</param>
/// <param name="Subtitle">E.g. the competing call, the model version and the review state.</param>
public sealed record KaryogramRequest(string Title, string Subtitle, IReadOnlyList<KaryogramChromosome> Chromosomes);

/// <summary>A rendered picture and where each object landed in it (the review page makes them clickable).</summary>
public sealed record KaryogramPicture(byte[] Png, int Width, int Height, IReadOnlyList<Placement> Placements);
