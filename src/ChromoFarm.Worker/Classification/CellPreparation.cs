using ChromoFarm.Contracts;
using ChromoFarm.Native;

namespace ChromoFarm.Worker.Classification;

/// <summary>Turns a cell's images into chromosome crops: decode, and segment when the image is a metaphase.</summary>
public sealed class CellPreparation(MetaphaseSegmenter segmenter, long maxPixels = GreyImage.DefaultMaxPixels)
{
    // Pixels of context kept around a segmented chromosome, as in the training crops' tight boxes.
    private const int CropMargin = 2;

    /// <param name="images">The cell's image bytes with their source names.</param>
    /// <exception cref="NativeException">An image cannot be decoded; the message names the source.</exception>
    public PreparedCell Prepare(CellSourceKind kind, IReadOnlyList<(string SourceName, byte[] Bytes)> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var chromosomes = new List<PreparedChromosome>();
        try
        {
            foreach (var (sourceName, bytes) in images)
            {
                if (kind == CellSourceKind.CropSet)
                {
                    var crop = GreyImage.Decode(bytes, maxPixels, sourceName);
                    chromosomes.Add(new PreparedChromosome(crop, crop.Measure(), sourceName, null, false));
                }
                else
                {
                    using var metaphase = GreyImage.Decode(bytes, maxPixels, sourceName);
                    AddSegmented(metaphase, sourceName, chromosomes);
                }
            }
        }
        catch
        {
            chromosomes.ForEach(c => c.Crop.Dispose());
            throw;
        }

        return new PreparedCell(chromosomes);
    }

    private void AddSegmented(GreyImage metaphase, string sourceName, List<PreparedChromosome> chromosomes)
    {
        using var segmentation = segmenter.Segment(metaphase);
        for (var i = 0; i < segmentation.Count; i++)
        {
            var instance = segmentation.Instances[i];
            var crop = segmentation.Crop(i, CropMargin);
            chromosomes.Add(new PreparedChromosome(
                crop,
                crop.Measure(),
                sourceName,
                new BoundingBox(instance.X, instance.Y, instance.Width, instance.Height),
                instance.NeedsReview));
        }
    }
}
