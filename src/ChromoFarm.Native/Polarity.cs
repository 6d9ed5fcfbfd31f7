namespace ChromoFarm.Native;

/// <summary>Whether chromosomes are darker or brighter than the background (cf_polarity).</summary>
public enum Polarity
{
    /// <summary>Decided from the image: the background is the majority.</summary>
    Auto = 0,

    /// <summary>Dark chromosomes on a light background: G-band brightfield.</summary>
    DarkOnLight = 1,

    /// <summary>Light chromosomes on a dark background: DAPI or Q-band fluorescence.</summary>
    LightOnDark = 2,
}
