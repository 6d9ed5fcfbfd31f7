using ChromoFarm.Contracts;
using ChromoFarm.Worker.Classification;

namespace ChromoFarm.Worker.Tests;

/// <summary>Real Pki-3 cells read in place from the shared data.</summary>
internal static class Pki3Cells
{
    public static PreparedCell Prepare(CellPreparation preparation, string cell)
    {
        var folder = SharedData.Directory($"pki3/{cell}");
        var images = Directory.GetFiles(folder, "*.tiff").Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))
            .ToArray();
        return preparation.Prepare(CellSourceKind.CropSet, images);
    }
}
