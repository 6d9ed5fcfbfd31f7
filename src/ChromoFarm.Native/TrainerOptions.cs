namespace ChromoFarm.Native;

/// <summary>AdamW settings for <see cref="ClassifierTrainer"/>.</summary>
/// <param name="LearningRate">Initial learning rate; change it per epoch with <see cref="ClassifierTrainer.LearningRate"/>.</param>
/// <param name="WeightDecay">Decoupled weight decay.</param>
/// <param name="LabelSmoothing">Cross-entropy label smoothing in [0, 1).</param>
public sealed record TrainerOptions(float LearningRate = 1e-3f, float WeightDecay = 1e-4f, float LabelSmoothing = 0f);
