namespace ChromoFarm.Native;

/// <summary>One object found by segmentation: normally a chromosome, sometimes a cluster.</summary>
/// <param name="X">Left of the bounding box in the source image, px.</param>
/// <param name="Y">Top of the bounding box, px.</param>
/// <param name="Width">Bounding box width, px.</param>
/// <param name="Height">Bounding box height, px.</param>
/// <param name="Area">Foreground pixels.</param>
/// <param name="Length">Long side of the minimum-area rectangle, px.</param>
/// <param name="NeedsReview">True when the object looks like touching or overlapping chromosomes.</param>
public readonly record struct ChromosomeInstance(
    int X, int Y, int Width, int Height, int Area, float Length, bool NeedsReview);
