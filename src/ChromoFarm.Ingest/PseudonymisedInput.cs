using ChromoFarm.Security;

namespace ChromoFarm.Ingest;

/// <summary>Cells as they are stored when the farm pseudonymises patient ids: the case id and the folders named
/// after it in source names replaced, nothing else changed.</summary>
public static class PseudonymisedInput
{
    public static CellSubmission Of(CellSubmission cell, PatientPseudonyms pseudonyms)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(pseudonyms);
        return cell with
        {
            CaseId = pseudonyms.Of(cell.CaseId),
            Files = cell.Files.Select(f => f with { SourceName = pseudonyms.OfPath(f.SourceName, cell.CaseId) }).ToArray(),
        };
    }

    public static CellUpload Of(CellUpload upload, PatientPseudonyms pseudonyms)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(pseudonyms);
        return upload with
        {
            CaseId = pseudonyms.Of(upload.CaseId),
            Images = upload.Images?.Select(i => i with { SourceName = pseudonyms.OfPath(i.SourceName, upload.CaseId) }).ToArray() ?? [],
            // A client's reason names the unreadable file by its source name, folder and all.
            Rejected = upload.Rejected is { } reason ? reason.Replace(upload.CaseId + "/", pseudonyms.Of(upload.CaseId) + "/", StringComparison.Ordinal) : null,
        };
    }
}
