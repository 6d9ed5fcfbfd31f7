using ChromoFarm.Domain;

namespace ChromoFarm.Training;

/// <summary>Per-class loss weights that make rare classes (Y above all) count as much as common ones.</summary>
public static class ClassWeights
{
    // Beyond this, a class seen a handful of times would dominate the loss with its noise.
    private const float MaxWeight = 10f;

    /// <summary>Weight n / (classes present × count), capped; 0 for classes absent from the data.</summary>
    public static float[] InverseFrequency(IEnumerable<ChromosomeClass> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var counts = new int[ChromosomeClass.Count];
        foreach (var label in labels)
        {
            counts[label.Index]++;
        }

        var total = counts.Sum();
        var present = counts.Count(c => c > 0);
        return counts.Select(c => c == 0 ? 0f : Math.Min(MaxWeight, (float)total / (present * c))).ToArray();
    }
}
