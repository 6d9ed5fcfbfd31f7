namespace ChromoFarm.Native.Tests;

/// <summary>
/// The crops of one Pki-3 cell with their labels (from the file names) and the cell's
/// median length and area, the per-cell references the preprocessing expects.
/// </summary>
internal sealed class Pki3Cell : IDisposable
{
    public const string DefaultCell = "97002023.12";

    private Pki3Cell(List<GreyImage> crops, long[] labels, float medianLength, float medianArea)
    {
        Crops = crops;
        Labels = labels;
        MedianLength = medianLength;
        MedianArea = medianArea;
    }

    public IReadOnlyList<GreyImage> Crops { get; }

    /// <summary>Class indices 0..23 (file class N is index N - 1; 23 is X, 24 is Y).</summary>
    public long[] Labels { get; }

    public float MedianLength { get; }

    public float MedianArea { get; }

    public int Count => Crops.Count;

    public static Pki3Cell Load(string cell = DefaultCell, int? take = null)
    {
        var files = Directory.GetFiles(SharedData.Directory(Path.Combine("pki3", cell)), "*.tiff").Order(StringComparer.Ordinal).ToList();
        if (take is { } limit)
        {
            files = files.Take(limit).ToList();
        }

        var crops = new List<GreyImage>();
        try
        {
            var labels = new long[files.Count];
            var lengths = new float[files.Count];
            var areas = new float[files.Count];
            for (var i = 0; i < files.Count; i++)
            {
                var crop = GreyImage.Decode(files[i]);
                crops.Add(crop);
                var name = Path.GetFileName(files[i]); // clase<N>_<k>_<cell>.tiff
                labels[i] = int.Parse(name["clase".Length..name.IndexOf('_', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture) - 1;
                var measure = crop.Measure();
                lengths[i] = measure.Length;
                areas[i] = measure.Area;
            }

            return new Pki3Cell(crops, labels, Median(lengths), Median(areas));
        }
        catch
        {
            crops.ForEach(c => c.Dispose());
            throw;
        }
    }

    /// <summary>Appends every crop of the cell to <paramref name="batch"/> with the cell's medians as references.</summary>
    public int AppendTo(CropPreprocessor preprocessor, ClassifierBatch batch, ulong? seed = null)
    {
        var lengths = Enumerable.Repeat(MedianLength, Count).ToArray();
        var areas = Enumerable.Repeat(MedianArea, Count).ToArray();
        return preprocessor.Append(batch, Crops, lengths, areas, seed);
    }

    public void Dispose()
    {
        foreach (var crop in Crops)
        {
            crop.Dispose();
        }
    }

    private static float Median(float[] values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2f;
    }
}
