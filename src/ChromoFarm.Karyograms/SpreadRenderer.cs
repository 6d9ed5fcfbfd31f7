using System.Globalization;
using ChromoFarm.Diagnostics;
using ChromoFarm.Storage;
using SkiaSharp;

namespace ChromoFarm.Karyograms;

/// <summary>
/// The whole metaphase spread a cell was cut from, each object outlined with its number (index + 1, as the review
/// page lists them) and its label, flagged objects in their mark's colour.
/// </summary>
public sealed class SpreadRenderer(IObjectStore store)
{
    // Wide spreads are drawn smaller; small ones are never enlarged past this.
    private const int MaxWidth = 1200;
    private const double MaxScale = 2.0;
    private const int TitleHeight = 64;

    /// <returns>Null when the spread's image is missing from the store or unreadable.</returns>
    public async Task<KaryogramPicture?> RenderAsync(string spreadKey, KaryogramRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(spreadKey);
        ArgumentNullException.ThrowIfNull(request);
        using var span = FarmTelemetry.Source.StartActivity("render spread");
        var bytes = await ChromosomeBitmaps.FetchAsync(store, [spreadKey], cancellationToken).ConfigureAwait(false);
        using var spread = ChromosomeBitmaps.TryDecode(bytes[spreadKey], spreadKey);
        if (spread is null)
        {
            return null;
        }

        var scale = Math.Min(MaxScale, (double)MaxWidth / spread.Width);
        int width = Math.Max(640, (int)Math.Round(spread.Width * scale)), height = (int)Math.Round(spread.Height * scale) + TitleHeight;
        using var bitmap = ChromosomeBitmaps.ToBitmap(spread.CopyPixels(), spread.Width, spread.Height);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using (var titleFont = PictureStyle.Font(18, bold: true))
        using (var subtitleFont = PictureStyle.Font(13))
        using (var ink = PictureStyle.Fill(PictureStyle.Ink))
        using (var muted = PictureStyle.Fill(PictureStyle.Muted))
        {
            canvas.DrawText(request.Title, 16, 26, SKTextAlign.Left, titleFont, ink);
            canvas.DrawText(request.Subtitle, 16, 46, SKTextAlign.Left, subtitleFont, muted);
        }

        PictureStyle.DrawLegend(canvas, width - 16, 46);
        using (var image = SKImage.FromBitmap(bitmap))
        using (var paint = new SKPaint { IsAntialias = true })
        {
            canvas.DrawImage(image, SKRect.Create(0, TitleHeight, (float)(spread.Width * scale), (float)(spread.Height * scale)), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None), paint);
        }

        var placements = new List<Placement>();
        using var numberFont = PictureStyle.Font(11, bold: true);
        foreach (var chromosome in request.Chromosomes.Where(c => c.Box is not null))
        {
            var box = chromosome.Box!;
            var rect = SKRect.Create((float)(box.X * scale), TitleHeight + (float)(box.Y * scale), (float)(box.Width * scale), (float)(box.Height * scale));
            var colour = PictureStyle.MarkColour(chromosome.Marks) ?? new SKColor(0x10, 0x90, 0x40);
            using var outline = PictureStyle.Stroke(colour, chromosome.Marks == ChromosomeMarks.None ? 1 : 2);
            canvas.DrawRect(rect, outline);
            var text = string.Create(CultureInfo.InvariantCulture, $"{chromosome.Index + 1}:{chromosome.Label}");
            var textWidth = numberFont.MeasureText(text);
            using var tag = PictureStyle.Fill(colour.WithAlpha(220));
            canvas.DrawRect(rect.Left, rect.Top - 13, textWidth + 4, 13, tag);
            using var white = PictureStyle.Fill(SKColors.White);
            canvas.DrawText(text, rect.Left + 2, rect.Top - 3, SKTextAlign.Left, numberFont, white);
            placements.Add(new Placement(chromosome.Index, chromosome.Label, (int)rect.Left, (int)rect.Top, (int)rect.Width, (int)rect.Height));
        }

        return new KaryogramPicture(PictureStyle.Encode(surface), width, height, placements);
    }
}
