namespace ChromoFarm.Karyotyping;

/// <summary>Why a cell's call should be looked at by a person before it is reported.</summary>
[Flags]
public enum ReviewReasons
{
    None = 0,

    /// <summary>Some chromosomes' assigned class has a low probability.</summary>
    LowConfidenceChromosomes = 1,

    /// <summary>The cell does not hold 46 chromosomes (aneuploidy, or a chromosome lost or added in preparation).</summary>
    AbnormalCount = 2,

    /// <summary>The call is not 46,XX or 46,XY.</summary>
    AbnormalKaryotype = 4,

    /// <summary>Another karyotype is nearly as likely as the call.</summary>
    AmbiguousCall = 8,

    /// <summary>Segmentation marked some objects as possible clusters or fragments.</summary>
    SegmentationReview = 16,

    /// <summary>The image holds more than one metaphase: the main one was analysed, the others set aside.</summary>
    OtherMetaphase = 32,
}

/// <summary>The flags' names as stored and exported: snake_case, joined by ';' in a fixed order.</summary>
public static class ReviewReasonNames
{
    private static readonly (ReviewReasons Flag, string Name)[] Names =
    [
        (ReviewReasons.LowConfidenceChromosomes, "low_confidence_chromosomes"),
        (ReviewReasons.AbnormalCount, "abnormal_count"),
        (ReviewReasons.AbnormalKaryotype, "abnormal_karyotype"),
        (ReviewReasons.AmbiguousCall, "ambiguous_call"),
        (ReviewReasons.SegmentationReview, "segmentation_review"),
        (ReviewReasons.OtherMetaphase, "other_metaphase"),
    ];

    public static string Format(ReviewReasons reasons) =>
        string.Join(';', Names.Where(n => reasons.HasFlag(n.Flag)).Select(n => n.Name));

    /// <exception cref="FormatException">A name that is not a flag.</exception>
    public static ReviewReasons Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reasons = ReviewReasons.None;
        foreach (var name in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = Names.FirstOrDefault(n => n.Name == name);
            reasons |= match.Name is null ? throw new FormatException($"'{name}' is not a review flag") : match.Flag;
        }

        return reasons;
    }
}
