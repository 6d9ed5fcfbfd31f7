using ChromoFarm.Domain;

namespace ChromoFarm.Karyotyping;

/// <summary>
/// How likely each copy number is, before looking at a cell: the one place the assignment's priors live.
/// Fitted from labelled cells (<see cref="Fit"/>) rather than set by hand: autosomes get P(N = 0..3) per
/// class, shrunk toward the rate pooled over all autosomes (Pki-3 has only a handful of trisomies per
/// class); the sex chromosomes get one joint distribution over complements (XX, XY, X, XXY, ...) because
/// X and Y counts are not independent: 45,X is rare while X and XX are both common.
/// </summary>
/// <param name="Autosomes">Per autosome 1..22, P(N = k) for k = 0..<see cref="MaxAutosomeCopies"/>.</param>
/// <param name="SexComplements">P of each complement, keyed by its X and Y counts.</param>
public sealed record CopyNumberPriors(IReadOnlyList<double[]> Autosomes, IReadOnlyDictionary<(int X, int Y), double> SexComplements)
{
    public const int MaxAutosomeCopies = 3;

    /// <summary>What the priors were fitted on; null for priors built in code (tests).</summary>
    public PriorsProvenance? Provenance { get; init; }

    /// <summary>Recorded with every result, so that a call can be traced to the priors that made it.</summary>
    public string Version => Provenance?.Version ?? "unversioned";

    /// <summary>Complements considered: one to three X, none to two Y.</summary>
    public static IReadOnlyList<(int X, int Y)> Complements { get; } =
        [.. from x in Enumerable.Range(1, 3) from y in Enumerable.Range(0, 3) select (x, y)];

    // Pseudo-cells of the pooled autosome distribution added to each class (empirical-Bayes shrinkage), and
    // pseudo-counts per sex complement: enough that a complement or a gain never seen in the data stays possible.
    private const double PooledWeight = 50;
    private const double ComplementPseudoCount = 0.5;

    /// <summary>Fits the priors on the label lists of whole cells (e.g. Pki-3 train and val).</summary>
    public static CopyNumberPriors Fit(IEnumerable<IReadOnlyList<ChromosomeClass>> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var counts = new double[ChromosomeClass.AutosomeCount, MaxAutosomeCopies + 1];
        var complements = Complements.ToDictionary(c => c, _ => ComplementPseudoCount);
        var total = 0;
        foreach (var labels in cells)
        {
            var karyotype = Karyotype.FromLabels(labels);
            for (var c = 0; c < ChromosomeClass.AutosomeCount; c++)
            {
                counts[c, Math.Min(MaxAutosomeCopies, karyotype.CopiesOf(new ChromosomeClass(c)))]++;
            }

            var key = (karyotype.CopiesOf(ChromosomeClass.X), karyotype.CopiesOf(ChromosomeClass.Y));
            if (complements.TryGetValue(key, out var seen))
            {
                complements[key] = seen + 1;
            }

            total++;
        }

        if (total == 0)
        {
            throw new ArgumentException("no cells to fit copy-number priors on", nameof(cells));
        }

        var pooled = new double[MaxAutosomeCopies + 1];
        for (var k = 0; k <= MaxAutosomeCopies; k++)
        {
            for (var c = 0; c < ChromosomeClass.AutosomeCount; c++)
            {
                pooled[k] += counts[c, k];
            }

            // Half a pseudo-count per copy number, so that no pooled rate is zero.
            pooled[k] = (pooled[k] + 0.5) / ((total * ChromosomeClass.AutosomeCount) + (0.5 * (MaxAutosomeCopies + 1)));
        }

        var autosomes = Enumerable.Range(0, ChromosomeClass.AutosomeCount)
            .Select(c => Enumerable.Range(0, MaxAutosomeCopies + 1).Select(k => (counts[c, k] + (PooledWeight * pooled[k])) / (total + PooledWeight)).ToArray())
            .ToArray();
        var sum = complements.Values.Sum();
        return new CopyNumberPriors(autosomes, complements.ToDictionary(p => p.Key, p => p.Value / sum));
    }

    /// <summary>
    /// Extra cost of the k-th copy (k = 1..3) of an autosome: −log P(k) + log P(k−1), so that a class holding
    /// m chromosomes pays −log P(m) in all (up to a constant per class). The assignment fills the cheapest slots
    /// of a class first, so it can only express costs that do not decrease with k; where the first copy would be
    /// dearer than the second (P(0) ≪ P(1) ≪ P(2)), the first is lowered to the second's cost. That keeps the
    /// odds between one, two and three copies exact and only overstates how unlikely a class with no copy is.
    /// </summary>
    public double[] AutosomeSlotCosts(ChromosomeClass autosome)
    {
        if (!autosome.IsAutosome)
        {
            throw new ArgumentException($"{autosome} is not an autosome", nameof(autosome));
        }

        var p = Autosomes[autosome.Index];
        var costs = new double[MaxAutosomeCopies];
        for (var k = MaxAutosomeCopies; k >= 1; k--)
        {
            costs[k - 1] = -Math.Log(p[k]) + Math.Log(p[k - 1]);
            if (k < MaxAutosomeCopies)
            {
                costs[k - 1] = Math.Min(costs[k - 1], costs[k]);
            }
        }

        return costs;
    }

    /// <summary>−log P of a sex complement (infinite for one outside <see cref="Complements"/>).</summary>
    public double ComplementCost(int x, int y) =>
        SexComplements.TryGetValue((x, y), out var p) ? -Math.Log(p) : double.PositiveInfinity;
}
