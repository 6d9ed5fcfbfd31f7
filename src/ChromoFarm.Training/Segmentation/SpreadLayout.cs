namespace ChromoFarm.Training.Segmentation;

/// <summary>
/// Where the cutouts of one spread lie on the canvas, and the moves that put them there: a random free
/// spot for a chromosome laid apart, a slide toward a partner for one laid against another.
/// </summary>
internal sealed class SpreadLayout
{
    // Crossing depth, as a fraction of the narrower chromosome's width.
    private const double MinCrossing = 0.15;
    private const double MaxCrossing = 0.40;

    // An overlap may hide at most this share of the smaller chromosome: a crossing, not an eclipse.
    private const double MaxHiddenShare = 0.5;

    private readonly IReadOnlyList<ChromosomeCutout> cutouts;
    private readonly int gap;
    private readonly (int X, int Y)?[] positions;
    private readonly List<int> placed = [];

    public SpreadLayout(IReadOnlyList<ChromosomeCutout> cutouts, int width, int height, int gap)
    {
        this.cutouts = cutouts;
        this.gap = gap;
        positions = new (int X, int Y)?[cutouts.Count];
        (Width, Height) = (width, height);
    }

    public int Width { get; private set; }

    public int Height { get; private set; }

    /// <summary>Where cutout <paramref name="index"/> lies (its box's top-left canvas pixel).</summary>
    public (int X, int Y) PositionOf(int index) =>
        positions[index] ?? throw new InvalidOperationException($"chromosome {index} has not been placed");

    /// <summary>Makes room by growing the canvas right and down, which moves nothing already placed.</summary>
    public void Grow()
    {
        Width = (int)Math.Ceiling(Width * 1.1);
        Height = (int)Math.Ceiling(Height * 1.1);
    }

    /// <summary>Tries random spots until one keeps the gap to every placed chromosome.</summary>
    public bool TryPlaceApart(int index, Random random, int attempts)
    {
        var cutout = cutouts[index];
        var (maxX, maxY) = (Width - gap - cutout.Width, Height - gap - cutout.Height);
        if (maxX < gap || maxY < gap)
        {
            return false;
        }

        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var x = random.Next(gap, maxX + 1);
            var y = random.Next(gap, maxY + 1);
            if (KeepsGap(index, x, y, except: null))
            {
                Place(index, x, y);
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Slides the chromosome toward <paramref name="partner"/> from random directions, one pixel a step,
    /// until it touches (masks 8-adjacent) or, for an overlap, until it has crossed a random 15–40 % of the
    /// narrower width. The spot is kept only if it is on the canvas and keeps the gap to everyone else.
    /// </summary>
    public bool TryPlaceAgainst(int index, int partner, ChromosomeContact kind, Random random, int attempts)
    {
        var cutout = cutouts[index];
        var target = cutouts[partner];
        var (tx, ty) = PositionOf(partner);
        var (centreX, centreY) = (tx + target.CentroidX, ty + target.CentroidY);
        var start = cutout.Radius + target.Radius + gap + 2;
        var smaller = Math.Min(cutout.Area, target.Area);

        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var direction = random.NextDouble() * 2 * Math.PI;
            var (dx, dy) = (Math.Cos(direction), Math.Sin(direction));
            var depth = kind == ChromosomeContact.Overlapping
                ? Math.Max(1, (int)Math.Round((MinCrossing + (random.NextDouble() * (MaxCrossing - MinCrossing))) * Math.Min(cutout.Thickness, target.Thickness)))
                : 0;

            // Each step moves the centre by at most one pixel along each axis, so the masks pass through
            // 8-adjacency before they can overlap.
            (int X, int Y)? spot = null;
            var contact = -1;
            for (var step = 0; start - step > -start; step++)
            {
                var x = (int)Math.Floor(centreX + ((start - step) * dx) - cutout.CentroidX + 0.5);
                var y = (int)Math.Floor(centreY + ((start - step) * dy) - cutout.CentroidY + 0.5);
                if (contact < 0 && MaskGrid.Meets(cutout.Near, x, y, target.Mask, tx, ty))
                {
                    contact = step;
                }

                if (contact >= 0 && step - contact >= depth
                    && (kind == ChromosomeContact.Touching || MaskGrid.Meets(cutout.Mask, x, y, target.Mask, tx, ty)))
                {
                    spot = (x, y);
                    break;
                }
            }

            if (spot is not (int px, int py) || !OnCanvas(cutout, px, py))
            {
                continue;
            }

            var shared = MaskGrid.Overlap(cutout.Mask, px, py, target.Mask, tx, ty);
            var shapeHolds = kind == ChromosomeContact.Touching ? shared == 0 : shared > 0 && shared <= MaxHiddenShare * smaller;
            if (shapeHolds && KeepsGap(index, px, py, except: partner))
            {
                Place(index, px, py);
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Combines each placed cutout's signal into <paramref name="canvas"/> (Width × Height, row by row),
    /// on and next to its mask only, so that its box leaves no square and no neighbour's bits behind.
    /// Every cutout must have been placed.
    /// </summary>
    public void Paint(float[] canvas, Func<float, float, float> combine)
    {
        for (var index = 0; index < cutouts.Count; index++)
        {
            var cutout = cutouts[index];
            var (x, y) = PositionOf(index);
            for (var v = 0; v < cutout.Height; v++)
            {
                for (var u = 0; u < cutout.Width; u++)
                {
                    if (cutout.Near.Covers(u, v))
                    {
                        ref var pixel = ref canvas[((y + v) * Width) + x + u];
                        pixel = combine(pixel, cutout.SignalAt(u, v));
                    }
                }
            }
        }
    }

    private bool OnCanvas(ChromosomeCutout cutout, int x, int y) =>
        x >= gap && y >= gap && x + cutout.Width <= Width - gap && y + cutout.Height <= Height - gap;

    private bool KeepsGap(int index, int x, int y, int? except)
    {
        var spacing = cutouts[index].Spacing;
        foreach (var other in placed)
        {
            if (other == except)
            {
                continue;
            }

            var (ox, oy) = positions[other]!.Value;
            if (MaskGrid.Meets(spacing, x, y, cutouts[other].Mask, ox, oy))
            {
                return false;
            }
        }

        return true;
    }

    private void Place(int index, int x, int y)
    {
        positions[index] = (x, y);
        placed.Add(index);
    }
}
