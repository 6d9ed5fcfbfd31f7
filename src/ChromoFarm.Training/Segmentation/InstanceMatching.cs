namespace ChromoFarm.Training.Segmentation;

/// <summary>How the predicted objects of one image line up with its annotated ones.</summary>
/// <param name="Matches">One-to-one pairs at IoU ≥ the threshold: (truth index, predicted index, IoU).</param>
/// <param name="Merges">Predicted objects that cover most of two or more annotated ones.</param>
/// <param name="Splits">Annotated objects of which two or more predicted objects each lie mostly inside.</param>
/// <param name="MergedPredictions">Indices of the predicted objects counted in <paramref name="Merges"/>.</param>
public sealed record InstanceMatching(
    IReadOnlyList<(int Truth, int Predicted, double IoU)> Matches,
    int Merges,
    int Splits,
    IReadOnlySet<int> MergedPredictions)
{
    /// <summary>The usual instance-segmentation threshold: above it a truth can match only one disjoint prediction.</summary>
    public const double DefaultThreshold = 0.5;

    // "Mostly": more than half of the object's pixels.
    private const double Covered = 0.5;

    public static InstanceMatching Match(IReadOnlyList<InstanceMask> truth, IReadOnlyList<InstanceMask> predicted, double threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        var intersections = new Dictionary<(int, int), int>();
        for (var t = 0; t < truth.Count; t++)
        {
            for (var p = 0; p < predicted.Count; p++)
            {
                if (BoxesMeet(truth[t], predicted[p]) && truth[t].Intersection(predicted[p]) is > 0 and var n)
                {
                    intersections[(t, p)] = n;
                }
            }
        }

        // Greedy by IoU: the same as optimal when the threshold is above 0.5, and a tie-break at exactly 0.5.
        var candidates = intersections
            .Select(e => (Truth: e.Key.Item1, Predicted: e.Key.Item2, IoU: (double)e.Value / (truth[e.Key.Item1].Area + predicted[e.Key.Item2].Area - e.Value)))
            .Where(c => c.IoU >= threshold)
            .OrderByDescending(c => c.IoU);
        var usedTruth = new HashSet<int>();
        var usedPredicted = new HashSet<int>();
        var matches = new List<(int, int, double)>();
        foreach (var c in candidates)
        {
            if (!usedTruth.Contains(c.Truth) && !usedPredicted.Contains(c.Predicted))
            {
                usedTruth.Add(c.Truth);
                usedPredicted.Add(c.Predicted);
                matches.Add((c.Truth, c.Predicted, c.IoU));
            }
        }

        var merged = intersections
            .Where(e => e.Value > Covered * truth[e.Key.Item1].Area)
            .GroupBy(e => e.Key.Item2)
            .Where(g => g.Count() >= 2)
            .Select(g => g.Key)
            .ToHashSet();
        var splits = intersections
            .Where(e => e.Value > Covered * predicted[e.Key.Item2].Area)
            .GroupBy(e => e.Key.Item1)
            .Count(g => g.Count() >= 2);
        return new InstanceMatching(matches, merged.Count, splits, merged);
    }

    private static bool BoxesMeet(InstanceMask a, InstanceMask b) =>
        a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height;
}
