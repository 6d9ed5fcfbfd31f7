namespace ChromoFarm.Training.Tests;

public sealed class EarlyStoppingTests
{
    [Theory]
    // Patience 0: every epoch of the schedule, however long ago the best one was.
    [InlineData(1, 0, 0, true)]
    [InlineData(30, 5, 0, true)]
    // Patience 6, best epoch 11: epochs 12 to 17 still run, 18 does not.
    [InlineData(17, 11, 6, true)]
    [InlineData(18, 11, 6, false)]
    // Patience 1: one epoch without a better score, then stop.
    [InlineData(3, 2, 1, true)]
    [InlineData(4, 2, 1, false)]
    public void Goes_on_while_the_best_epoch_is_within_patience_and_always_with_patience_zero(int epoch, int bestEpoch, int patience, bool continues) =>
        Assert.Equal(continues, EarlyStopping.Continues(epoch, bestEpoch, patience));

    [Fact]
    public void Negative_patience_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EarlyStopping.Continues(1, 0, -1));
}
