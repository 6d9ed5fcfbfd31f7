namespace ChromoFarm.Results.Entities;

/// <summary>A case (patient study): the cells analysed for one patient.</summary>
public sealed class CaseRecord
{
    public long Id { get; set; }

    /// <summary>The case id from the manifest or the folder layout.</summary>
    public required string CaseKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<CellRecord> Cells { get; set; } = [];
}
