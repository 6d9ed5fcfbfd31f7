namespace ChromoFarm.Karyotyping;

/// <summary>The coordinator's per-cell step: prior-aware assignment, then the call with its confidence and review flags.</summary>
public sealed class KaryotypeCaller(CopyNumberPriors priors, KaryotypeCallOptions? options = null)
{
    private readonly PriorAwareAssigner assigner = new(priors);
    private readonly KaryotypeCallOptions options = options ?? KaryotypeCallOptions.Default;

    public CopyNumberPriors Priors => priors;

    /// <param name="probabilities">One row of 24 calibrated probabilities per chromosome.</param>
    /// <param name="segmentationReview">Whether segmentation flagged any of the cell's objects.</param>
    /// <param name="otherMetaphases">Whether the input screen set other metaphases of the image aside.</param>
    public CellKaryotypeCall Call(IReadOnlyList<IReadOnlyList<float>> probabilities, bool segmentationReview = false, bool otherMetaphases = false)
    {
        var search = assigner.Search(probabilities);
        var lowConfidence = search.Best.Confidences.Count(p => p < options.LowChromosomeConfidence);
        var reasons = ReviewReasons.None;
        reasons |= lowConfidence > 0 ? ReviewReasons.LowConfidenceChromosomes : ReviewReasons.None;
        reasons |= search.Karyotype.ChromosomeCount != 46 ? ReviewReasons.AbnormalCount : ReviewReasons.None;
        reasons |= search.Karyotype.IsNormal ? ReviewReasons.None : ReviewReasons.AbnormalKaryotype;
        reasons |= search.Posterior < options.AmbiguousBelow ? ReviewReasons.AmbiguousCall : ReviewReasons.None;
        reasons |= segmentationReview ? ReviewReasons.SegmentationReview : ReviewReasons.None;
        reasons |= otherMetaphases ? ReviewReasons.OtherMetaphase : ReviewReasons.None;
        return new CellKaryotypeCall(search.Best, search.Karyotype, search.Posterior, search.RunnerUp, lowConfidence, reasons);
    }
}
