namespace ChromoFarm.Training.Segmentation;

/// <summary>
/// The chromosome of a single-chromosome brightfield crop (dark on light): Otsu's threshold, then the
/// largest 8-connected dark group with its holes filled. Pki-3 crops sometimes hold bits of neighbours
/// at an edge and a grainy, not quite white background; keeping the largest group drops both.
/// </summary>
internal static class CropSilhouette
{
    /// <summary>The chromosome mask of a crop, and the crop's background grey level.</summary>
    public static (MaskGrid Mask, double Background) Of(ReadOnlySpan<byte> pixels, int width, int height)
    {
        var threshold = OtsuThreshold(pixels);
        var dark = new MaskGrid(0, 0, width, height);
        for (var v = 0; v < height; v++)
        {
            for (var u = 0; u < width; u++)
            {
                dark[u, v] = pixels[(v * width) + u] <= threshold;
            }
        }

        var mask = dark.LargestComponent().FillHoles();
        return (mask, Background(pixels, mask, threshold));
    }

    /// <summary>The grey level that best splits the histogram in two (Otsu 1979); dark pixels are at or below it.</summary>
    public static int OtsuThreshold(ReadOnlySpan<byte> pixels)
    {
        Span<long> histogram = stackalloc long[256];
        foreach (var p in pixels)
        {
            histogram[p]++;
        }

        double total = pixels.Length;
        double sumAll = 0;
        for (var g = 0; g < 256; g++)
        {
            sumAll += g * (double)histogram[g];
        }

        double below = 0, sumBelow = 0, bestScore = -1;
        var best = 127;
        for (var g = 0; g < 255; g++)
        {
            below += histogram[g];
            sumBelow += g * (double)histogram[g];
            var above = total - below;
            if (below == 0 || above == 0)
            {
                continue;
            }

            var meanBelow = sumBelow / below;
            var meanAbove = (sumAll - sumBelow) / above;
            var score = below * above * (meanBelow - meanAbove) * (meanBelow - meanAbove);
            if (score > bestScore)
            {
                (bestScore, best) = (score, g);
            }
        }

        return best;
    }

    // The median of the light pixels away from the chromosome: what "no absorption" looks like in this crop.
    private static double Background(ReadOnlySpan<byte> pixels, MaskGrid mask, int threshold)
    {
        var near = mask.Dilate(2, square: true);
        var light = new List<byte>();
        for (var v = 0; v < mask.Height; v++)
        {
            for (var u = 0; u < mask.Width; u++)
            {
                var p = pixels[(v * mask.Width) + u];
                if (p > threshold && !near.Covers(u, v))
                {
                    light.Add(p);
                }
            }
        }

        if (light.Count == 0)
        {
            return 255;
        }

        light.Sort();
        return light[light.Count / 2];
    }
}
