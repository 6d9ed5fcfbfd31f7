using System.Text.Json;

namespace ChromoFarm.Training;

/// <summary>The per-epoch log beside the model (OUT.log.jsonl): one <see cref="EpochSummary"/> per line.</summary>
internal sealed class TrainingLog(string path)
{
    public static TrainingLog Beside(string outputPath) => new(outputPath + ".log.jsonl");

    public void Clear() => File.Delete(path);

    public void Append(EpochSummary summary) =>
        File.AppendAllText(path, JsonSerializer.Serialize(summary) + Environment.NewLine);

    /// <summary>
    /// Drops the lines of epochs after <paramref name="lastEpoch"/>: the log is appended before the checkpoint
    /// is written, so a run killed in between logged an epoch that the resumed run will do again.
    /// </summary>
    public void KeepEpochsUpTo(int lastEpoch)
    {
        if (!File.Exists(path))
        {
            return;
        }

        var lines = File.ReadAllLines(path);
        var kept = lines.Where(line => !string.IsNullOrWhiteSpace(line) && EpochOf(line) <= lastEpoch).ToArray();
        if (kept.Length == lines.Length)
        {
            return;
        }

        var temporary = path + ".partial";
        File.WriteAllLines(temporary, kept);
        File.Move(temporary, path, overwrite: true);
    }

    // A line cut short by the kill counts as after every epoch, so it is dropped.
    private static int EpochOf(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.TryGetProperty("epoch", out var epoch) && epoch.TryGetInt32(out var value) ? value : int.MaxValue;
        }
        catch (JsonException)
        {
            return int.MaxValue;
        }
    }
}
