namespace ChromoFarm.Native;

/// <summary>What one optimisation step reports.</summary>
/// <param name="Loss">Mean (weighted) cross-entropy over the batch, before the update.</param>
/// <param name="Correct">Crops whose argmax equalled their label.</param>
public readonly record struct TrainStepResult(float Loss, int Correct);
