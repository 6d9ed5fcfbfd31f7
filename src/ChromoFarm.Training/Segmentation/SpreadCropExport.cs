using System.Globalization;
using System.Text;
using ChromoFarm.Domain;
using ChromoFarm.Native;

namespace ChromoFarm.Training.Segmentation;

/// <summary>What <see cref="SpreadCropExport"/> wrote.</summary>
public sealed record CropExportSummary(int Spreads, int TrainCrops, int ValCrops, int SkippedMerged);

/// <summary>
/// Cuts the class-labelled chromosomes of annotated spreads (M-FISH) into a crop dataset that `chromofarm train`
/// reads: one PNG per chromosome and a manifest (path,patient,cell,label,split). Each spread is its own cell and
/// patient; the spreads the segmenter holds out (every fourth) become `val`, the rest `train`, so a model trained
/// on it is measured on spreads nobody tuned on. Crops look like the segmenter's: the chromosome dark on white
/// (fluorescence inverted), everything outside its dilated mask white.
/// </summary>
public static class SpreadCropExport
{
    private const int Margin = 2;

    /// <remarks>
    /// M-FISH annotates a class, not an instance: two touching homologues are one component. An autosome with a
    /// single component in a spread is therefore either such a pair or a lost homologue; neither is a clean
    /// one-chromosome crop with that label, so it is skipped (and counted).
    /// </remarks>
    public static CropExportSummary Write(SpreadSet set, string folder, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (set.Spreads.Count == 0 || set.Kind != SpreadSet.Mfish)
        {
            throw new SpreadAnnotationException(folder, $"needs class-labelled spreads (M-FISH), got {set.Kind} with {set.Spreads.Count} spreads");
        }

        Directory.CreateDirectory(folder);
        var manifest = new StringBuilder("path,patient,cell,label,split\n");
        int train = 0, val = 0, skipped = 0, done = 0;
        foreach (var source in set.Spreads)
        {
            using var spread = source.Load();
            var cell = "mfish-" + Path.GetFileNameWithoutExtension(source.Name).Replace("im", string.Empty, StringComparison.Ordinal);
            var split = source.HeldOut ? "val" : "train";
            Directory.CreateDirectory(Path.Combine(folder, cell));
            var pixels = spread.Image.CopyPixels();
            var light = Screening.ImageStatistics.Measure(pixels, spread.Image.Width, spread.Image.Height).LightBackground;
            var labelled = spread.Truth.Where(t => t.Label is not null).ToArray();
            var perClass = labelled.GroupBy(t => t.Label!.Value).ToDictionary(g => g.Key, g => g.Count());
            var index = 0;
            foreach (var truth in labelled)
            {
                var label = truth.Label!.Value;
                if (label.IsAutosome && perClass[label] == 1)
                {
                    skipped++;
                    continue;
                }

                var name = string.Create(CultureInfo.InvariantCulture, $"{cell}/{label.Label}_{index++}.png");
                using (var crop = Cut(pixels, spread.Image.Width, spread.Image.Height, truth.Mask, light))
                {
                    crop.WritePng(Path.Combine(folder, name));
                }

                manifest.Append(CultureInfo.InvariantCulture, $"{name},{cell},{cell},{label.Label},{split}\n");
                if (source.HeldOut)
                {
                    val++;
                }
                else
                {
                    train++;
                }
            }

            progress?.Report(++done);
        }

        File.WriteAllText(Path.Combine(folder, "manifest.csv"), manifest.ToString());
        return new CropExportSummary(set.Spreads.Count, train, val, skipped);
    }

    private static GreyImage Cut(byte[] image, int imageWidth, int imageHeight, InstanceMask mask, bool lightBackground)
    {
        var x0 = Math.Max(0, mask.X - Margin);
        var y0 = Math.Max(0, mask.Y - Margin);
        var x1 = Math.Min(imageWidth, mask.X + mask.Width + Margin);
        var y1 = Math.Min(imageHeight, mask.Y + mask.Height + Margin);
        int width = x1 - x0, height = y1 - y0;
        var crop = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var value = image[(y0 + y) * imageWidth + x0 + x];
                // Inside the mask grown by one pixel: the mask sits slightly inside the chromosome's blurred edge.
                var inside = false;
                for (var dy = -1; dy <= 1 && !inside; dy++)
                {
                    for (var dx = -1; dx <= 1 && !inside; dx++)
                    {
                        inside = mask.Contains(x0 + x + dx, y0 + y + dy);
                    }
                }

                crop[y * width + x] = !inside ? (byte)255 : lightBackground ? value : (byte)(255 - value);
            }
        }

        return GreyImage.FromPixels(crop, width, height);
    }
}
