using ChromoFarm.Security;

namespace ChromoFarm.Ingest;

/// <summary>Cells as they are stored when the farm pseudonymises patient ids: the case id replaced, and the patient
/// id wherever it occurs in the cell id and the source names (<see cref="PatientPseudonyms.Within"/>).</summary>
public static class PseudonymisedInput
{
    public static CellSubmission Of(CellSubmission cell, PatientPseudonyms pseudonyms)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(pseudonyms);
        return cell with
        {
            CaseId = pseudonyms.Of(cell.CaseId),
            CellId = pseudonyms.Within(cell.CellId, cell.CaseId),
            Files = cell.Files.Select(f => f with { SourceName = pseudonyms.Within(f.SourceName, cell.CaseId) }).ToArray(),
        };
    }

    public static CellUpload Of(CellUpload upload, PatientPseudonyms pseudonyms)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(pseudonyms);
        return upload with
        {
            CaseId = pseudonyms.Of(upload.CaseId),
            CellId = pseudonyms.Within(upload.CellId, upload.CaseId),
            Images = upload.Images?.Select(i => i with { SourceName = pseudonyms.Within(i.SourceName, upload.CaseId) }).ToArray() ?? [],
            // A client's reason names the unreadable file by its source name, folder and all.
            Rejected = upload.Rejected is { } reason ? pseudonyms.Within(reason, upload.CaseId) : null,
        };
    }
}
