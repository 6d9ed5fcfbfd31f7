using ChromoFarm.Native;

namespace ChromoFarm.Training.Segmentation;

/// <summary>
/// What the learned segmenter should say of each pixel of an annotated spread: background,
/// chromosome interior, or contact — a chromosome's pixel within one pixel (8-neighbourhood) of
/// another chromosome, or covered by two (overlap). Contacts are what keep neighbouring
/// chromosomes' interiors apart.
/// </summary>
public static class SegmentationTargets
{
    /// <returns>Width × Height classes (<see cref="SegmentationNetwork.Background"/>, ...), row by row.</returns>
    public static byte[] Of(IReadOnlyList<InstanceMask> truth, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(truth);
        const int None = 0, Shared = -1;
        var owner = new int[width * height];
        for (var id = 1; id <= truth.Count; id++)
        {
            var mask = truth[id - 1];
            for (var y = Math.Max(0, mask.Y); y < Math.Min(height, mask.Y + mask.Height); y++)
            {
                for (var x = Math.Max(0, mask.X); x < Math.Min(width, mask.X + mask.Width); x++)
                {
                    if (mask.Contains(x, y))
                    {
                        var at = y * width + x;
                        owner[at] = owner[at] == None ? id : Shared;
                    }
                }
            }
        }

        var targets = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var own = owner[y * width + x];
                if (own != None)
                {
                    targets[y * width + x] = own == Shared || NextToAnother(owner, width, height, x, y, own)
                        ? SegmentationNetwork.Contact
                        : SegmentationNetwork.Interior;
                }
            }
        }

        return targets;
    }

    private static bool NextToAnother(int[] owner, int width, int height, int x, int y, int own)
    {
        for (var dy = -1; dy <= 1; dy++)
        {
            for (var dx = -1; dx <= 1; dx++)
            {
                int nx = x + dx, ny = y + dy;
                if (nx >= 0 && ny >= 0 && nx < width && ny < height && owner[ny * width + nx] is var other && other != 0 && other != own)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
