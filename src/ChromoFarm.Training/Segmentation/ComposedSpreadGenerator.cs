using System.Globalization;
using ChromoFarm.Native;

namespace ChromoFarm.Training.Segmentation;

/// <summary>
/// Composes a fluorescence spread from annotated chromosomes of real spreads: drawn at random from a
/// <see cref="ChromosomePool"/>, turned, and laid as <see cref="SyntheticSpreadGenerator"/> lays G-band
/// crops, with random shares touching and overlapping. Emission adds up where chromosomes overlap,
/// as fluorescent light does, over the level and noise of one of the pool's real backgrounds. The truth
/// is exact, so the learned segmenter sees far more contacts between fluorescent chromosomes than the
/// annotated images hold.
/// </summary>
internal static class ComposedSpreadGenerator
{
    /// <summary>Composes spread <paramref name="seed"/>; the same pool, options and seed give the same spread.</summary>
    public static AnnotatedSpread Generate(ChromosomePool pool, ComposedSpreadOptions options, ulong seed)
    {
        var random = SyntheticSpreadGenerator.SeededRandom(seed);
        var drawn = new FluorescentChromosome[options.Chromosomes];
        var cutouts = new ChromosomeCutout[drawn.Length];
        var layoutOptions = new SyntheticSpreadOptions
        {
            TouchingRate = random.NextDouble() * options.MaxTouchingRate,
            OverlapRate = random.NextDouble() * options.MaxOverlapRate,
        };
        for (var i = 0; i < drawn.Length; i++)
        {
            drawn[i] = pool.Chromosomes[random.Next(pool.Chromosomes.Count)];
            cutouts[i] = ChromosomeCutout.Turn(drawn[i].Emission, drawn[i].Mask, random.NextDouble() * 360, layoutOptions.Gap, background: 0f);
        }

        var layout = SyntheticSpreadGenerator.Arrange(cutouts, layoutOptions, random, i => drawn[i].Spread);
        var truth = new TruthInstance[cutouts.Length];
        for (var i = 0; i < cutouts.Length; i++)
        {
            truth[i] = new TruthInstance(SyntheticSpreadGenerator.TruthMask(cutouts[i], layout.PositionOf(i)), drawn[i].Label);
        }

        var backdrop = pool.Backdrops[random.Next(pool.Backdrops.Count)];
        var pixels = Composite(layout, backdrop, random);
        var name = string.Create(CultureInfo.InvariantCulture,
            $"composed-t{layoutOptions.TouchingRate:0.##}-o{layoutOptions.OverlapRate:0.##}-s{seed}");
        return new AnnotatedSpread(name, GreyImage.FromPixels(pixels, layout.Width, layout.Height), truth);
    }

    // Fluorescence: emission adds up where chromosomes overlap.
    private static byte[] Composite(SpreadLayout layout, Backdrop backdrop, Random random)
    {
        var light = new float[layout.Width * layout.Height];
        Array.Fill(light, (float)backdrop.Level);
        layout.Paint(light, (canvas, emission) => canvas + emission);

        var pixels = new byte[light.Length];
        for (var i = 0; i < light.Length; i++)
        {
            pixels[i] = (byte)Math.Clamp(Math.Round(light[i] + (backdrop.Noise * SyntheticSpreadGenerator.Gaussian(random))), 0, 255);
        }

        return pixels;
    }
}
