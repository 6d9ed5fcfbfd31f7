namespace ChromoFarm.Training.Segmentation;

/// <summary>
/// The clean chromosomes of a fluorescence set's tuning images, and their backgrounds, for
/// <see cref="ComposedSpreadGenerator"/>. Held-out images are never read. A chromosome is taken only
/// when no other annotated chromosome comes within <see cref="Clearance"/> px, it is off the image
/// edge, and its mask fits the pixels (its mean emission is several times that of the ring just
/// outside it), so a crossing, a touching pair or a misregistered annotation never becomes a source.
/// </summary>
internal sealed class ChromosomePool
{
    /// <summary>Clear pixels required around a chromosome, and the margin of its cut-out box.</summary>
    public const int Clearance = 3;

    // Mean emission on the mask over that on the ring around it, below which the mask misses the chromosome.
    private const double MinContrast = 3;

    private ChromosomePool(IReadOnlyList<FluorescentChromosome> chromosomes, IReadOnlyList<Backdrop> backdrops) =>
        (Chromosomes, Backdrops) = (chromosomes, backdrops);

    public IReadOnlyList<FluorescentChromosome> Chromosomes { get; }

    /// <summary>One per tuning image.</summary>
    public IReadOnlyList<Backdrop> Backdrops { get; }

    /// <exception cref="InvalidOperationException">The set's tuning images hold no chromosome clean enough to use.</exception>
    public static ChromosomePool From(SpreadSet set)
    {
        var chromosomes = new List<FluorescentChromosome>();
        var backdrops = new List<Backdrop>();
        foreach (var source in set.Spreads.Where(source => !source.HeldOut))
        {
            using var spread = source.Load();
            var (cut, backdrop) = Cut(spread);
            chromosomes.AddRange(cut);
            backdrops.Add(backdrop);
        }

        return chromosomes.Count > 0
            ? new ChromosomePool(chromosomes, backdrops)
            : throw new InvalidOperationException($"the {set.Kind} set's tuning images hold no isolated annotated chromosome to compose spreads from");
    }

    /// <summary>The clean chromosomes of one spread and its backdrop.</summary>
    private static (IReadOnlyList<FluorescentChromosome> Chromosomes, Backdrop Backdrop) Cut(AnnotatedSpread spread)
    {
        int width = spread.Image.Width, height = spread.Image.Height;
        var pixels = spread.Image.CopyPixels();

        // Owner of each pixel: 0 none, i + 1 truth i, -1 more than one.
        var owner = new int[pixels.Length];
        for (var i = 0; i < spread.Truth.Count; i++)
        {
            var mask = spread.Truth[i].Mask;
            for (var y = mask.Y; y < mask.Y + mask.Height; y++)
            {
                for (var x = mask.X; x < mask.X + mask.Width; x++)
                {
                    if (mask.Contains(x, y))
                    {
                        ref var o = ref owner[(y * width) + x];
                        o = o == 0 ? i + 1 : -1;
                    }
                }
            }
        }

        var backdrop = BackdropOf(pixels, owner, width, height);
        var chromosomes = new List<FluorescentChromosome>();
        for (var i = 0; i < spread.Truth.Count; i++)
        {
            if (CutOne(spread.Truth[i], i + 1, pixels, owner, width, height, backdrop.Level, spread.Name) is { } chromosome)
            {
                chromosomes.Add(chromosome);
            }
        }

        return (chromosomes, backdrop);
    }

    private static FluorescentChromosome? CutOne(TruthInstance truth, int id, byte[] pixels, int[] owner, int width, int height, double level, string name)
    {
        var mask = truth.Mask;
        int left = mask.X - Clearance, top = mask.Y - Clearance;
        int boxWidth = mask.Width + (2 * Clearance), boxHeight = mask.Height + (2 * Clearance);
        if (left < 0 || top < 0 || left + boxWidth > width || top + boxHeight > height)
        {
            return null;
        }

        var grid = new MaskGrid(0, 0, boxWidth, boxHeight);
        for (var v = 0; v < boxHeight; v++)
        {
            for (var u = 0; u < boxWidth; u++)
            {
                grid[u, v] = owner[((top + v) * width) + left + u] == id;
            }
        }

        var near = grid.Dilate(Clearance, square: true);
        var emission = new float[boxWidth * boxHeight];
        double inside = 0, ring = 0;
        int insideCount = 0, ringCount = 0;
        for (var v = 0; v < boxHeight; v++)
        {
            for (var u = 0; u < boxWidth; u++)
            {
                var at = ((top + v) * width) + left + u;
                var o = owner[at];
                if (o != 0 && o != id && near.Covers(u, v))
                {
                    return null; // another chromosome is too close, or crosses this one
                }

                var e = (float)Math.Max(0, pixels[at] - level);
                emission[(v * boxWidth) + u] = e;
                if (grid[u, v])
                {
                    (inside, insideCount) = (inside + e, insideCount + 1);
                }
                else if (near.Covers(u, v) && o == 0)
                {
                    (ring, ringCount) = (ring + e, ringCount + 1);
                }
            }
        }

        var contrast = insideCount == 0 ? 0 : inside / insideCount / Math.Max(1e-3, ringCount == 0 ? 0 : ring / ringCount);
        return contrast >= MinContrast ? new FluorescentChromosome(emission, grid, truth.Label, name) : null;
    }

    /// <summary>Median and robust spread (1.4826 × median absolute deviation) of the pixels far from every chromosome.</summary>
    private static Backdrop BackdropOf(byte[] pixels, int[] owner, int width, int height)
    {
        var far = new MaskGrid(0, 0, width, height);
        for (var i = 0; i < owner.Length; i++)
        {
            far[i % width, i / width] = owner[i] != 0;
        }

        far = far.Dilate(Clearance, square: true);
        var histogram = new long[256];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (!far.Covers(x, y))
                {
                    histogram[pixels[(y * width) + x]]++;
                }
            }
        }

        var median = Median(histogram);
        var deviations = new long[256];
        for (var value = 0; value < 256; value++)
        {
            deviations[Math.Abs(value - median)] += histogram[value];
        }

        return new Backdrop(median, Math.Max(0.5, 1.4826 * Median(deviations)));
    }

    private static int Median(long[] histogram)
    {
        var total = histogram.Sum();
        long seen = 0;
        for (var value = 0; value < histogram.Length; value++)
        {
            seen += histogram[value];
            if (2 * seen >= total && total > 0)
            {
                return value;
            }
        }

        return 0;
    }
}
