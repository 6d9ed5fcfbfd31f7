namespace ChromoFarm.Training.Tests;

public class CalibrationTests
{
    [Fact]
    public void Perfectly_calibrated_predictions_have_no_error()
    {
        // In the 0.8 bin, 4 of 5 predictions are right: accuracy equals confidence.
        var predictions = new[] { (0.8, true), (0.8, true), (0.8, true), (0.8, true), (0.8, false) };
        Assert.Equal(0, Calibration.ExpectedError(Calibration.Bins(predictions, bins: 10)), 12);
    }

    [Fact]
    public void Expected_error_is_the_count_weighted_gap()
    {
        // Bin [0.9,1.0]: 3 predictions at 0.95, 1 right → gap |0.95 − 1/3|; bin [0.5,0.6): 1 at 0.55, right → gap 0.45.
        var predictions = new[] { (0.95, true), (0.95, false), (0.95, false), (0.55, true) };
        var expected = ((3 * Math.Abs(0.95 - (1.0 / 3))) + (1 * 0.45)) / 4;
        Assert.Equal(expected, Calibration.ExpectedError(Calibration.Bins(predictions, bins: 10)), 9);
    }

    [Fact]
    public void A_confidence_of_exactly_one_falls_in_the_last_bin()
    {
        var bins = Calibration.Bins([(1.0, true)], bins: 15);
        Assert.Equal(1, bins[^1].Count);
    }
}
