using ChromoFarm.Domain;
using SkiaSharp;

namespace ChromoFarm.Api.Tests;

/// <summary>
/// Drawn chromosome crops: a banded body of each class's relative length with a waist at its centromere, turned a
/// little, dark on white. They stand in for real crops so that the tests and the documentation's screenshots
/// derive from no patient's images.
/// </summary>
public static class SyntheticChromosomes
{
    // Approximate relative lengths (chromosome 1 = 1.0) and centromere positions (p arm / length), ISCN 2020.
    private static readonly (double Length, double Centromere)[] Shapes =
    [
        (1.00, 0.49), (0.95, 0.39), (0.80, 0.47), (0.76, 0.29), (0.73, 0.29), (0.69, 0.39), (0.64, 0.39), (0.58, 0.34),
        (0.56, 0.35), (0.54, 0.33), (0.54, 0.40), (0.53, 0.27), (0.46, 0.15), (0.43, 0.16), (0.41, 0.17), (0.36, 0.41),
        (0.33, 0.34), (0.31, 0.27), (0.26, 0.46), (0.25, 0.45), (0.19, 0.30), (0.20, 0.30), (0.62, 0.40), (0.23, 0.30),
    ];

    /// <summary>A PNG of one chromosome of <paramref name="chromosome"/>'s class; <paramref name="seed"/> varies bands and turn.</summary>
    public static byte[] Png(ChromosomeClass chromosome, int seed)
    {
        var random = new Random(seed * 31 + chromosome.Index);
        var (relative, centromere) = Shapes[chromosome.Index];
        var length = (float)(230 * relative) + random.Next(-6, 7);
        const float Width = 22;
        var size = (int)(length + 40);
        using var surface = SKSurface.Create(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Translate(size / 2f, size / 2f);
        canvas.RotateDegrees(random.Next(-35, 36));
        canvas.Translate(-Width / 2, -length / 2);

        var waist = (float)(length * centromere);
        using var builder = new SKPathBuilder();
        builder.AddRoundRect(SKRect.Create(0, 0, Width, waist - 1), 9, 9);
        builder.AddRoundRect(SKRect.Create(0, waist + 1, Width, length - waist - 1), 9, 9);
        builder.AddRect(SKRect.Create(Width * 0.25f, waist - 4, Width * 0.5f, 8));
        using var body = builder.Detach();
        using var fill = new SKPaint { Color = new SKColor(150, 150, 150), IsAntialias = true };
        canvas.DrawPath(body, fill);

        // G-bands: dark stripes clipped to the body, their pattern fixed by class so that pairs look alike.
        var bands = new Random(chromosome.Index * 7919);
        canvas.ClipPath(body, antialias: true);
        using var band = new SKPaint { Color = new SKColor(55, 55, 55), IsAntialias = true };
        for (var y = 4f; y < length - 4;)
        {
            var thickness = 3 + bands.Next(0, 7);
            canvas.DrawRect(SKRect.Create(0, y, Width, thickness), band);
            y += thickness + 4 + bands.Next(0, 12);
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
