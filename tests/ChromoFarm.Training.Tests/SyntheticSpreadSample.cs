using ChromoFarm.Datasets;
using ChromoFarm.Training.Segmentation;

namespace ChromoFarm.Training.Tests;

/// <summary>The real cell the synthetic-spread tests lay out (the first val cell of the shared Pki-3 manifest), and geometry to check truth with.</summary>
internal static class SyntheticSpreadSample
{
    private static readonly Lazy<ManifestCell> s_cell = new(
        () => DatasetManifest.Load(SharedData.File("pki3/manifest.csv")).CellsOf("val")[0]);

    public static ManifestCell Cell => s_cell.Value;

    /// <summary>Whether some pixel of <paramref name="a"/> has one of <paramref name="b"/> among its 8 neighbours (or on it).</summary>
    public static bool WithinEightNeighbours(InstanceMask a, InstanceMask b) => WithinDistance(a, b, Math.Sqrt(2));

    /// <summary>Whether a pixel centre of <paramref name="a"/> lies at most <paramref name="distance"/> from one of <paramref name="b"/>.</summary>
    public static bool WithinDistance(InstanceMask a, InstanceMask b, double distance)
    {
        var reach = (int)Math.Ceiling(distance);
        if (a.X - reach >= b.X + b.Width || b.X - reach >= a.X + a.Width || a.Y - reach >= b.Y + b.Height || b.Y - reach >= a.Y + a.Height)
        {
            return false;
        }

        for (var y = a.Y; y < a.Y + a.Height; y++)
        {
            for (var x = a.X; x < a.X + a.Width; x++)
            {
                if (!a.Contains(x, y))
                {
                    continue;
                }

                for (var dy = -reach; dy <= reach; dy++)
                {
                    for (var dx = -reach; dx <= reach; dx++)
                    {
                        if ((dx * dx) + (dy * dy) <= distance * distance + 1e-9 && b.Contains(x + dx, y + dy))
                        {
                            return true;
                        }
                    }
                }
            }
        }

        return false;
    }

    /// <summary>Contact of each truth instance, measured here independently of the generator.</summary>
    public static ChromosomeContact[] MeasuredContacts(IReadOnlyList<TruthInstance> truth)
    {
        var contacts = new ChromosomeContact[truth.Count];
        for (var i = 0; i < truth.Count; i++)
        {
            for (var j = 0; j < truth.Count; j++)
            {
                if (i == j)
                {
                    continue;
                }

                var contact = truth[i].Mask.Intersection(truth[j].Mask) > 0 ? ChromosomeContact.Overlapping
                    : WithinEightNeighbours(truth[i].Mask, truth[j].Mask) ? ChromosomeContact.Touching
                    : ChromosomeContact.None;
                if (contact > contacts[i])
                {
                    contacts[i] = contact;
                }
            }
        }

        return contacts;
    }
}
