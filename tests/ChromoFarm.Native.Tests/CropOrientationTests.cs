namespace ChromoFarm.Native.Tests;

/// <summary>Orientation (long axis turned vertical) and fit-to-canvas, on synthetic bars whose answer is known.</summary>
public class CropOrientationTests
{
    private const int Canvas = 48;

    [Fact]
    public void Orientation_turns_a_horizontal_bar_vertical()
    {
        using var bar = Bar(width: 30, height: 8);

        var (rows, columns) = DrawnExtent(bar, new PreprocessOptions { Canvas = Canvas, ReferenceLength = 30f, Orient = true });

        Assert.InRange(rows, 28, 32);
        Assert.InRange(columns, 6, 10);
    }

    [Fact]
    public void Without_orientation_a_horizontal_bar_stays_horizontal()
    {
        using var bar = Bar(width: 30, height: 8);

        var (rows, columns) = DrawnExtent(bar, new PreprocessOptions { Canvas = Canvas, ReferenceLength = 30f });

        Assert.InRange(columns, 28, 32);
        Assert.InRange(rows, 6, 10);
    }

    [Fact]
    public void A_diagonal_bar_is_turned_upright()
    {
        using var diagonal = DiagonalBar(side: 40, thickness: 3);

        var (rows, columns) = DrawnExtent(diagonal, new PreprocessOptions { Canvas = Canvas, ReferenceLength = 30f, Orient = true });

        Assert.True(rows > 3 * columns, $"drawn {rows} rows x {columns} columns");
    }

    [Fact]
    public void A_round_blob_is_left_as_it_is()
    {
        using var blob = Bar(width: 10, height: 9);
        var options = new PreprocessOptions { Canvas = Canvas, ReferenceLength = 10f };

        Assert.Equal(Draw(blob, options), Draw(blob, options with { Orient = true }));
    }

    [Fact]
    public void Fit_draws_the_longer_side_across_the_canvas_whatever_the_reference()
    {
        using var bar = Bar(width: 8, height: 20);

        var (rows, _) = DrawnExtent(bar, new PreprocessOptions { Canvas = Canvas, ReferenceLength = 5f, Fit = true });
        var (rowsOtherReference, _) = DrawnExtent(bar, new PreprocessOptions { Canvas = Canvas, ReferenceLength = 40f, Fit = true });

        // The kept mask (dark core plus its soft edge) spans the canvas; the dark core a little less.
        Assert.InRange(rows, Canvas - 6, Canvas);
        Assert.Equal(rows, rowsOtherReference);
    }

    // A dark bar on white, as G-band crops are.
    private static GreyImage Bar(int width, int height)
    {
        const int margin = 6;
        int w = width + (2 * margin), h = height + (2 * margin);
        var pixels = new byte[w * h];
        Array.Fill(pixels, (byte)255);
        for (var y = margin; y < margin + height; y++)
        {
            Array.Fill(pixels, (byte)40, (y * w) + margin, width);
        }

        return GreyImage.FromPixels(pixels, w, h);
    }

    private static GreyImage DiagonalBar(int side, int thickness)
    {
        var pixels = new byte[side * side];
        Array.Fill(pixels, (byte)255);
        for (var y = 4; y < side - 4; y++)
        {
            for (var x = Math.Max(0, y - thickness); x <= Math.Min(side - 1, y + thickness); x++)
            {
                pixels[(y * side) + x] = 40;
            }
        }

        return GreyImage.FromPixels(pixels, side, side);
    }

    private static float[] Draw(GreyImage crop, PreprocessOptions options)
    {
        var measure = crop.Measure();
        var batch = new ClassifierBatch(1, options.Canvas);
        new CropPreprocessor(options).Append(batch, [crop], [measure.Length], [measure.Area]);
        return batch.CropPixels(0).ToArray();
    }

    // Rows and columns of the canvas that hold any of the drawn chromosome.
    private static (int Rows, int Columns) DrawnExtent(GreyImage crop, PreprocessOptions options)
    {
        var pixels = Draw(crop, options);
        var canvas = options.Canvas;
        int top = canvas, bottom = -1, left = canvas, right = -1;
        for (var y = 0; y < canvas; y++)
        {
            for (var x = 0; x < canvas; x++)
            {
                if (pixels[(y * canvas) + x] > 0.25f)
                {
                    top = Math.Min(top, y);
                    bottom = Math.Max(bottom, y);
                    left = Math.Min(left, x);
                    right = Math.Max(right, x);
                }
            }
        }

        return bottom < 0 ? (0, 0) : (bottom - top + 1, right - left + 1);
    }
}
