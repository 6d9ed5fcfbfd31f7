namespace ChromoFarm.Training;

/// <summary>One confidence bin of a reliability diagram.</summary>
public sealed record CalibrationBin(double Low, double High, int Count, double MeanConfidence, double Accuracy);

/// <summary>How well the argmax probability predicts being right.</summary>
public static class Calibration
{
    public const int DefaultBins = 15;

    /// <summary>Equal-width bins over [0, 1] of (confidence, correct) pairs.</summary>
    public static IReadOnlyList<CalibrationBin> Bins(IEnumerable<(double Confidence, bool Correct)> predictions, int bins = DefaultBins)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bins);
        var count = new int[bins];
        var confidence = new double[bins];
        var correct = new int[bins];
        foreach (var (p, hit) in predictions)
        {
            var b = Math.Min(bins - 1, (int)(Math.Clamp(p, 0, 1) * bins));
            count[b]++;
            confidence[b] += p;
            correct[b] += hit ? 1 : 0;
        }

        return Enumerable.Range(0, bins).Select(b => new CalibrationBin(
            (double)b / bins,
            (double)(b + 1) / bins,
            count[b],
            count[b] == 0 ? 0 : confidence[b] / count[b],
            count[b] == 0 ? 0 : (double)correct[b] / count[b])).ToArray();
    }

    /// <summary>Expected calibration error: the count-weighted mean gap between confidence and accuracy.</summary>
    public static double ExpectedError(IReadOnlyList<CalibrationBin> bins)
    {
        ArgumentNullException.ThrowIfNull(bins);
        var total = bins.Sum(b => b.Count);
        return total == 0 ? 0 : bins.Sum(b => b.Count * Math.Abs(b.MeanConfidence - b.Accuracy)) / total;
    }
}
