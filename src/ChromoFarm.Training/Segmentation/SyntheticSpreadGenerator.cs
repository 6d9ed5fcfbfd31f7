using System.Globalization;
using ChromoFarm.Datasets;
using ChromoFarm.Native;

namespace ChromoFarm.Training.Segmentation;

/// <summary>
/// Lays the single-chromosome crops of one real cell on a blank canvas, turned at random, with a chosen
/// share of them touching or overlapping, and keeps each chromosome's full mask as truth. Gives
/// segmentation tests and reports spreads whose answer is known, at any crowding.
/// </summary>
public static class SyntheticSpreadGenerator
{
    // Random spots tried for a chromosome laid apart before the canvas grows, and growths allowed.
    private const int ApartAttempts = 2000;
    private const int MaxGrowths = 8;

    // Partners tried for a contact, and slide directions per partner, before laying it apart instead.
    private const int MaxPartners = 6;
    private const int DirectionsPerPartner = 24;

    /// <summary>Generates one spread; the same cell and options give the same pixels and truth.</summary>
    /// <exception cref="InvalidOperationException">A fixed canvas has no room left for a chromosome.</exception>
    public static SyntheticSpread Generate(ManifestCell cell, SyntheticSpreadOptions options)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (cell.Crops.Count == 0)
        {
            throw new ArgumentException($"cell {cell.Cell} has no crops", nameof(cell));
        }

        var random = SeededRandom(options.Seed);
        var degrees = new double[cell.Crops.Count];
        var cropAreas = new int[cell.Crops.Count];
        var cutouts = new ChromosomeCutout[cell.Crops.Count];
        for (var i = 0; i < cutouts.Length; i++)
        {
            degrees[i] = random.NextDouble() * 360;
            (cutouts[i], cropAreas[i]) = CutOut(cell.Crops[i], degrees[i], options.Gap);
        }

        var layout = Arrange(cutouts, options, random, i => cell.Crops[i].FullPath);
        var contacts = Contacts(cutouts, layout);
        var truth = new TruthInstance[cutouts.Length];
        var chromosomes = new SyntheticChromosome[cutouts.Length];
        for (var i = 0; i < cutouts.Length; i++)
        {
            truth[i] = new TruthInstance(TruthMask(cutouts[i], layout.PositionOf(i)), cell.Crops[i].Label);
            chromosomes[i] = new SyntheticChromosome(cell.Crops[i], degrees[i], cropAreas[i], contacts[i]);
        }

        var pixels = Composite(layout, options, random);
        var name = string.Create(
            CultureInfo.InvariantCulture,
            $"synthetic-{cell.Cell}-t{options.TouchingRate:0.###}-o{options.OverlapRate:0.###}-s{options.Seed}");
        var image = GreyImage.FromPixels(pixels, layout.Width, layout.Height);
        return new SyntheticSpread(new AnnotatedSpread(name, image, truth), chromosomes);
    }

    /// <summary>A generator's random source: System.Random with a seed follows the same sequence on every .NET version.</summary>
    internal static Random SeededRandom(ulong seed) => new(unchecked((int)seed ^ (int)(seed >> 32)));

    /// <summary>
    /// Sizes the canvas and lays the cutouts on it in random order: each one against a partner where
    /// the contact quota asks for it and a partner has room, the others apart.
    /// </summary>
    /// <param name="sourceOf">Names where cutout i came from, for the error when no room is left.</param>
    internal static SpreadLayout Arrange(ChromosomeCutout[] cutouts, SyntheticSpreadOptions options, Random random, Func<int, string> sourceOf)
    {
        var (width, height) = CanvasSize(cutouts, options);
        var layout = new SpreadLayout(cutouts, width, height, options.Gap);
        var quota = new ContactQuota(cutouts.Length, options.TouchingRate, options.OverlapRate);
        var order = Enumerable.Range(0, cutouts.Length).ToArray();
        random.Shuffle(order);
        for (var k = 0; k < order.Length; k++)
        {
            var index = order[k];
            var (kind, partners) = quota.Next(order.Length - k, random);
            int? partner = null;
            foreach (var candidate in partners.Take(MaxPartners))
            {
                if (layout.TryPlaceAgainst(index, candidate, kind, random, DirectionsPerPartner))
                {
                    partner = candidate;
                    break;
                }
            }

            if (partner is null)
            {
                PlaceApart(layout, index, sourceOf(index), random, fixedCanvas: options.CanvasWidth.HasValue);
                quota.Placed(index, ChromosomeContact.None, null);
            }
            else
            {
                quota.Placed(index, kind, partner);
            }
        }

        return layout;
    }

    private static (ChromosomeCutout Cutout, int CropArea) CutOut(ManifestEntry crop, double degrees, int gap)
    {
        using var image = GreyImage.Decode(crop.FullPath);
        var pixels = image.CopyPixels();
        var (mask, background) = CropSilhouette.Of(pixels, image.Width, image.Height);

        // Transmittance relative to the crop's own background, so a greyish crop leaves no darker patch.
        var light = new float[pixels.Length];
        for (var i = 0; i < pixels.Length; i++)
        {
            light[i] = (float)Math.Min(1.0, pixels[i] / background);
        }

        return (ChromosomeCutout.Turn(light, mask, degrees, gap), mask.Area);
    }

    private static (int Width, int Height) CanvasSize(ChromosomeCutout[] cutouts, SyntheticSpreadOptions options)
    {
        if (options is { CanvasWidth: int fixedWidth, CanvasHeight: int fixedHeight })
        {
            return (fixedWidth, fixedHeight);
        }

        var area = options.CanvasAreaFactor * cutouts.Sum(c => c.Area);
        var width = (int)Math.Ceiling(Math.Sqrt(area * 4 / 3));
        var height = (int)Math.Ceiling(width * 3 / 4.0);

        // Room for the largest chromosome in any direction, with the gap to the edge.
        var largest = cutouts.Max(c => Math.Max(c.Width, c.Height)) + (2 * options.Gap);
        return (Math.Max(width, largest), Math.Max(height, largest));
    }

    private static void PlaceApart(SpreadLayout layout, int index, string source, Random random, bool fixedCanvas)
    {
        for (var growths = 0; !layout.TryPlaceApart(index, random, ApartAttempts); growths++)
        {
            if (fixedCanvas || growths == MaxGrowths)
            {
                throw new InvalidOperationException(
                    $"no room left for {source} on a {layout.Width}x{layout.Height} canvas after {ApartAttempts} tries; give a larger canvas or CanvasAreaFactor");
            }

            layout.Grow();
        }
    }

    // Contact as the finished truth shows it, whatever the plan was: overlapping beats touching.
    internal static ChromosomeContact[] Contacts(ChromosomeCutout[] cutouts, SpreadLayout layout)
    {
        var contacts = new ChromosomeContact[cutouts.Length];
        for (var i = 0; i < cutouts.Length; i++)
        {
            var (xi, yi) = layout.PositionOf(i);
            for (var j = i + 1; j < cutouts.Length; j++)
            {
                var (xj, yj) = layout.PositionOf(j);
                var contact = MaskGrid.Meets(cutouts[i].Mask, xi, yi, cutouts[j].Mask, xj, yj) ? ChromosomeContact.Overlapping
                    : MaskGrid.Meets(cutouts[i].Near, xi, yi, cutouts[j].Mask, xj, yj) ? ChromosomeContact.Touching
                    : ChromosomeContact.None;
                contacts[i] = (ChromosomeContact)Math.Max((int)contacts[i], (int)contact);
                contacts[j] = (ChromosomeContact)Math.Max((int)contacts[j], (int)contact);
            }
        }

        return contacts;
    }

    internal static InstanceMask TruthMask(ChromosomeCutout cutout, (int X, int Y) position)
    {
        // The cutout's box has a clear one-pixel border; truth gets the tight box inside it.
        var (width, height) = (cutout.Width - 2, cutout.Height - 2);
        var bits = new byte[width * height];
        for (var v = 0; v < height; v++)
        {
            for (var u = 0; u < width; u++)
            {
                bits[(v * width) + u] = cutout.Mask[u + 1, v + 1] ? (byte)1 : (byte)0;
            }
        }

        return new InstanceMask(position.X + 1, position.Y + 1, width, height, bits);
    }

    /// <summary>
    /// Brightfield physics: light through stacked chromosomes is the product of their transmittances.
    /// Only pixels on or next to a chromosome's mask are laid, so crop grain and neighbours' bits stay behind.
    /// </summary>
    private static byte[] Composite(SpreadLayout layout, SyntheticSpreadOptions options, Random random)
    {
        var light = new float[layout.Width * layout.Height];
        Array.Fill(light, 1f);
        layout.Paint(light, (canvas, transmittance) => canvas * transmittance);

        var pixels = new byte[light.Length];
        for (var i = 0; i < light.Length; i++)
        {
            var grey = (255 * light[i]) + (options.NoiseSigma > 0 ? options.NoiseSigma * Gaussian(random) : 0);
            var value = (byte)Math.Clamp(Math.Round(grey), 0, 255);
            pixels[i] = options.Polarity == Polarity.LightOnDark ? (byte)(255 - value) : value;
        }

        return pixels;
    }

    // Box–Muller; one of the pair is thrown away, which costs little at these sizes.
    internal static double Gaussian(Random random)
    {
        var u = 1 - random.NextDouble();
        var v = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
