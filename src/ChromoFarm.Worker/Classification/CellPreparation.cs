using ChromoFarm.Contracts;
using ChromoFarm.Diagnostics;
using ChromoFarm.Native;

namespace ChromoFarm.Worker.Classification;

/// <summary>Turns a cell's images into chromosome crops: decode, and segment when the image is a metaphase.</summary>
public sealed class CellPreparation(MetaphaseSegmenter segmenter, long maxPixels = GreyImage.DefaultMaxPixels)
{
    // Pixels of context kept around a segmented chromosome, as in the training crops' tight boxes.
    private const int CropMargin = 2;

    /// <param name="images">The cell's image bytes with their source names.</param>
    /// <exception cref="NativeException">An image cannot be decoded; the message names the source.</exception>
    /// <remarks>Spans: one "decode" for all of a cell's images, one "segment" per metaphase.</remarks>
    public PreparedCell Prepare(CellSourceKind kind, IReadOnlyList<(string SourceName, byte[] Bytes)> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var chromosomes = new List<PreparedChromosome>();
        var decoded = new List<(string SourceName, GreyImage Image)>(images.Count);
        try
        {
            using (var span = FarmTelemetry.Source.StartActivity("decode"))
            {
                span?.SetTag("chromofarm.images", images.Count);
                foreach (var (sourceName, bytes) in images)
                {
                    decoded.Add((sourceName, GreyImage.Decode(bytes, maxPixels, sourceName)));
                }
            }

            if (kind == CellSourceKind.CropSet)
            {
                chromosomes.AddRange(decoded.Select(d => new PreparedChromosome(d.Image, d.Image.Measure(), d.SourceName, null, false)));
                decoded.Clear();
            }
            else
            {
                foreach (var (sourceName, metaphase) in decoded)
                {
                    using var span = FarmTelemetry.Source.StartActivity("segment");
                    AddSegmented(metaphase, sourceName, chromosomes);
                    span?.SetTag("chromofarm.chromosomes", chromosomes.Count);
                }
            }
        }
        catch
        {
            chromosomes.ForEach(c => c.Crop.Dispose());
            throw;
        }
        finally
        {
            decoded.ForEach(d => d.Image.Dispose());
        }

        return new PreparedCell(chromosomes);
    }

    /// <summary>The crops of an existing segmentation, as the worker hands them to the classifier.</summary>
    public static PreparedCell FromSegmentation(Segmentation segmentation, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(segmentation);
        var chromosomes = new List<PreparedChromosome>(segmentation.Count);
        try
        {
            AddCrops(segmentation, sourceName, chromosomes);
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
        AddCrops(segmentation, sourceName, chromosomes);
    }

    private static void AddCrops(Segmentation segmentation, string sourceName, List<PreparedChromosome> chromosomes)
    {
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
