namespace ChromoFarm.Training;

/// <summary>One evaluated chromosome: class indices of the truth, the argmax and the assignment.</summary>
public readonly record struct ChromosomeOutcome(int Truth, int Argmax, int Assigned, float ArgmaxProbability);

/// <summary>One evaluated cell, for the lists of worst cells and of karyotype calls.</summary>
public sealed record CellEvaluation(
    string Patient,
    string Cell,
    int Chromosomes,
    int ArgmaxErrors,
    int AssignedErrors,
    string TruthKaryotype,
    string CalledKaryotype)
{
    public double CallConfidence { get; init; }

    /// <summary>The most likely competing call, if any was within reach.</summary>
    public string? Alternative { get; init; }

    /// <summary><see cref="Karyotyping.ReviewReasonNames"/> joined by ';'; empty when none.</summary>
    public string ReviewReasons { get; init; } = string.Empty;

    /// <summary>The call the naive force-to-46 redistribution would make.</summary>
    public string? ForcedKaryotype { get; init; }
}

/// <summary>Everything an evaluation saw, for reports beyond the summary numbers.</summary>
public sealed class EvaluationDetails
{
    public List<ChromosomeOutcome> Chromosomes { get; } = [];

    public List<CellEvaluation> Cells { get; } = [];

    /// <summary>Every chromosome's 24 probabilities, in the order of <see cref="Chromosomes"/> (for calibration).</summary>
    public List<float[]> Probabilities { get; } = [];
}
