namespace ChromoFarm.Screening;

/// <summary>The bounds of what the farm analyses as a metaphase (`Screening` settings; docs/screening.md has how they were chosen).</summary>
public sealed class ScreeningOptions
{
    public const string Section = "Screening";

    /// <summary>Fewer objects than this are no whole metaphase (46 is normal; docs/screening.md has the counts on real spreads).</summary>
    public int MinObjects { get; set; } = 12;

    /// <summary>More objects than this are noise, debris or several cells, not one metaphase.</summary>
    public int MaxObjects { get; set; } = 130;

    /// <summary>Foreground rougher than this (pixel-to-pixel steps relative to the signal) is noise or a photograph.</summary>
    public double MaxRoughness { get; set; } = 0.25;

    /// <summary>A share of upright, elongated objects at least this high means chromosomes already laid out as a karyogram.</summary>
    public double KaryogramUprightShare { get; set; } = 0.8;

    /// <summary>Objects closer than this many median chromosome lengths belong to the same metaphase.</summary>
    public double MetaphaseGap { get; set; } = 2.5;

    /// <summary>A separate group of at least this many objects is another metaphase (set aside and flagged); fewer are debris kept with the main one.</summary>
    public int OtherMetaphaseObjects { get; set; } = 10;

    /// <summary>A cell whose karyotype fit (mean probability of the classes the two-per-class assignment gives) is below this is out of the model's distribution.</summary>
    public double MinKaryotypeFit { get; set; } = 0.5;

    /// <summary>Refuse a cell whose measured stain differs from the model's (otherwise only noted).</summary>
    public bool RefuseStainMismatch { get; set; } = true;

    /// <summary>The first setting out of its range, as "Key: reason"; null when all are usable.</summary>
    public string? Problem() =>
        MinObjects < 1 ? $"{nameof(MinObjects)}: {MinObjects} is below 1"
        : MaxObjects < MinObjects ? $"{nameof(MaxObjects)}: {MaxObjects} is below {nameof(MinObjects)} ({MinObjects})"
        : !(MaxRoughness > 0) ? $"{nameof(MaxRoughness)}: must be above 0"
        : KaryogramUprightShare is not (> 0 and <= 1) ? $"{nameof(KaryogramUprightShare)}: must lie in (0, 1]"
        : !(MetaphaseGap > 0) ? $"{nameof(MetaphaseGap)}: must be above 0"
        : OtherMetaphaseObjects < 1 ? $"{nameof(OtherMetaphaseObjects)}: {OtherMetaphaseObjects} is below 1"
        : MinKaryotypeFit is not (>= 0 and < 1) ? $"{nameof(MinKaryotypeFit)}: must lie in [0, 1)"
        : null;
}
