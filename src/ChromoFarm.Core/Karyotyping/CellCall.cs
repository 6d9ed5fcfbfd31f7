namespace ChromoFarm.Karyotyping;

/// <summary>One cell's karyotype call within a case.</summary>
/// <param name="CellId">Unique within the case: a cell listed twice would be counted twice towards a clone.</param>
/// <param name="Confidence">How far the call is trusted, in [0, 1]; breaks ties between equally frequent calls.</param>
public sealed record CellCall(string CellId, Karyotype Karyotype, double Confidence);
