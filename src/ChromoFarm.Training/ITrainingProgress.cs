namespace ChromoFarm.Training;

/// <summary>Where the training loop reports what it is doing (a progress bar in the CLI).</summary>
public interface ITrainingProgress
{
    void Loading(string what, int done, int total);

    /// <summary>The run goes on from a checkpoint after <paramref name="completedEpochs"/> epochs.</summary>
    void Resumed(int completedEpochs, int epochs)
    {
    }

    void EpochStarted(int epoch, int epochs, int steps);

    void StepFinished(int epoch, int stepInEpoch, double loss);

    void EpochFinished(EpochSummary summary);
}
