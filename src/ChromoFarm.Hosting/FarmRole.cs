namespace ChromoFarm.Hosting;

/// <summary>The processes of the distributed farm (`chromofarm serve &lt;role&gt;`).</summary>
public enum FarmRole
{
    /// <summary>Accepts uploads, stores images in S3 and publishes AnalyzeCell.</summary>
    Ingest,

    /// <summary>Segments and classifies batches of cells (the GPU role).</summary>
    Worker,

    /// <summary>Label redistribution, karyotype calls and the results database; applies migrations.</summary>
    Coordinator,

    /// <summary>Results queries for analysts, and uploads like ingest.</summary>
    Api,
}
