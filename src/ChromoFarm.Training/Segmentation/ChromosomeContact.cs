namespace ChromoFarm.Training.Segmentation;

/// <summary>How a chromosome of a synthetic spread meets the others.</summary>
public enum ChromosomeContact
{
    /// <summary>More than the gap from every other chromosome.</summary>
    None = 0,

    /// <summary>8-adjacent to another chromosome, overlapping none.</summary>
    Touching = 1,

    /// <summary>Sharing pixels with another chromosome.</summary>
    Overlapping = 2,
}
