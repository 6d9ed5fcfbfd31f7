using ChromoFarm.Native;
using ChromoFarm.Screening;
using ChromoFarm.Worker.Classification;

namespace ChromoFarm.Worker.Tests;

/// <summary>The models in the repository's models/ folder, loaded once for a test class: one per stain and the learned segmenter.</summary>
public sealed class ShippedModels : IDisposable
{
    public ShippedModels()
    {
        var folder = Path.Combine(SharedData.RepositoryRoot(), "models");
        GBand = ChromosomeModel.Load(Path.Combine(folder, "default.cfm"), ComputeDevice.Cpu);
        QBand = ChromosomeModel.Load(Path.Combine(folder, "qband-bioimlab.cfm"), ComputeDevice.Cpu);
        Dapi = ChromosomeModel.Load(Path.Combine(folder, "dapi-mfish.cfm"), ComputeDevice.Cpu);
        Segmenter = SegmentationNetwork.Load(Path.Combine(folder, "segmenter.cfs"), ComputeDevice.Cpu);
        Preparation = new CellPreparation(new MetaphaseSegmenter(network: Segmenter), screen: new SpreadScreen());
    }

    public ChromosomeModel GBand { get; }

    public ChromosomeModel QBand { get; }

    public ChromosomeModel Dapi { get; }

    public SegmentationNetwork Segmenter { get; }

    /// <summary>Decode, the learned segmenter and the spread screen with its default bounds, as in the farm.</summary>
    public CellPreparation Preparation { get; }

    public static ScreenedClassifier Classifier(params ChromosomeModel[] models) => new(models.Select(m => new BatchClassifier(m)).ToArray());

    public void Dispose()
    {
        GBand.Dispose();
        QBand.Dispose();
        Dapi.Dispose();
        Segmenter.Dispose();
    }
}
