using ChromoFarm.Datasets;

namespace ChromoFarm.Training.Tests;

/// <summary>
/// A small manifest of real Pki-3 cells (the first train and val cells of the shared manifest), written to a
/// temporary folder with absolute crop paths, so that a training run takes seconds.
/// </summary>
public sealed class Pki3Sample : IDisposable
{
    private const int TrainCells = 4;
    private const int ValidationCells = 2;

    private readonly string folder = Directory.CreateTempSubdirectory("cf-pki3-sample-").FullName;

    public Pki3Sample()
    {
        var source = DatasetManifest.Load(SharedData.File("pki3/manifest.csv"));
        var cells = source.CellsOf("train").Take(TrainCells).Concat(source.CellsOf("val").Take(ValidationCells));
        var rows = cells.SelectMany(c => c.Crops)
            .Select(e => string.Join(',', e.FullPath, e.Patient, e.Cell, e.Label.Label, e.Split));
        var path = Path.Combine(folder, "manifest.csv");
        File.WriteAllLines(path, rows.Prepend("path,patient,cell,label,split"));
        Manifest = DatasetManifest.Load(path);
    }

    public DatasetManifest Manifest { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Leftovers in /tmp are harmless; never fail a test on cleanup.
        }
    }
}
