namespace ChromoFarm.Karyotyping;

/// <summary>When a minority call counts as a clone (a second cell line) rather than an artefact.</summary>
/// <remarks>
/// The defaults are the ISCN clone definition: the same gain in at least two cells, or the same loss in at least three.
/// Losses need more cells because a chromosome lost from a spread during preparation looks exactly like a true loss.
/// </remarks>
public sealed record MosaicismRules
{
    public static MosaicismRules Default { get; } = new();

    /// <summary>Cells needed when the call has more copies of some class than the consensus (default 2).</summary>
    public int MinCellsForGain { get; init; } = 2;

    /// <summary>Cells needed when the call only has fewer copies than the consensus (default 3).</summary>
    public int MinCellsForLoss { get; init; } = 3;
}
