using ChromoFarm.Contracts;
using ChromoFarm.Diagnostics;
using ChromoFarm.Native;
using ChromoFarm.Screening;

namespace ChromoFarm.Worker.Classification;

/// <summary>
/// Turns a cell's images into chromosome crops: decode, and segment when the image is a metaphase; measures the
/// stain, and with a <see cref="SpreadScreen"/> refuses what is no metaphase and sets other metaphases aside.
/// </summary>
/// <param name="screen">The input screen of the farm; null (training and evaluation on curated data): none.</param>
/// <param name="brightfieldSegmenter">Cuts the spreads measured as brightfield G-band instead of <paramref name="segmenter"/>; null: one segmenter for all.</param>
public sealed class CellPreparation(MetaphaseSegmenter segmenter, long maxPixels = GreyImage.DefaultMaxPixels, SpreadScreen? screen = null,
    MetaphaseSegmenter? brightfieldSegmenter = null)
{
    // Pixels of context kept around a segmented chromosome, as in the training crops' tight boxes.
    private const int CropMargin = 2;

    // Crops of a crop set whose stain is measured; the majority of them is the cell's.
    private const int StainSample = 7;

    /// <param name="images">The cell's image bytes with their source names.</param>
    /// <exception cref="NativeException">An image cannot be decoded; the message names the source.</exception>
    /// <exception cref="InputRejectedException">The screen refused an image; the message names it and the reason.</exception>
    /// <remarks>Spans: one "decode" for all of a cell's images, one "segment" per metaphase.</remarks>
    public PreparedCell Prepare(CellSourceKind kind, IReadOnlyList<(string SourceName, byte[] Bytes)> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var chromosomes = new List<PreparedChromosome>();
        var stains = new List<Stain>();
        var notes = new List<string>();
        var otherMetaphases = 0;
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
                // A few crops tell the stain as well as all 46; measuring each would copy every crop's pixels on the hot path.
                stains.AddRange(decoded.Take(StainSample).Select(d => InputScreen.Measure(d.Image).Stain));
                decoded.Clear();
            }
            else
            {
                foreach (var (sourceName, metaphase) in decoded)
                {
                    using var span = FarmTelemetry.Source.StartActivity("segment");
                    var measured = InputScreen.Measure(metaphase);
                    var chosen = brightfieldSegmenter is not null && measured.Stain == Stain.GBand ? brightfieldSegmenter : segmenter;
                    span?.SetTag("chromofarm.segmenter", chosen.Name);
                    using var segmentation = chosen.Segment(metaphase);
                    var inspection = screen is null ? measured : InputScreen.Screen(measured, segmentation, screen);
                    stains.Add(inspection.Stain);
                    span?.SetTag("chromofarm.stain", inspection.Stain.Name());
                    if (inspection.Verdict is { } verdict)
                    {
                        if (verdict.Refusal is { } refusal)
                        {
                            throw new InputRejectedException($"{sourceName}: {refusal}");
                        }

                        if (verdict.OtherMetaphases > 0)
                        {
                            otherMetaphases += verdict.OtherMetaphases;
                            notes.Add($"{sourceName}: {verdict.OtherMetaphases} other metaphase(s) set aside ({verdict.SetAside} objects)");
                        }
                    }

                    AddCrops(segmentation, inspection.Verdict?.Keep ?? Enumerable.Range(0, segmentation.Count).ToArray(), sourceName, chromosomes);
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

        return new PreparedCell(chromosomes) { Stain = StainRule.Majority(stains), Notes = notes, OtherMetaphases = otherMetaphases };
    }

    /// <summary>The crops of an existing segmentation, as the worker hands them to the classifier.</summary>
    public static PreparedCell FromSegmentation(Segmentation segmentation, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(segmentation);
        var chromosomes = new List<PreparedChromosome>(segmentation.Count);
        try
        {
            AddCrops(segmentation, Enumerable.Range(0, segmentation.Count).ToArray(), sourceName, chromosomes);
        }
        catch
        {
            chromosomes.ForEach(c => c.Crop.Dispose());
            throw;
        }

        return new PreparedCell(chromosomes);
    }

    private static void AddCrops(Segmentation segmentation, IReadOnlyList<int> keep, string sourceName, List<PreparedChromosome> chromosomes)
    {
        foreach (var i in keep)
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
