using System.Runtime.ExceptionServices;
using ChromoFarm.Contracts;
using ChromoFarm.Datasets;
using ChromoFarm.Domain;
using ChromoFarm.Worker.Classification;

namespace ChromoFarm.Training;

/// <summary>A manifest cell decoded and measured, with the truth label of each chromosome.</summary>
public sealed class LabelledCell(ManifestCell source, PreparedCell prepared) : IDisposable
{
    public ManifestCell Source { get; } = source;

    public PreparedCell Prepared { get; } = prepared;

    public IReadOnlyList<ChromosomeClass> Labels { get; } = source.Crops.Select(c => c.Label).ToArray();

    /// <param name="clock">Receives the seconds of "read" and "decode" (decode and measure); null: not timed.</param>
    /// <exception cref="Native.NativeException">A crop cannot be decoded; the message names the file.</exception>
    public static LabelledCell Load(ManifestCell cell, CellPreparation preparation, StageClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(preparation);
        (string, byte[])[] images;
        using (StageClock.Time(clock, "read"))
        {
            images = cell.Crops.Select(c => (c.RelativePath, ReadFile(c.FullPath, c.RelativePath))).ToArray();
        }

        using (StageClock.Time(clock, "decode"))
        {
            return new LabelledCell(cell, preparation.Prepare(CellSourceKind.CropSet, images));
        }
    }

    /// <summary>Loads cells in parallel, in manifest order.</summary>
    /// <exception cref="Native.NativeException">A crop cannot be decoded (the first failed cell's own exception, naming
    /// the file); the cells already loaded are disposed.</exception>
    public static IReadOnlyList<LabelledCell> LoadAll(IReadOnlyList<ManifestCell> cells, CellPreparation preparation, Action<int>? progress = null, StageClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var loaded = new LabelledCell?[cells.Count];
        var done = 0;
        try
        {
            Parallel.For(0, cells.Count, i =>
            {
                loaded[i] = Load(cells[i], preparation, clock);
                progress?.Invoke(Interlocked.Increment(ref done));
            });
            return loaded!;
        }
        catch (Exception error)
        {
            foreach (var cell in loaded)
            {
                cell?.Dispose();
            }

            if (error is AggregateException { InnerExceptions.Count: > 0 } parallel)
            {
                ExceptionDispatchInfo.Throw(parallel.InnerExceptions[0]);
            }

            throw;
        }
    }

    public void Dispose() => Prepared.Dispose();

    private static byte[] ReadFile(string path, string name)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{name}: {error.Message}", error);
        }
    }
}
