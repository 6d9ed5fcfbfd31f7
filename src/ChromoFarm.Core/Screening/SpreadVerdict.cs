namespace ChromoFarm.Screening;

/// <summary>What the screen decided about a spread's objects.</summary>
/// <param name="Refusal">Why the image is not analysed as a metaphase; null when it is.</param>
/// <param name="Keep">Indices of the objects of the main metaphase, in the segmenter's order.</param>
/// <param name="OtherMetaphases">Further metaphases found in the image and set aside.</param>
/// <param name="SetAside">Objects in those other metaphases.</param>
public sealed record SpreadVerdict(string? Refusal, IReadOnlyList<int> Keep, int OtherMetaphases, int SetAside)
{
    public bool Refused => Refusal is not null;
}
