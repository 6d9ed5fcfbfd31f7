using ChromoFarm.Contracts;
using ChromoFarm.Native;

namespace ChromoFarm.Worker.Classification;

/// <summary>One chromosome crop ready for preprocessing, with where it came from.</summary>
public sealed record PreparedChromosome(GreyImage Crop, CropMeasure Measure, string SourceName, BoundingBox? Box, bool NeedsReview);

/// <summary>A cell's chromosome crops and the cell's reference sizes (medians), owning the native images.</summary>
public sealed class PreparedCell : IDisposable
{
    public PreparedCell(IReadOnlyList<PreparedChromosome> chromosomes)
    {
        ArgumentNullException.ThrowIfNull(chromosomes);
        Chromosomes = chromosomes;
        ReferenceLength = Median(chromosomes.Select(c => c.Measure.Length));
        ReferenceArea = Median(chromosomes.Select(c => c.Measure.Area));
    }

    public IReadOnlyList<PreparedChromosome> Chromosomes { get; }

    /// <summary>The stain the cell's images show (measured; fluorescence leaves Q-band or DAPI to the models).</summary>
    public Screening.Stain Stain { get; init; }

    /// <summary>What the screen noted without refusing the cell, one line per note.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Further metaphases found beside the analysed one and set aside.</summary>
    public int OtherMetaphases { get; init; }

    /// <summary>Median chromosome length of the cell: relative size is measured against it.</summary>
    public float ReferenceLength { get; }

    public float ReferenceArea { get; }

    public void Dispose()
    {
        foreach (var chromosome in Chromosomes)
        {
            chromosome.Crop.Dispose();
        }
    }

    internal static float Median(IEnumerable<float> values)
    {
        var sorted = values.Where(v => v > 0).Order().ToArray();
        if (sorted.Length == 0)
        {
            return 1f;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2f;
    }
}
