using ChromoFarm.Datasets;

namespace ChromoFarm.Training.Segmentation;

/// <summary>How one crop was laid on a synthetic spread.</summary>
/// <param name="Crop">The manifest row it came from.</param>
/// <param name="Degrees">How far it was turned, in degrees clockwise as seen on screen (0–360).</param>
/// <param name="CropArea">Pixels of its mask in the crop, before turning.</param>
/// <param name="Contact">How it meets the others on the finished spread, measured from the truth masks.</param>
public sealed record SyntheticChromosome(ManifestEntry Crop, double Degrees, int CropArea, ChromosomeContact Contact);
