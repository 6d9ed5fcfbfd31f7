using ChromoFarm.Domain;

namespace ChromoFarm.Training.Segmentation;

/// <summary>
/// One annotated chromosome cut out of a fluorescence spread: its emission above the spread's
/// background (grey levels) over a box with a clear margin, and its mask in that box.
/// </summary>
/// <param name="Spread">The spread it came from, for errors.</param>
internal sealed record FluorescentChromosome(float[] Emission, MaskGrid Mask, ChromosomeClass? Label, string Spread);

/// <summary>The empty background of a fluorescence spread: its grey level and the noise on it (standard deviation).</summary>
internal readonly record struct Backdrop(double Level, double Noise);
