using SkiaSharp;

namespace ChromoFarm.Karyograms;

/// <summary>The pictures' fonts and colours: one place, so that the karyogram and the spread read alike.</summary>
internal static class PictureStyle
{
    public static readonly SKColor Ink = new(0x20, 0x20, 0x20);
    public static readonly SKColor Muted = new(0x60, 0x60, 0x60);
    public static readonly SKColor LowConfidence = new(0xE0, 0x8A, 0x00);
    public static readonly SKColor Segmentation = new(0xD0, 0x20, 0x20);
    public static readonly SKColor Corrected = new(0x1F, 0x5F, 0xD0);

    public static readonly (ChromosomeMarks Mark, SKColor Colour, string Meaning)[] Legend =
    [
        (ChromosomeMarks.Segmentation, Segmentation, "possible cluster"),
        (ChromosomeMarks.LowConfidence, LowConfidence, "low confidence"),
        (ChromosomeMarks.Corrected, Corrected, "corrected"),
    ];

    public static SKFont Font(float size, bool bold = false) =>
        new(SKTypeface.FromFamilyName(null, bold ? SKFontStyle.Bold : SKFontStyle.Normal), size);

    public static SKPaint Fill(SKColor colour) => new() { Color = colour, IsAntialias = true, Style = SKPaintStyle.Fill };

    public static SKPaint Stroke(SKColor colour, float width) => new() { Color = colour, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = width };

    /// <summary>The outline colour of the strongest mark: a possible cluster over low confidence over a correction.</summary>
    public static SKColor? MarkColour(ChromosomeMarks marks) =>
        Legend.Where(l => marks.HasFlag(l.Mark)).Select(l => (SKColor?)l.Colour).FirstOrDefault();

    /// <summary>The legend's swatches and words, right-aligned to <paramref name="right"/>.</summary>
    public static void DrawLegend(SKCanvas canvas, float right, float baseline)
    {
        using var font = Font(12);
        using var ink = Fill(Muted);
        var x = right;
        foreach (var (_, colour, meaning) in Legend.Reverse())
        {
            x -= font.MeasureText(meaning);
            canvas.DrawText(meaning, x, baseline, SKTextAlign.Left, font, ink);
            x -= 18;
            using var swatch = Stroke(colour, 2);
            canvas.DrawRect(x, baseline - 10, 12, 12, swatch);
            x -= 14;
        }
    }

    public static byte[] Encode(SKSurface surface)
    {
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
