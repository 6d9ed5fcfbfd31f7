using ChromoFarm.Models;

namespace ChromoFarm.Core.Tests;

public class TemperatureScalingTests
{
    [Fact]
    public void A_temperature_of_one_half_squares_and_renormalises_the_probabilities()
    {
        // [0.5, 0.3, 0.2]^2 = [0.25, 0.09, 0.04], sum 0.38.
        float[] row = [0.5f, 0.3f, 0.2f];

        TemperatureScaling.Apply(row, 3, 0.5);

        Assert.Equal(0.25 / 0.38, row[0], 5);
        Assert.Equal(0.09 / 0.38, row[1], 5);
        Assert.Equal(0.04 / 0.38, row[2], 5);
    }

    [Fact]
    public void Scaling_keeps_every_rows_argmax_and_sum()
    {
        float[] rows = [0.1f, 0.6f, 0.3f, 0.34f, 0.33f, 0.33f];

        TemperatureScaling.Apply(rows, 3, 2.5);

        Assert.Equal(1, Array.IndexOf(rows, rows[..3].Max()));
        Assert.Equal(3, Array.IndexOf(rows, rows[3..].Max()));
        Assert.Equal(1.0, rows[..3].Sum(), 5);
        Assert.Equal(1.0, rows[3..].Sum(), 5);
    }

    [Fact]
    public void Fitting_recovers_the_temperature_of_an_under_confident_model()
    {
        // Labels drawn from softmax(z); the "model" reports softmax(z / 2), too flat: T = 0.5 undoes it.
        var random = new Random(3);
        var probabilities = new List<float[]>();
        var labels = new List<int>();
        for (var n = 0; n < 20_000; n++)
        {
            double[] z = [random.NextDouble() * 4, random.NextDouble() * 4, random.NextDouble() * 4, random.NextDouble() * 4];
            var truth = Softmax(z, 1.0);
            labels.Add(Sample(truth, random.NextDouble()));
            probabilities.Add(Softmax(z, 2.0).Select(p => (float)p).ToArray());
        }

        var temperature = TemperatureScaling.Fit(probabilities, labels);

        Assert.InRange(temperature, 0.45, 0.55);
        Assert.True(
            TemperatureScaling.NegativeLogLikelihood(probabilities, labels, temperature) < TemperatureScaling.NegativeLogLikelihood(probabilities, labels, 1.0),
            "the fitted temperature lowers the negative log-likelihood");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(100.0)]
    public void A_temperature_outside_the_allowed_range_is_refused(double temperature)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TemperatureScaling.Apply(new float[3], 3, temperature));
    }

    private static double[] Softmax(double[] z, double divisor)
    {
        var e = z.Select(v => Math.Exp(v / divisor)).ToArray();
        var sum = e.Sum();
        return e.Select(v => v / sum).ToArray();
    }

    private static int Sample(double[] distribution, double u)
    {
        for (var k = 0; k < distribution.Length; k++)
        {
            u -= distribution[k];
            if (u < 0)
            {
                return k;
            }
        }

        return distribution.Length - 1;
    }
}
