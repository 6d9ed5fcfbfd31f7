using System.Globalization;

namespace ChromoFarm.Screening;

/// <summary>
/// Tells the stain from <see cref="ImageStatistics"/>: a light background is brightfield G-banding, a dark one
/// fluorescence. Q-band and DAPI are both fluorescent and band alike at this level (banding 0.31 on the BioImLab
/// Q-band spreads and 0.31 on the M-FISH DAPI spreads, docs/screening.md), so the image does not tell them apart:
/// the model that fits decides.
/// </summary>
public static class StainRule
{
    /// <summary>Less foreground than this share of the image tells nothing.</summary>
    public const double MinForeground = 0.002;

    public static Stain Of(ImageStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        return statistics.ForegroundFraction < MinForeground ? Stain.Unknown
            : statistics.LightBackground ? Stain.GBand
            : Stain.Fluorescence;
    }

    /// <summary>The stain most of a crop set's crops show (one crop alone can mislead).</summary>
    public static Stain Majority(IEnumerable<Stain> stains)
    {
        ArgumentNullException.ThrowIfNull(stains);
        return stains.Where(s => s != Stain.Unknown).GroupBy(s => s).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstOrDefault();
    }

    /// <summary>A one-line description for results and logs, e.g. "G-band (light background 255, roughness 0.13)".</summary>
    public static string Describe(Stain stain, ImageStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        return string.Create(CultureInfo.InvariantCulture,
            $"{stain.Name()} ({(statistics.LightBackground ? "light" : "dark")} background {statistics.BackgroundLevel:0}, roughness {statistics.Roughness:0.00})");
    }
}
