using System.Globalization;

namespace ChromoFarm.Screening;

/// <summary>
/// Decides from the segmenter's objects whether an image is one metaphase: how many objects, how they are laid
/// out, and whether they fall into separate groups (several metaphases in one field).
/// </summary>
public sealed class SpreadScreen(ScreeningOptions? options = null)
{
    // Bounding boxes this much taller than wide count as upright; chromosomes shorter than half the median are
    // too round to have an orientation and are left out of the count.
    private const double UprightAspect = 1.6;

    public ScreeningOptions Options { get; } = options ?? new ScreeningOptions();

    public SpreadVerdict Screen(IReadOnlyList<SpreadObject> objects, ImageStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(statistics);
        if (statistics.Roughness > Options.MaxRoughness)
        {
            return Refuse(string.Create(CultureInfo.InvariantCulture,
                $"not a metaphase: the image is noise-like (roughness {statistics.Roughness:0.00}, chromosomes are below {Options.MaxRoughness:0.00})"));
        }

        if (objects.Count > Options.MaxObjects)
        {
            return Refuse($"not a metaphase: {objects.Count} objects (a metaphase has about 46; more than {Options.MaxObjects} is noise, debris or several cells)");
        }

        var groups = Groups(objects);
        var others = groups.Skip(1).Where(g => g.Count >= Options.OtherMetaphaseObjects).ToArray();
        var keep = groups.Except(others).SelectMany(g => g).Order().ToArray();
        if (keep.Length < Options.MinObjects)
        {
            return Refuse($"not a whole metaphase: {keep.Length} objects (fewer than {Options.MinObjects})");
        }

        var elongated = keep.Where(i => objects[i].Length >= 0.5 * MedianLength(objects, keep)).ToArray();
        var upright = elongated.Count(i => objects[i].Height >= UprightAspect * objects[i].Width);
        if (elongated.Length > 0 && upright >= Options.KaryogramUprightShare * elongated.Length)
        {
            return Refuse(string.Create(CultureInfo.InvariantCulture,
                $"not a metaphase: {upright} of {elongated.Length} chromosomes stand upright, as in a karyogram sheet (analyse the spread, or the crops as a crop set)"));
        }

        return new SpreadVerdict(null, keep, others.Length, others.Sum(g => g.Count));
    }

    // Single-linkage groups of objects whose boxes come within the gap of each other, largest first.
    private List<List<int>> Groups(IReadOnlyList<SpreadObject> objects)
    {
        var all = Enumerable.Range(0, objects.Count).ToArray();
        var gap = Options.MetaphaseGap * MedianLength(objects, all);
        var parent = all.ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        for (var i = 0; i < objects.Count; i++)
        {
            for (var j = i + 1; j < objects.Count; j++)
            {
                if (BoxGap(objects[i], objects[j]) <= gap)
                {
                    parent[Find(i)] = Find(j);
                }
            }
        }

        return all.GroupBy(Find)
            .Select(g => g.ToList())
            .OrderByDescending(g => g.Count)
            .ThenByDescending(g => g.Sum(i => (long)objects[i].Area))
            .ToList();
    }

    private static double BoxGap(SpreadObject a, SpreadObject b)
    {
        var dx = Math.Max(0, Math.Max(a.X - (b.X + b.Width), b.X - (a.X + a.Width)));
        var dy = Math.Max(0, Math.Max(a.Y - (b.Y + b.Height), b.Y - (a.Y + a.Height)));
        return Math.Sqrt((double)dx * dx + (double)dy * dy);
    }

    private static double MedianLength(IReadOnlyList<SpreadObject> objects, int[] indices)
    {
        if (indices.Length == 0)
        {
            return 0;
        }

        var lengths = indices.Select(i => (double)objects[i].Length).Order().ToArray();
        return lengths[lengths.Length / 2];
    }

    private static SpreadVerdict Refuse(string reason) => new(reason, [], 0, 0);
}
