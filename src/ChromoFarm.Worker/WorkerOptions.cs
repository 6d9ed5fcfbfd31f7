namespace ChromoFarm.Worker;

/// <summary>How a worker batches cells into forward passes.</summary>
public sealed class WorkerOptions
{
    /// <summary>Cells collected into one batch (their chromosomes share forward passes).</summary>
    public int CellsPerBatch { get; set; } = 8;

    /// <summary>How long to wait for a batch to fill before running a partial one.</summary>
    public TimeSpan BatchTimeLimit { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Chromosomes per forward pass.</summary>
    public int ForwardBatchSize { get; set; } = 256;

    /// <summary>Images over this many pixels are refused before decoding.</summary>
    public long MaxImagePixels { get; set; } = Native.GreyImage.DefaultMaxPixels;
}
