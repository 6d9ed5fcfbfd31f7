using ChromoFarm.Karyotyping;

namespace ChromoFarm.Api;

/// <summary>One case (patient): its cells combined into a consensus karyotype, with mosaicism and single-cell findings.</summary>
/// <param name="Karyotype">Null when no cell of the case completed.</param>
public sealed record CaseSummary(string CaseId, int Cells, int Completed, int Failed, CaseKaryotype? Karyotype)
{
    /// <summary>The consensus, or the ISCN mosaic form when a minority line is a clone.</summary>
    public string? Notation => Karyotype?.Notation;

    /// <summary>Cells per call, e.g. "46,XX[17]; 47,XX,+21[3]".</summary>
    public string CallCounts => Karyotype is null ? string.Empty
        : string.Join("; ", Karyotype.Calls.Select(c => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{c.Notation}[{c.Cells}]")));
}
