namespace ChromoFarm.Training.Segmentation;

/// <summary>Fills a polygon the way labelme draws its masks: pixel centres inside by the even-odd rule.</summary>
public static class PolygonRaster
{
    /// <returns>The polygon's pixels clipped to the image; null when it covers no pixel centre.</returns>
    public static InstanceMask? Fill(IReadOnlyList<(double X, double Y)> points, int imageWidth, int imageHeight)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 3)
        {
            return null;
        }

        var left = Math.Max(0, (int)Math.Floor(points.Min(p => p.X)));
        var right = Math.Min(imageWidth - 1, (int)Math.Ceiling(points.Max(p => p.X)));
        var top = Math.Max(0, (int)Math.Floor(points.Min(p => p.Y)));
        var bottom = Math.Min(imageHeight - 1, (int)Math.Ceiling(points.Max(p => p.Y)));
        if (right < left || bottom < top)
        {
            return null;
        }

        var width = right - left + 1;
        var height = bottom - top + 1;
        var bits = new byte[width * height];
        var crossings = new List<double>();
        var filled = 0;
        for (var y = top; y <= bottom; y++)
        {
            // Edges crossing the row through the pixel centres; half-open in y so a vertex counts once.
            crossings.Clear();
            for (var i = 0; i < points.Count; i++)
            {
                var (x0, y0) = points[i];
                var (x1, y1) = points[(i + 1) % points.Count];
                if ((y0 <= y && y < y1) || (y1 <= y && y < y0))
                {
                    crossings.Add(x0 + (y - y0) * (x1 - x0) / (y1 - y0));
                }
            }

            crossings.Sort();
            for (var k = 0; k + 1 < crossings.Count; k += 2)
            {
                var from = Math.Max(left, (int)Math.Ceiling(crossings[k]));
                var to = Math.Min(right, (int)Math.Floor(crossings[k + 1]));
                for (var x = from; x <= to; x++)
                {
                    bits[(y - top) * width + x - left] = 1;
                    filled++;
                }
            }
        }

        return filled == 0 ? null : new InstanceMask(left, top, width, height, bits);
    }
}
