namespace ChromoFarm.Screening;

/// <summary>How the chromosomes of an image were stained and imaged; a classifier only knows the stain it was trained on.</summary>
public enum Stain
{
    /// <summary>Not decided (too little foreground, or a model that does not record its stain).</summary>
    Unknown = 0,

    /// <summary>Giemsa banding, brightfield: dark chromosomes on a light background.</summary>
    GBand,

    /// <summary>Quinacrine banding, fluorescence: bright banded chromosomes on black.</summary>
    QBand,

    /// <summary>DAPI counterstain (for example the DAPI channel of M-FISH): bright chromosomes on black, DAPI-banded.</summary>
    Dapi,

    /// <summary>
    /// Measured from an image: fluorescence, Q-band or DAPI. Their image statistics overlap (docs/screening.md), so
    /// which of the two a fluorescent cell is, is left to which model fits it.
    /// </summary>
    Fluorescence,
}

/// <summary>The names stains have in model files, results and on the command line, and which measured stain fits which model.</summary>
public static class StainNames
{
    public static string Name(this Stain stain) => stain switch
    {
        Stain.GBand => "G-band",
        Stain.QBand => "Q-band",
        Stain.Dapi => "DAPI",
        Stain.Fluorescence => "fluorescence",
        _ => "unknown",
    };

    /// <summary>True when a cell measured as <paramref name="measured"/> may go to a model of <paramref name="model"/>; unknown fits anything.</summary>
    public static bool Fits(this Stain measured, Stain model) =>
        measured == Stain.Unknown || model == Stain.Unknown || measured == model
        || (measured == Stain.Fluorescence && model is Stain.QBand or Stain.Dapi);

    /// <summary>Parses "G-band", "gband", "Q-band", "DAPI", "fluorescence" (any case); null when the text names no stain.</summary>
    public static Stain? Parse(string? text) =>
        text?.Trim().Replace("-", string.Empty, StringComparison.Ordinal).ToUpperInvariant() switch
        {
            "GBAND" or "G" or "GTG" => Stain.GBand,
            "QBAND" or "Q" or "QFQ" => Stain.QBand,
            "DAPI" => Stain.Dapi,
            "FLUORESCENCE" => Stain.Fluorescence,
            "UNKNOWN" => Stain.Unknown,
            _ => null,
        };
}
