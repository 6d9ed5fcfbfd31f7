namespace ChromoFarm.Training.Tests;

/// <summary>Stands for a process killed mid-run: thrown from inside the training loop.</summary>
public sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException()
        : base("simulated crash")
    {
    }

    public SimulatedCrashException(string message)
        : base(message)
    {
    }

    public SimulatedCrashException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>Training progress that does nothing but what the test asks at the start and end of each epoch.</summary>
internal sealed class ScriptedProgress(Action<int>? epochStarted = null, Action<EpochSummary>? epochFinished = null) : ITrainingProgress
{
    /// <summary>Crashes the run as epoch <paramref name="epoch"/> starts, after the previous epoch's checkpoint.</summary>
    public static ScriptedProgress CrashingAt(int epoch) => new(epochStarted: e =>
    {
        if (e == epoch)
        {
            throw new SimulatedCrashException($"simulated crash at the start of epoch {epoch}");
        }
    });

    public void Loading(string what, int done, int total)
    {
    }

    public void EpochStarted(int epoch, int epochs, int steps) => epochStarted?.Invoke(epoch);

    public void StepFinished(int epoch, int stepInEpoch, double loss)
    {
    }

    public void EpochFinished(EpochSummary summary) => epochFinished?.Invoke(summary);
}
