namespace ChromoFarm.Results.Entities;

/// <summary>One object's label in a reviewed result.</summary>
public sealed class ReviewLabelRecord
{
    /// <summary>The label of an object that is not a chromosome (debris, a nucleus fragment, a stain blob).</summary>
    public const string Artefact = "artefact";

    public long Id { get; set; }

    public long ReviewId { get; set; }

    public ReviewRecord? Review { get; set; }

    /// <summary>The chromosome's index in the model's result; past them, chromosomes the reviewer added.</summary>
    public int Index { get; set; }

    /// <summary>"1".."22", "X", "Y", or <see cref="Artefact"/>.</summary>
    public required string Label { get; set; }

    /// <summary>A chromosome the segmentation missed, added by the reviewer (it has no image).</summary>
    public bool Added { get; set; }
}
