using ChromoFarm.Karyotyping;

namespace ChromoFarm.Core.Tests;

/// <summary>Priors built in code, so that expected costs can be worked out by hand.</summary>
internal static class TestPriors
{
    /// <summary>Every autosome gets the same P(N = 0..3); XX and XY 0.49 each, the other complements share 0.02.</summary>
    public static CopyNumberPriors SameForEveryAutosome(params double[] copies) => new(
        Enumerable.Range(0, 22).Select(_ => (double[])copies.Clone()).ToArray(),
        CopyNumberPriors.Complements.ToDictionary(c => c, c => c is (2, 0) or (1, 1) ? 0.49 : 0.02 / 7));
}
