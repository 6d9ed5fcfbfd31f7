namespace ChromoFarm.Results.Entities;

/// <summary>
/// One row of the append-only audit trail: who did what to which cell, from what to what. The database refuses
/// updates and deletes of these rows (triggers), and rows name cases and cells by key so that they outlive them.
/// </summary>
public sealed class AuditRecord
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The credential's name.</summary>
    public required string Actor { get; set; }

    /// <summary>relabel, swap, artefact, restore, add_missed, remove_added, accept, reject, reopen, api_key_created, api_key_revoked.</summary>
    public required string Action { get; set; }

    public string? CaseKey { get; set; }

    public string? CellKey { get; set; }

    public string? ModelVersion { get; set; }

    /// <summary>The review revision the action produced.</summary>
    public long? ReviewId { get; set; }

    public int? ChromosomeIndex { get; set; }

    /// <summary>The second chromosome of a swap.</summary>
    public int? OtherIndex { get; set; }

    public string? FromValue { get; set; }

    public string? ToValue { get; set; }

    /// <summary>The karyotype before and after, or the reviewer's note.</summary>
    public string? Detail { get; set; }
}
