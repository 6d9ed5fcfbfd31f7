namespace ChromoFarm.Karyotyping;

/// <summary>How many cells of a case share one karyotype call.</summary>
/// <param name="SummedConfidence">The cells' confidences added up.</param>
public sealed record CallTally(Karyotype Karyotype, int Cells, double SummedConfidence)
{
    public string Notation => Karyotype.Notation;
}
