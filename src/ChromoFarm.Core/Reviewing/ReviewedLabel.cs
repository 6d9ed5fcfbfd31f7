namespace ChromoFarm.Reviewing;

/// <summary>One object's label in a reviewed cell.</summary>
/// <param name="Index">Its index in the model's result; added chromosomes follow the model's.</param>
/// <param name="Label">"1".."22", "X", "Y", or <see cref="Artefact"/>.</param>
/// <param name="Added">Added by a reviewer: the segmentation missed it.</param>
public sealed record ReviewedLabel(int Index, string Label, bool Added = false)
{
    public const string Artefact = "artefact";

    public bool IsChromosome => Label != Artefact;
}
