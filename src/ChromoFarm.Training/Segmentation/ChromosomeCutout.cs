namespace ChromoFarm.Training.Segmentation;

/// <summary>
/// One chromosome cut out of its crop and turned, ready to be laid on a canvas: its mask, the masks
/// used for spacing and contact tests, and its signal: transmittance for brightfield (1 = lets all light
/// through), or emission above the background for fluorescence (0 = dark).
/// Coordinates are the cutout's own; the box has a clear one-pixel border around the mask.
/// </summary>
internal sealed class ChromosomeCutout
{
    // Cells a turn may have put across the mouth of a crevice between two arms; wider closures are filled.
    private const int MaxReopenedMouth = 3;

    private readonly float[] signal;

    private ChromosomeCutout(MaskGrid mask, float[] signal, int gap)
    {
        Mask = mask;
        this.signal = signal;
        Near = mask.Dilate(1, square: true);
        Spacing = mask.Dilate(gap);
        Area = mask.Area;
        (CentroidX, CentroidY, Radius, Thickness) = Shape(mask, Area);
    }

    public MaskGrid Mask { get; }

    /// <summary>The mask grown to its 8-neighbours: meeting another mask means touching or overlapping it.</summary>
    public MaskGrid Near { get; }

    /// <summary>The mask grown by the gap (a disk): meeting another mask means coming closer than the gap.</summary>
    public MaskGrid Spacing { get; }

    public int Width => Mask.Width;

    public int Height => Mask.Height;

    public int Area { get; }

    public double CentroidX { get; }

    public double CentroidY { get; }

    /// <summary>The farthest mask pixel from the centroid.</summary>
    public double Radius { get; }

    /// <summary>The chromosome's width, roughly: that of the rectangle with the mask's second moments.</summary>
    public double Thickness { get; }

    /// <summary>The signal (transmittance or emission) at box cell (u, v).</summary>
    public float SignalAt(int u, int v) => signal[(v * Width) + u];

    /// <summary>
    /// Turns a crop by <paramref name="degrees"/> about its centre: signal bilinear (with the background's
    /// signal beyond the crop), mask nearest-neighbour, so that truth stays binary and keeps the crop's area.
    /// </summary>
    /// <param name="crop">The crop's signal, row by row.</param>
    /// <param name="cropMask">The chromosome in the crop.</param>
    /// <param name="background">The signal of empty background: 1 (clear light) for transmittance, 0 for emission.</param>
    public static ChromosomeCutout Turn(float[] crop, MaskGrid cropMask, double degrees, int gap, float background = 1f)
    {
        var (w, h) = (cropMask.Width, cropMask.Height);
        var radians = degrees * Math.PI / 180;
        var (cos, sin) = (Math.Cos(radians), Math.Sin(radians));
        var outWidth = (int)Math.Ceiling((Math.Abs(w * cos) + Math.Abs(h * sin)) + 3);
        var outHeight = (int)Math.Ceiling((Math.Abs(w * sin) + Math.Abs(h * cos)) + 3);
        var (cx, cy) = ((w - 1) / 2.0, (h - 1) / 2.0);
        var (ox, oy) = ((outWidth - 1) / 2.0, (outHeight - 1) / 2.0);

        var turnedMask = new MaskGrid(0, 0, outWidth, outHeight);
        var turned = new float[outWidth * outHeight];
        for (var y = 0; y < outHeight; y++)
        {
            for (var x = 0; x < outWidth; x++)
            {
                // Inverse mapping: where in the crop this output pixel comes from.
                var (dx, dy) = (x - ox, y - oy);
                var sx = cx + (dx * cos) + (dy * sin);
                var sy = cy - (dx * sin) + (dy * cos);
                turned[(y * outWidth) + x] = Bilinear(crop, w, h, sx, sy, background);
                var (nx, ny) = ((int)Math.Round(sx), (int)Math.Round(sy));
                turnedMask[x, y] = nx >= 0 && ny >= 0 && nx < w && ny < h && cropMask[nx, ny];
            }
        }

        // Nearest-neighbour turning can split a one-pixel neck, or close the mouth of a one-pixel crevice
        // between two arms so that it looks like a hole; truth must stay one solid piece without holes.
        turnedMask = turnedMask.LargestComponent().OpenCrevices(MaxReopenedMouth).LargestComponent();
        var bounds = turnedMask.Bounds()
            ?? throw new InvalidOperationException("the crop's chromosome vanished when turned");

        // The cutout's box: the mask's tight box plus a clear one-pixel border.
        var (left, top) = (bounds.X - 1, bounds.Y - 1);
        var (width, height) = (bounds.Width + 2, bounds.Height + 2);
        var mask = new MaskGrid(0, 0, width, height);
        var cut = new float[width * height];
        for (var v = 0; v < height; v++)
        {
            for (var u = 0; u < width; u++)
            {
                var (x, y) = (left + u, top + v);
                var inside = x >= 0 && y >= 0 && x < outWidth && y < outHeight;
                mask[u, v] = inside && turnedMask[x, y];
                cut[(v * width) + u] = inside ? turned[(y * outWidth) + x] : background;
            }
        }

        return new ChromosomeCutout(mask, cut, gap);
    }

    private static float Bilinear(float[] image, int w, int h, double x, double y, float beyond)
    {
        var x0 = (int)Math.Floor(x);
        var y0 = (int)Math.Floor(y);
        var (fx, fy) = (x - x0, y - y0);
        float At(int u, int v) => u >= 0 && v >= 0 && u < w && v < h ? image[(v * w) + u] : beyond;
        var top = ((1 - fx) * At(x0, y0)) + (fx * At(x0 + 1, y0));
        var bottom = ((1 - fx) * At(x0, y0 + 1)) + (fx * At(x0 + 1, y0 + 1));
        return (float)(((1 - fy) * top) + (fy * bottom));
    }

    private static (double X, double Y, double Radius, double Thickness) Shape(MaskGrid mask, int area)
    {
        double sx = 0, sy = 0;
        for (var v = 0; v < mask.Height; v++)
        {
            for (var u = 0; u < mask.Width; u++)
            {
                if (mask[u, v])
                {
                    sx += u;
                    sy += v;
                }
            }
        }

        var (mx, my) = (sx / area, sy / area);
        double xx = 0, yy = 0, xy = 0, radius = 0;
        for (var v = 0; v < mask.Height; v++)
        {
            for (var u = 0; u < mask.Width; u++)
            {
                if (mask[u, v])
                {
                    var (dx, dy) = (u - mx, v - my);
                    xx += dx * dx;
                    yy += dy * dy;
                    xy += dx * dy;
                    radius = Math.Max(radius, Math.Sqrt((dx * dx) + (dy * dy)));
                }
            }
        }

        (xx, yy, xy) = (xx / area, yy / area, xy / area);
        var spread = Math.Sqrt(((xx - yy) * (xx - yy) / 4) + (xy * xy));
        var major = ((xx + yy) / 2) + spread;
        var minor = Math.Max(((xx + yy) / 2) - spread, 0);

        // A bar of length L and width W has variances L²/12 and W²/12; a bent chromosome inflates the
        // minor one, so also take area / length and keep the smaller.
        var length = Math.Sqrt(12 * major);
        var width = Math.Min(Math.Sqrt(12 * minor), length > 0 ? area / length : 1);
        return (mx, my, radius + 1, Math.Max(width, 1));
    }
}
