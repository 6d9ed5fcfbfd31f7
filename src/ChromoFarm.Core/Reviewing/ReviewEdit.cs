namespace ChromoFarm.Reviewing;

/// <summary>What a reviewer does to a cell.</summary>
public enum ReviewAction
{
    /// <summary>Give one chromosome another class.</summary>
    Relabel,

    /// <summary>Exchange the labels of two chromosomes.</summary>
    Swap,

    /// <summary>The object is not a chromosome: it leaves the count.</summary>
    Artefact,

    /// <summary>Add a chromosome the segmentation missed (it has no image).</summary>
    AddMissed,

    /// <summary>Take back a chromosome added by <see cref="AddMissed"/>.</summary>
    RemoveAdded,

    /// <summary>Sign the cell off with its current labels and the karyotype they give.</summary>
    Accept,

    /// <summary>The cell cannot be analysed; it is left out of its case.</summary>
    Reject,

    /// <summary>Undo a sign-off or a rejection, to edit again.</summary>
    Reopen,
}

/// <summary>One review step, as the API and the page send it.</summary>
/// <param name="Chromosome">The object acted on (its index in the result), for relabel, swap, artefact and remove_added.</param>
/// <param name="Other">The second object of a swap.</param>
/// <param name="Label">The new class for relabel and add_missed: "1".."22", "X", "Y".</param>
/// <param name="Note">Free words; required to reject, so that the reason stays in the audit trail.</param>
public sealed record ReviewEdit(ReviewAction Action, int? Chromosome = null, int? Other = null, string? Label = null, string? Note = null);
