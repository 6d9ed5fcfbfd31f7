namespace ChromoFarm.Training.Segmentation;

/// <summary>One object's pixels: a bounding box in the image and a box-sized mask (non-zero inside).</summary>
public sealed class InstanceMask
{
    private readonly byte[] bits;

    /// <param name="bits">Width × Height values, row by row; non-zero marks the object.</param>
    public InstanceMask(int x, int y, int width, int height, byte[] bits)
    {
        ArgumentNullException.ThrowIfNull(bits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (bits.Length != width * height)
        {
            throw new ArgumentException($"a {width}x{height} mask needs {width * height} values, got {bits.Length}", nameof(bits));
        }

        X = x;
        Y = y;
        Width = width;
        Height = height;
        this.bits = bits;
        Area = bits.Count(b => b != 0);
    }

    public int X { get; }

    public int Y { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Pixels inside the object.</summary>
    public int Area { get; }

    /// <summary>Whether image pixel (x, y) belongs to the object.</summary>
    public bool Contains(int x, int y)
    {
        var u = x - X;
        var v = y - Y;
        return u >= 0 && v >= 0 && u < Width && v < Height && bits[v * Width + u] != 0;
    }

    /// <summary>Pixels inside both objects.</summary>
    public int Intersection(InstanceMask other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var left = Math.Max(X, other.X);
        var top = Math.Max(Y, other.Y);
        var right = Math.Min(X + Width, other.X + other.Width);
        var bottom = Math.Min(Y + Height, other.Y + other.Height);
        var count = 0;
        for (var y = top; y < bottom; y++)
        {
            for (var x = left; x < right; x++)
            {
                if (bits[(y - Y) * Width + x - X] != 0 && other.bits[(y - other.Y) * other.Width + x - other.X] != 0)
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>Intersection over union; 0 when the objects do not meet.</summary>
    public double IoU(InstanceMask other)
    {
        var intersection = Intersection(other);
        return intersection == 0 ? 0 : (double)intersection / (Area + other.Area - intersection);
    }

    /// <summary>The tight mask of every pixel of a full-image label map that equals <paramref name="label"/>; null when there is none.</summary>
    public static InstanceMask? FromLabels(ReadOnlySpan<int> labels, int imageWidth, int label)
    {
        int left = int.MaxValue, top = int.MaxValue, right = -1, bottom = -1;
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] != label)
            {
                continue;
            }

            var x = i % imageWidth;
            var y = i / imageWidth;
            left = Math.Min(left, x);
            right = Math.Max(right, x);
            top = Math.Min(top, y);
            bottom = Math.Max(bottom, y);
        }

        if (right < 0)
        {
            return null;
        }

        var width = right - left + 1;
        var height = bottom - top + 1;
        var bits = new byte[width * height];
        for (var y = top; y <= bottom; y++)
        {
            for (var x = left; x <= right; x++)
            {
                bits[(y - top) * width + x - left] = labels[y * imageWidth + x] == label ? (byte)1 : (byte)0;
            }
        }

        return new InstanceMask(left, top, width, height, bits);
    }
}
