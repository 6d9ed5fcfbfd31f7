namespace ChromoFarm.Karyotyping;

/// <summary>The best labelling of a cell under the copy-number priors, and how clearly it beat the other calls.</summary>
/// <param name="Posterior">
/// exp(−cost) of the best call over the sum for every distinct call that was evaluated (odds of at least 1:1000
/// are always evaluated): the probability of the call, insofar as the classifier's probabilities are calibrated.
/// </param>
/// <param name="RunnerUp">The cheapest call with a different karyotype, when one was within reach.</param>
public sealed record KaryotypeSearch(CellAssignment Best, Karyotype Karyotype, double Posterior, KaryotypeAlternative? RunnerUp);

/// <summary>A competing karyotype call and how much dearer it was (nats; odds 1 : e^CostGap).</summary>
public sealed record KaryotypeAlternative(Karyotype Karyotype, double CostGap);
