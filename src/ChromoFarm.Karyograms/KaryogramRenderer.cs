using System.Diagnostics;
using ChromoFarm.Diagnostics;
using ChromoFarm.Native;
using ChromoFarm.Storage;
using SkiaSharp;

namespace ChromoFarm.Karyograms;

/// <summary>
/// Draws a cell's karyogram from its stored images: each chromosome stood upright (its long axis vertical, p arm
/// up as far as the centromere can be found), in the ISCN rows of <see cref="KaryogramLayout"/>, labels under each
/// class, outlines for flagged chromosomes, the call in the title. An image that is missing or unreadable leaves a
/// dashed place with the label, never a failed picture.
/// </summary>
public sealed class KaryogramRenderer(IObjectStore store)
{
    // The tallest chromosome is drawn about this tall, within the scale bounds below.
    private const int TallestDrawn = 150;
    private const double MinScale = 0.6;
    private const double MaxScale = 3.0;
    private const int TitleHeight = 78;
    private const int UprightMargin = 1;

    public async Task<KaryogramPicture> RenderAsync(KaryogramRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var span = FarmTelemetry.Source.StartActivity("render karyogram");
        span?.SetTag("chromofarm.chromosomes", request.Chromosomes.Count);
        var bytes = await ChromosomeBitmaps.FetchAsync(store, request.Chromosomes.Where(c => c.ImageKey is not null).Select(c => c.ImageKey!), cancellationToken).ConfigureAwait(false);
        var drawn = request.Chromosomes.Select(c => Prepare(c, c.ImageKey is null ? null : bytes[c.ImageKey])).ToList();
        try
        {
            return Draw(request, drawn);
        }
        finally
        {
            drawn.ForEach(d => d.Bitmap?.Dispose());
        }
    }

    private static DrawnChromosome Prepare(KaryogramChromosome chromosome, byte[]? bytes)
    {
        using var decoded = ChromosomeBitmaps.TryDecode(bytes, chromosome.ImageKey ?? "-");
        if (decoded is null)
        {
            return new DrawnChromosome(chromosome, null, 0, 0, 0);
        }

        using var upright = decoded.Upright(UprightMargin);
        var pixels = upright.CopyPixels();
        var centromere = CentromereEstimate.Find(pixels, upright.Width, upright.Height, IscnLayout.CentromereIndex(chromosome.Label));
        if (centromere.Turn)
        {
            // Row-major pixels reversed are the picture turned 180°.
            Array.Reverse(pixels);
        }

        return new DrawnChromosome(chromosome, ChromosomeBitmaps.ToBitmap(pixels, upright.Width, upright.Height), upright.Width, upright.Height, centromere.Row);
    }

    private static KaryogramPicture Draw(KaryogramRequest request, List<DrawnChromosome> drawn)
    {
        var withImage = drawn.Where(d => d.Bitmap is not null).ToList();
        var tallest = withImage.Count == 0 ? TallestDrawn : withImage.Max(d => d.Height);
        var scale = Math.Clamp((double)TallestDrawn / tallest, MinScale, MaxScale);

        // A place without an image gets the cell's median size, so that the rows keep their shape.
        var (medianWidth, medianHeight) = withImage.Count == 0 ? (12, 60) : (Median(withImage.Select(d => d.Width)), Median(withImage.Select(d => d.Height)));
        var items = drawn.Select(d => d.Bitmap is null
            ? new LayoutItem(d.Chromosome.Index, d.Chromosome.Label, medianWidth, medianHeight, (int)(medianHeight * 0.4))
            : new LayoutItem(d.Chromosome.Index, d.Chromosome.Label, d.Width, d.Height, d.CentromereRow)).ToList();
        var geometry = KaryogramLayout.Arrange(items, scale, TitleHeight);
        // Wide enough for the title and subtitle: a long call ("44,XX,-7,-16") must not be cut off.
        var width = Math.Max(geometry.Width, Math.Max(640, TitleWidth(request)));

        using var surface = SKSurface.Create(new SKImageInfo(width, geometry.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        DrawTitle(canvas, request, width);

        var byIndex = drawn.ToDictionary(d => d.Chromosome.Index);
        var offset = (width - geometry.Width) / 2;
        var placements = geometry.Placements.Select(p => p with { X = p.X + offset }).ToList();
        using var sampling = new SKPaint { IsAntialias = true };
        foreach (var place in placements)
        {
            var chromosome = byIndex[place.Index];
            var rect = SKRect.Create(place.X, place.Y, place.Width, place.Height);
            if (chromosome.Bitmap is { } bitmap)
            {
                using var image = SKImage.FromBitmap(bitmap);
                canvas.DrawImage(image, rect, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), sampling);
            }
            else
            {
                using var dashed = PictureStyle.Stroke(PictureStyle.Muted, 1);
                dashed.PathEffect = SKPathEffect.CreateDash([4, 3], 0);
                canvas.DrawRoundRect(rect, 4, 4, dashed);
            }

            if (PictureStyle.MarkColour(chromosome.Chromosome.Marks) is { } colour)
            {
                using var outline = PictureStyle.Stroke(colour, 2);
                var around = rect;
                around.Inflate(3, 3);
                canvas.DrawRoundRect(around, 3, 3, outline);
            }
        }

        using var captionFont = PictureStyle.Font(13, bold: true);
        using var ink = PictureStyle.Fill(PictureStyle.Ink);
        using var rule = PictureStyle.Stroke(PictureStyle.Muted, 1);
        foreach (var caption in geometry.Captions)
        {
            var x = caption.CenterX + offset;
            canvas.DrawText(caption.Text, x, caption.BaselineY, SKTextAlign.Center, captionFont, ink);
            canvas.DrawLine(x - 12, caption.BaselineY - 15, x + 12, caption.BaselineY - 15, rule);
        }

        return new KaryogramPicture(PictureStyle.Encode(surface), width, geometry.Height, placements);
    }

    private static void DrawTitle(SKCanvas canvas, KaryogramRequest request, int width)
    {
        using var titleFont = PictureStyle.Font(20, bold: true);
        using var subtitleFont = PictureStyle.Font(13);
        using var ink = PictureStyle.Fill(PictureStyle.Ink);
        using var muted = PictureStyle.Fill(PictureStyle.Muted);
        canvas.DrawText(request.Title, 24, 32, SKTextAlign.Left, titleFont, ink);
        canvas.DrawText(request.Subtitle, 24, 54, SKTextAlign.Left, subtitleFont, muted);
        PictureStyle.DrawLegend(canvas, width - 24, 72);
    }

    private static int TitleWidth(KaryogramRequest request)
    {
        using var titleFont = PictureStyle.Font(20, bold: true);
        using var subtitleFont = PictureStyle.Font(13);
        return 48 + (int)Math.Ceiling(Math.Max(titleFont.MeasureText(request.Title), subtitleFont.MeasureText(request.Subtitle)));
    }

    private static int Median(IEnumerable<int> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    [DebuggerDisplay("{Chromosome.Index} {Chromosome.Label}")]
    private sealed record DrawnChromosome(KaryogramChromosome Chromosome, SKBitmap? Bitmap, int Width, int Height, int CentromereRow);
}
