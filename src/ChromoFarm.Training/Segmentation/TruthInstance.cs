using ChromoFarm.Domain;

namespace ChromoFarm.Training.Segmentation;

/// <summary>One annotated chromosome: its pixels and, where the annotation says, its class.</summary>
public sealed record TruthInstance(InstanceMask Mask, ChromosomeClass? Label);
