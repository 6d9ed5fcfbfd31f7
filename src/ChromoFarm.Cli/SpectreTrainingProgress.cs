using ChromoFarm.Training;
using Spectre.Console;

namespace ChromoFarm.Cli;

/// <summary>Training progress as Spectre.Console bars: one for loading, one per epoch with loss and ETA.</summary>
internal sealed class SpectreTrainingProgress(ProgressContext context) : ITrainingProgress
{
    private readonly Dictionary<string, ProgressTask> loading = [];
    private ProgressTask? epochTask;
    private double runningLoss = double.NaN;

    public void Loading(string what, int done, int total)
    {
        lock (loading)
        {
            if (!loading.TryGetValue(what, out var task))
            {
                task = loading[what] = context.AddTask($"decode {what}", maxValue: total);
            }

            task.Value = Math.Max(task.Value, done);
        }
    }

    public void Resumed(int completedEpochs, int epochs)
    {
        var task = context.AddTask($"resumed after epoch {completedEpochs}/{epochs}", maxValue: epochs);
        task.Value = completedEpochs;
        task.StopTask();
    }

    public void EpochStarted(int epoch, int epochs, int steps)
    {
        runningLoss = double.NaN;
        epochTask = context.AddTask($"epoch {epoch}/{epochs}", maxValue: steps);
    }

    public void StepFinished(int epoch, int stepInEpoch, double loss)
    {
        runningLoss = double.IsNaN(runningLoss) ? loss : (0.98 * runningLoss) + (0.02 * loss);
        if (epochTask is not null)
        {
            epochTask.Value = stepInEpoch;
            epochTask.Description = $"epoch {epoch} loss {runningLoss:0.000}";
        }
    }

    public void EpochFinished(EpochSummary summary)
    {
        if (epochTask is not null)
        {
            epochTask.Description = $"epoch {summary.Epoch} loss {summary.TrainLoss:0.000} val {summary.ValidationAccuracy:0.0000} assigned {summary.ValidationAccuracyAssigned:0.0000}{(summary.Best ? " *" : string.Empty)}";
            epochTask.StopTask();
        }
    }
}
