namespace ChromoFarm.Training.Segmentation;

/// <summary>
/// A binary mask in a cutout's own coordinates: a box at (<see cref="X"/>, <see cref="Y"/>) of
/// <see cref="Width"/> × <see cref="Height"/> cells. Placing the cutout at (px, py) puts cell (u, v)
/// at canvas pixel (px + X + u, py + Y + v).
/// </summary>
internal sealed class MaskGrid
{
    private readonly bool[] cells;

    public MaskGrid(int x, int y, int width, int height)
        : this(x, y, width, height, new bool[width * height])
    {
    }

    private MaskGrid(int x, int y, int width, int height, bool[] cells)
    {
        X = x;
        Y = y;
        Width = width;
        Height = height;
        this.cells = cells;
    }

    public int X { get; }

    public int Y { get; }

    public int Width { get; }

    public int Height { get; }

    public int Area => cells.Count(c => c);

    /// <summary>Cell (u, v) of the box (not cutout coordinates).</summary>
    public bool this[int u, int v]
    {
        get => cells[(v * Width) + u];
        set => cells[(v * Width) + u] = value;
    }

    /// <summary>Whether cutout pixel (x, y) is set; false outside the box.</summary>
    public bool Covers(int x, int y)
    {
        var u = x - X;
        var v = y - Y;
        return u >= 0 && v >= 0 && u < Width && v < Height && cells[(v * Width) + u];
    }

    /// <summary>
    /// Every pixel within Euclidean distance <paramref name="radius"/> of a set one (a disk), or, with
    /// <paramref name="square"/>, within Chebyshev distance (radius 1: the 8-neighbourhood). The box grows by the radius.
    /// </summary>
    public MaskGrid Dilate(int radius, bool square = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        var offsets = new List<(int Du, int Dv)>();
        for (var dv = -radius; dv <= radius; dv++)
        {
            for (var du = -radius; du <= radius; du++)
            {
                if (square || (du * du) + (dv * dv) <= radius * radius)
                {
                    offsets.Add((du, dv));
                }
            }
        }

        var grown = new MaskGrid(X - radius, Y - radius, Width + (2 * radius), Height + (2 * radius));
        for (var v = 0; v < Height; v++)
        {
            for (var u = 0; u < Width; u++)
            {
                // Interior cells add nothing their boundary neighbours do not.
                if (!this[u, v] || !IsBoundary(u, v))
                {
                    if (this[u, v])
                    {
                        grown[u + radius, v + radius] = true;
                    }

                    continue;
                }

                foreach (var (du, dv) in offsets)
                {
                    grown[u + radius + du, v + radius + dv] = true;
                }
            }
        }

        return grown;
    }

    /// <summary>Only the largest 8-connected group of set cells (the first in raster order on a tie).</summary>
    public MaskGrid LargestComponent()
    {
        var (labels, count) = ComponentLabels.Label(cells.Select(c => c ? (byte)1 : (byte)0).ToArray(), Width, Height);
        var sizes = new int[count + 1];
        foreach (var label in labels)
        {
            sizes[label]++;
        }

        // Components are numbered in raster order of their first cell, so the first maximum wins a tie.
        var best = 0;
        for (var label = 1; label <= count; label++)
        {
            if (sizes[label] > sizes[best] || best == 0)
            {
                best = label;
            }
        }

        return new MaskGrid(X, Y, Width, Height, labels.Select(l => l != 0 && l == best).ToArray());
    }

    /// <summary>Sets every cell the outside cannot reach through 4-connected clear cells (the holes).</summary>
    public MaskGrid FillHoles()
    {
        // 4-connected background is the complement of 8-connected foreground: a diagonal gap is not a way out.
        var outside = new bool[cells.Length];
        foreach (var border in BorderCells())
        {
            Flood(border, i => !cells[i] && !outside[i], outside);
        }

        return new MaskGrid(X, Y, Width, Height, outside.Select(o => !o).ToArray());
    }

    /// <summary>
    /// Removes the holes of a mask whose holes are background that turning cut off: a hole whose mouth can
    /// be reopened by clearing at most <paramref name="widestMouth"/> cells (the shortest 4-connected way
    /// through the mask to the outside) gets it reopened; any other hole is filled.
    /// </summary>
    public MaskGrid OpenCrevices(int widestMouth)
    {
        var opened = (bool[])cells.Clone();
        var outside = new bool[cells.Length];
        foreach (var border in BorderCells())
        {
            Flood(border, i => !opened[i] && !outside[i], outside);
        }

        var seen = new bool[cells.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            if (opened[i] || outside[i] || seen[i])
            {
                continue;
            }

            var hole = Flood(i, j => !opened[j] && !outside[j] && !seen[j], seen);
            var mouth = ShortestMouth(hole, opened, outside, widestMouth);
            if (mouth is null)
            {
                continue;
            }

            foreach (var j in mouth)
            {
                opened[j] = false;
            }

            Flood(mouth[0], j => !opened[j] && !outside[j], outside);
        }

        for (var i = 0; i < opened.Length; i++)
        {
            opened[i] |= !outside[i];
        }

        return new MaskGrid(X, Y, Width, Height, opened);
    }

    /// <summary>The tight box of the set cells in cutout coordinates; null when none is set.</summary>
    public (int X, int Y, int Width, int Height)? Bounds()
    {
        int left = int.MaxValue, top = int.MaxValue, right = -1, bottom = -1;
        for (var v = 0; v < Height; v++)
        {
            for (var u = 0; u < Width; u++)
            {
                if (this[u, v])
                {
                    left = Math.Min(left, u);
                    right = Math.Max(right, u);
                    top = Math.Min(top, v);
                    bottom = Math.Max(bottom, v);
                }
            }
        }

        return right < 0 ? null : (X + left, Y + top, right - left + 1, bottom - top + 1);
    }

    /// <summary>Pixels set in both masks, <paramref name="a"/> placed at (ax, ay) and <paramref name="b"/> at (bx, by).</summary>
    public static int Overlap(MaskGrid a, int ax, int ay, MaskGrid b, int bx, int by) => Count(a, ax, ay, b, bx, by, firstOnly: false);

    /// <summary>Whether the placed masks share at least one pixel.</summary>
    public static bool Meets(MaskGrid a, int ax, int ay, MaskGrid b, int bx, int by) => Count(a, ax, ay, b, bx, by, firstOnly: true) > 0;

    private static int Count(MaskGrid a, int ax, int ay, MaskGrid b, int bx, int by, bool firstOnly)
    {
        // Canvas boxes of the two masks, and their common part.
        var (aLeft, aTop) = (ax + a.X, ay + a.Y);
        var (bLeft, bTop) = (bx + b.X, by + b.Y);
        var left = Math.Max(aLeft, bLeft);
        var top = Math.Max(aTop, bTop);
        var right = Math.Min(aLeft + a.Width, bLeft + b.Width);
        var bottom = Math.Min(aTop + a.Height, bTop + b.Height);
        var count = 0;
        for (var y = top; y < bottom; y++)
        {
            for (var x = left; x < right; x++)
            {
                if (a[x - aLeft, y - aTop] && b[x - bLeft, y - bTop])
                {
                    if (firstOnly)
                    {
                        return 1;
                    }

                    count++;
                }
            }
        }

        return count;
    }

    // Breadth-first through set cells from those next to the hole to one next to the outside.
    private List<int>? ShortestMouth(List<int> hole, bool[] set, bool[] outside, int widestMouth)
    {
        var depth = new Dictionary<int, int>();
        var parent = new Dictionary<int, int>();
        var queue = new Queue<int>();
        foreach (var h in hole)
        {
            foreach (var n in FourNeighbours(h))
            {
                if (set[n] && depth.TryAdd(n, 1))
                {
                    parent[n] = -1;
                    queue.Enqueue(n);
                }
            }
        }

        while (queue.Count > 0)
        {
            var cell = queue.Dequeue();
            if (FourNeighbours(cell).Any(n => outside[n]))
            {
                var path = new List<int>();
                for (var c = cell; c >= 0; c = parent[c])
                {
                    path.Add(c);
                }

                return path;
            }

            if (depth[cell] == widestMouth)
            {
                continue;
            }

            foreach (var n in FourNeighbours(cell))
            {
                if (set[n] && depth.TryAdd(n, depth[cell] + 1))
                {
                    parent[n] = cell;
                    queue.Enqueue(n);
                }
            }
        }

        return null;
    }

    // Marks and returns the 4-connected cells reachable from start through cells that pass.
    private List<int> Flood(int start, Func<int, bool> passes, bool[] marks)
    {
        var found = new List<int>();
        if (!passes(start))
        {
            return found;
        }

        var stack = new Stack<int>();
        marks[start] = true;
        stack.Push(start);
        while (stack.Count > 0)
        {
            var i = stack.Pop();
            found.Add(i);
            foreach (var n in FourNeighbours(i))
            {
                if (passes(n))
                {
                    marks[n] = true;
                    stack.Push(n);
                }
            }
        }

        return found;
    }

    private IEnumerable<int> FourNeighbours(int i)
    {
        var (u, v) = (i % Width, i / Width);
        if (u > 0)
        {
            yield return i - 1;
        }

        if (u < Width - 1)
        {
            yield return i + 1;
        }

        if (v > 0)
        {
            yield return i - Width;
        }

        if (v < Height - 1)
        {
            yield return i + Width;
        }
    }

    private IEnumerable<int> BorderCells()
    {
        for (var u = 0; u < Width; u++)
        {
            yield return u;
            yield return ((Height - 1) * Width) + u;
        }

        for (var v = 0; v < Height; v++)
        {
            yield return v * Width;
            yield return (v * Width) + Width - 1;
        }
    }

    private bool IsBoundary(int u, int v) =>
        u == 0 || v == 0 || u == Width - 1 || v == Height - 1
        || !this[u - 1, v] || !this[u + 1, v] || !this[u, v - 1] || !this[u, v + 1];
}
