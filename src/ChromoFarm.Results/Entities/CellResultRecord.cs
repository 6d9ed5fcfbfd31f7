namespace ChromoFarm.Results.Entities;

/// <summary>The analysis of one cell by one model version; (cell, model version) is unique.</summary>
public sealed class CellResultRecord
{
    public long Id { get; set; }

    public long CellId { get; set; }

    public CellRecord? Cell { get; set; }

    public required string ModelVersion { get; set; }

    /// <summary>ISCN-style call, e.g. "47,XX,+21".</summary>
    public required string Karyotype { get; set; }

    public int ChromosomeCount { get; set; }

    public bool IsNormal { get; set; }

    /// <summary>The sex chromosome complement of the call, e.g. "XY", "X", "XXY".</summary>
    public required string SexChromosomes { get; set; }

    /// <summary>Probability of the call against the competing calls the assignment evaluated.</summary>
    public double CallConfidence { get; set; }

    /// <summary>The most likely competing call, when one was within reach (odds of at least 1:1000).</summary>
    public string? AlternativeKaryotype { get; set; }

    /// <summary>Why to review the cell, e.g. "low_confidence_chromosomes;abnormal_count"; empty when none.</summary>
    public required string ReviewReasons { get; set; }

    public bool NeedsReview { get; set; }

    /// <summary>What the input screen found: the measured stain, how the model was chosen, what it set aside; null before the screen.</summary>
    public string? InputCheck { get; set; }

    /// <summary>The copy-number priors the assignment used.</summary>
    public required string PriorsVersion { get; set; }

    /// <summary>Mean probability of the assigned classes.</summary>
    public double MeanConfidence { get; set; }

    /// <summary>Chromosomes whose label the per-cell assignment changed from the argmax.</summary>
    public int ChangedByAssignment { get; set; }

    public double ProcessingMilliseconds { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public DateTimeOffset CompletedAt { get; set; }

    public List<ChromosomeRecord> Chromosomes { get; set; } = [];

    /// <summary>People's revisions of this result, oldest first; the last is the current reviewed result.</summary>
    public List<ReviewRecord> Reviews { get; set; } = [];
}
