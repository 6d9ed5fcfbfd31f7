namespace ChromoFarm.Training.Segmentation;

/// <summary>
/// The outer boundary of a mask as a polygon along pixel edges (crack following, the object taken as
/// 8-connected), with only its corners kept. Pixel (x, y) is the square [x, x+1) × [y, y+1).
/// </summary>
internal static class MaskContour
{
    /// <summary>
    /// The corners of the outer boundary of the mask's first object in raster order, clockwise on screen.
    /// Holes are not traced: the polygon covers them.
    /// </summary>
    public static IReadOnlyList<(int X, int Y)> Outer(InstanceMask mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var first = FirstPixel(mask) ?? throw new ArgumentException("the mask is empty", nameof(mask));

        // Start at the first pixel's top-left corner heading east along its top edge, the object on the right.
        var start = first;
        var (x, y) = start;
        var (dx, dy) = (1, 0);
        var corners = new List<(int X, int Y)>();
        var limit = 4L * (mask.Width + 1) * (mask.Height + 1);
        for (long steps = 0; ; steps++)
        {
            if (steps > limit)
            {
                throw new InvalidOperationException("the boundary did not close; the tracer is wrong");
            }

            (x, y) = (x + dx, y + dy);

            // The two pixels beyond this corner, left and right of the way ahead (y grows downward).
            var (rx, ry) = (-dy, dx);
            var leftAhead = mask.Contains(Math.Min(x, Math.Min(x + dx, x - rx)), Math.Min(y, Math.Min(y + dy, y - ry)));
            var rightAhead = mask.Contains(Math.Min(x, Math.Min(x + dx, x + rx)), Math.Min(y, Math.Min(y + dy, y + ry)));
            var (nx, ny) = leftAhead ? (dy, -dx) // a pixel across a corner counts as connected: turn into it
                : rightAhead ? (dx, dy)
                : (-dy, dx);
            if ((nx, ny) != (dx, dy))
            {
                corners.Add((x, y));
            }

            (dx, dy) = (nx, ny);
            if ((x, y) == start)
            {
                return corners;
            }
        }
    }

    private static (int X, int Y)? FirstPixel(InstanceMask mask)
    {
        for (var y = mask.Y; y < mask.Y + mask.Height; y++)
        {
            for (var x = mask.X; x < mask.X + mask.Width; x++)
            {
                if (mask.Contains(x, y))
                {
                    return (x, y);
                }
            }
        }

        return null;
    }
}
