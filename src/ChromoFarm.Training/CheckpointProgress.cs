using ChromoFarm.Models;

namespace ChromoFarm.Training;

/// <summary>progress.json of a training checkpoint: where the run stands after its last completed epoch.</summary>
/// <param name="Epoch">The last completed epoch; its weights and trainer state are in the checkpoint.</param>
/// <param name="Step">Optimisation steps taken so far (the learning-rate schedule and augmentation seeds follow it).</param>
/// <param name="BestEpoch">The epoch with the best validation score so far; its weights are in the checkpoint too.</param>
/// <param name="Best">That epoch's validation report (early stopping and the final metrics compare against it).</param>
/// <param name="Model">The model record of the run (version, creation time), without metrics.</param>
/// <param name="Seconds">Training time spent so far, over every process that worked on the run.</param>
/// <param name="Fingerprint">The options the run was started with that a resumed run must share.</param>
public sealed record CheckpointProgress(
    int Epoch,
    int Step,
    int BestEpoch,
    EvaluationReport Best,
    ModelInfo Model,
    double Seconds,
    TrainingFingerprint Fingerprint);
