namespace ChromoFarm.Native;

/// <summary>The chromosome in a crop, measured.</summary>
/// <param name="Length">Long side of the foreground's minimum-area rectangle, px.</param>
/// <param name="Area">Foreground pixels.</param>
/// <param name="LightOnDark">True when the crop's background is dark (fluorescence, Q-band).</param>
public readonly record struct CropMeasure(float Length, float Area, bool LightOnDark);
