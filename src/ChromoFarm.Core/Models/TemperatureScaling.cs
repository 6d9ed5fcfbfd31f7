namespace ChromoFarm.Models;

/// <summary>
/// Post-hoc calibration by one temperature T: p'_k ∝ p_k^(1/T), the same as dividing the logits by T.
/// Argmax and the per-cell assignment (costs −log p scaled by 1/T plus a constant per chromosome)
/// are unchanged; only how much a confidence means changes. Label smoothing leaves our networks
/// under-confident (T &lt; 1 sharpens them).
/// </summary>
public static class TemperatureScaling
{
    public const double MinTemperature = 0.05;
    public const double MaxTemperature = 20.0;

    // Keeps log p finite for probabilities that underflowed to 0.
    private const double Floor = 1e-12;

    /// <summary>Rescales each row of <paramref name="rows"/> (row after row of <paramref name="classes"/> probabilities) in place.</summary>
    public static void Apply(Span<float> rows, int classes, double temperature)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        CheckTemperature(temperature);
        if (temperature == 1.0)
        {
            return;
        }

        var scaled = new double[classes];
        for (var start = 0; start + classes <= rows.Length; start += classes)
        {
            var row = rows.Slice(start, classes);
            ScaledLogSoftmax(row, temperature, scaled);
            for (var k = 0; k < classes; k++)
            {
                row[k] = (float)Math.Exp(scaled[k]);
            }
        }
    }

    /// <summary>Mean negative log-likelihood of the true classes after scaling by <paramref name="temperature"/>.</summary>
    public static double NegativeLogLikelihood(IReadOnlyList<float[]> probabilities, IReadOnlyList<int> labels, double temperature)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        if (probabilities.Count != labels.Count || probabilities.Count == 0)
        {
            throw new ArgumentException($"{probabilities.Count} probability rows for {labels.Count} labels");
        }

        double total = 0;
        var scaled = new double[probabilities[0].Length];
        for (var i = 0; i < probabilities.Count; i++)
        {
            if (probabilities[i].Length != scaled.Length)
            {
                throw new ArgumentException($"row {i} has {probabilities[i].Length} probabilities, row 0 has {scaled.Length}", nameof(probabilities));
            }

            ScaledLogSoftmax(probabilities[i], temperature, scaled);
            total -= scaled[labels[i]];
        }

        return total / probabilities.Count;
    }

    /// <summary>The temperature minimising the negative log-likelihood (golden-section search on log T; the NLL is unimodal in T).</summary>
    public static double Fit(IReadOnlyList<float[]> probabilities, IReadOnlyList<int> labels)
    {
        double low = Math.Log(MinTemperature), high = Math.Log(MaxTemperature);
        var ratio = (Math.Sqrt(5) - 1) / 2;
        double a = high - (ratio * (high - low)), b = low + (ratio * (high - low));
        double fa = NegativeLogLikelihood(probabilities, labels, Math.Exp(a)), fb = NegativeLogLikelihood(probabilities, labels, Math.Exp(b));
        while (high - low > 1e-4)
        {
            if (fa < fb)
            {
                high = b;
                b = a;
                fb = fa;
                a = high - (ratio * (high - low));
                fa = NegativeLogLikelihood(probabilities, labels, Math.Exp(a));
            }
            else
            {
                low = a;
                a = b;
                fa = fb;
                b = low + (ratio * (high - low));
                fb = NegativeLogLikelihood(probabilities, labels, Math.Exp(b));
            }
        }

        return Math.Round(Math.Exp((low + high) / 2), 4);
    }

    public static void CheckTemperature(double temperature)
    {
        if (!(temperature >= MinTemperature && temperature <= MaxTemperature))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, $"a temperature must lie in [{MinTemperature}, {MaxTemperature}]");
        }
    }

    // log softmax(log p / T): the log-probabilities of one row after scaling.
    private static void ScaledLogSoftmax(ReadOnlySpan<float> row, double temperature, Span<double> output)
    {
        var max = double.NegativeInfinity;
        for (var k = 0; k < row.Length; k++)
        {
            output[k] = Math.Log(Math.Max(row[k], Floor)) / temperature;
            max = Math.Max(max, output[k]);
        }

        double sum = 0;
        for (var k = 0; k < row.Length; k++)
        {
            sum += Math.Exp(output[k] - max);
        }

        var logSum = max + Math.Log(sum);
        for (var k = 0; k < row.Length; k++)
        {
            output[k] -= logSum;
        }
    }
}
