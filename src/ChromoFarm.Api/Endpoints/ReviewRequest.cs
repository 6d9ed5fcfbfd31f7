namespace ChromoFarm.Api;

/// <summary>The body of POST /v1/cases/{case}/cells/{cell}/review.</summary>
/// <param name="Action">relabel, swap, artefact, add_missed, remove_added, accept, reject, reopen.</param>
/// <param name="Chromosome">The object acted on (its index), for relabel, swap, artefact, remove_added.</param>
/// <param name="Other">The second object of a swap.</param>
/// <param name="Label">The new class for relabel and add_missed: 1..22, X, Y.</param>
/// <param name="Note">Why; required to reject.</param>
/// <param name="Revision">The review revision the change was made on (0 for an unreviewed cell); a stale one is a 409.</param>
/// <param name="Model">The model version whose result is reviewed; default: the cell's latest.</param>
public sealed record ReviewRequest(string? Action, int? Chromosome, int? Other, string? Label, string? Note, int? Revision, string? Model);

/// <summary>What a review step leaves: the cell's new revision and the karyotype its labels give.</summary>
public sealed record ReviewResponse(int Revision, string Status, string ReviewedKaryotype, string ModelKaryotype, int ChromosomeCount, bool IsNormal);
