using ChromoFarm.Domain;

namespace ChromoFarm.Training.Tests;

public class ClassWeightsTests
{
    [Fact]
    public void A_class_seen_half_as_often_weighs_twice_as_much()
    {
        // 1 ×4, 2 ×4, Y ×2: 10 labels over 3 present classes → 10/12 and 10/6.
        var labels = Enumerable.Repeat(ChromosomeClass.Autosome(1), 4)
            .Concat(Enumerable.Repeat(ChromosomeClass.Autosome(2), 4))
            .Concat(Enumerable.Repeat(ChromosomeClass.Y, 2));

        var weights = ClassWeights.InverseFrequency(labels);

        Assert.Equal(10f / 12, weights[0], 5);
        Assert.Equal(10f / 6, weights[ChromosomeClass.Y.Index], 5);
        Assert.Equal(0f, weights[ChromosomeClass.X.Index]);
    }

    [Fact]
    public void Weights_are_capped_so_a_nearly_absent_class_cannot_dominate()
    {
        var labels = Enumerable.Repeat(ChromosomeClass.Autosome(1), 1000).Append(ChromosomeClass.Y);
        Assert.Equal(10f, ClassWeights.InverseFrequency(labels)[ChromosomeClass.Y.Index]);
    }
}
