namespace ChromoFarm.Screening;

/// <summary>
/// Whole-image statistics that tell a metaphase from noise and one stain from another, before anything is
/// segmented or classified. "Signal" is a pixel's distance from the background level toward the chromosomes'
/// side (darker on a light background, brighter on a dark one).
/// </summary>
/// <param name="BackgroundLevel">Median of the image border, 0..255.</param>
/// <param name="LightBackground">Brightfield (G-band) rather than fluorescence.</param>
/// <param name="ForegroundFraction">Share of pixels whose signal passes the Otsu threshold of the signal.</param>
/// <param name="Contrast">Mean foreground signal / 255.</param>
/// <param name="Banding">Coefficient of variation of the foreground signal: bands and centromeres raise it.</param>
/// <param name="Roughness">Mean step between horizontal neighbours inside the foreground, relative to the mean signal:
/// chromosomes are smooth at pixel scale, sensor noise and random pictures are not.</param>
public sealed record ImageStatistics(
    double BackgroundLevel,
    bool LightBackground,
    double ForegroundFraction,
    double Contrast,
    double Banding,
    double Roughness)
{
    // Signal steps at or below this are sensor noise, whatever Otsu says about a nearly empty image.
    private const int MinForegroundSignal = 8;

    /// <summary>Measures an 8-bit grey image given row by row (<paramref name="pixels"/>.Length == width × height).</summary>
    public static ImageStatistics Measure(ReadOnlySpan<byte> pixels, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (pixels.Length != checked(width * height))
        {
            throw new ArgumentException($"{pixels.Length} pixels for {width}x{height}", nameof(pixels));
        }

        var background = BorderMedian(pixels, width, height);
        var light = background >= 128;
        Span<long> histogram = stackalloc long[256];
        foreach (var p in pixels)
        {
            histogram[Signal(p, background, light)]++;
        }

        var threshold = Math.Max(MinForegroundSignal, Otsu(histogram));
        long count = 0;
        double sum = 0, squares = 0;
        for (var s = threshold + 1; s < 256; s++)
        {
            count += histogram[s];
            sum += (double)s * histogram[s];
            squares += (double)s * s * histogram[s];
        }

        if (count == 0)
        {
            return new ImageStatistics(background, light, 0, 0, 0, 0);
        }

        var mean = sum / count;
        var deviation = Math.Sqrt(Math.Max(0, squares / count - mean * mean));
        double steps = 0;
        long pairs = 0;
        for (var y = 0; y < height; y++)
        {
            var row = pixels.Slice(y * width, width);
            for (var x = 0; x + 1 < width; x++)
            {
                int a = Signal(row[x], background, light), b = Signal(row[x + 1], background, light);
                if (a > threshold && b > threshold)
                {
                    steps += Math.Abs(a - b);
                    pairs++;
                }
            }
        }

        return new ImageStatistics(
            background,
            light,
            (double)count / pixels.Length,
            mean / 255,
            deviation / mean,
            pairs == 0 ? 0 : steps / pairs / mean);
    }

    private static int Signal(byte pixel, int background, bool light) => Math.Max(0, light ? background - pixel : pixel - background);

    private static int BorderMedian(ReadOnlySpan<byte> pixels, int width, int height)
    {
        var band = Math.Max(1, Math.Min(width, height) / 50);
        Span<long> histogram = stackalloc long[256];
        long total = 0;
        for (var y = 0; y < height; y++)
        {
            var edgeRow = y < band || y >= height - band;
            for (var x = 0; x < width; x++)
            {
                if (edgeRow || x < band || x >= width - band)
                {
                    histogram[pixels[y * width + x]]++;
                    total++;
                }
            }
        }

        long seen = 0;
        for (var v = 0; v < 256; v++)
        {
            seen += histogram[v];
            if (seen * 2 >= total)
            {
                return v;
            }
        }

        return 255;
    }

    // Otsu's threshold: the level that maximises the between-class variance of the histogram.
    internal static int Otsu(ReadOnlySpan<long> histogram)
    {
        long total = 0;
        double weighted = 0;
        for (var v = 0; v < histogram.Length; v++)
        {
            total += histogram[v];
            weighted += (double)v * histogram[v];
        }

        long below = 0;
        double belowSum = 0, best = -1;
        var threshold = 0;
        for (var v = 0; v < histogram.Length; v++)
        {
            below += histogram[v];
            if (below == 0)
            {
                continue;
            }

            var above = total - below;
            if (above == 0)
            {
                break;
            }

            belowSum += (double)v * histogram[v];
            var meanBelow = belowSum / below;
            var meanAbove = (weighted - belowSum) / above;
            var between = (double)below * above * (meanBelow - meanAbove) * (meanBelow - meanAbove);
            if (between > best)
            {
                best = between;
                threshold = v;
            }
        }

        return threshold;
    }
}
