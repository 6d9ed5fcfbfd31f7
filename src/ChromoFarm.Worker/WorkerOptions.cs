namespace ChromoFarm.Worker;

/// <summary>How a worker batches cells into forward passes.</summary>
public sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>Model file (`serve worker`), or "auto" for the shipped model of each cell's stain; null: the default model shipped beside the binary.</summary>
    public string? Model { get; set; }

    /// <summary>Where the model runs (`serve worker`).</summary>
    public Native.ComputeDevice Device { get; set; } = Native.ComputeDevice.Cpu;

    /// <summary>The classifier's number format: Fp32, or Bf16 (faster on CPUs with AMX or AVX-512-BF16; docs/benchmarks.md).</summary>
    public Native.InferencePrecision Precision { get; set; } = Native.InferencePrecision.Fp32;

    /// <summary>How whole spreads are cut into chromosomes: per image by stain (Auto) unless set to Learned or Classical.</summary>
    public SegmenterKind Segmenter { get; set; } = SegmenterKind.Auto;

    /// <summary>The learned segmenter's network (`serve worker`, Segmenter = Learned or Auto); null: the one shipped beside the binary.</summary>
    public string? SegmenterModel { get; set; }

    /// <summary>Cells collected into one batch (their chromosomes share forward passes).</summary>
    public int CellsPerBatch { get; set; } = 8;

    /// <summary>
    /// Batches a worker works on at once: while one is in the forward pass (one at a time: the model and its buffers
    /// are shared), the next is fetched and decoded. 1 runs them strictly in turn.
    /// </summary>
    public int BatchesInFlight { get; set; } = 2;

    /// <summary>How long to wait for a batch to fill before running a partial one.</summary>
    public TimeSpan BatchTimeLimit { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Chromosomes per forward pass.</summary>
    public int ForwardBatchSize { get; set; } = 256;

    /// <summary>Images over this many pixels are refused before decoding.</summary>
    public long MaxImagePixels { get; set; } = Native.GreyImage.DefaultMaxPixels;
}
