using ChromoFarm.Tests;

namespace ChromoFarm.EndToEnd.Tests.Distributed;

/// <summary>Inputs for the distributed tests, written to a test's folder (the data itself is read in place).</summary>
internal static class FarmInputs
{
    /// <summary>
    /// A manifest of the first <paramref name="cells"/> Pki-3 val cells, pointing at the crops where they are. Past
    /// the 112 val cells they repeat under new case and cell ids (`-r1`, `-r2`, …): the same images, so ingest stores
    /// each once, but cells of their own for the farm.
    /// </summary>
    public static string Pki3Cells(string folder, int cells)
    {
        var source = SharedData.File("pki3/manifest.csv");
        var root = Path.GetDirectoryName(source)!;
        var lines = File.ReadAllLines(source);
        var val = lines.Skip(1)
            .Select(line => line.Split(','))
            .Where(f => f[4] == "val")
            .GroupBy(f => f[2])
            .ToList();
        var rows = Enumerable.Range(0, cells)
            .SelectMany(i =>
            {
                var round = i / val.Count;
                var suffix = round == 0 ? string.Empty : $"-r{round}";
                return val[i % val.Count].Select(f => string.Join(',', Path.Combine(root, f[0]), f[1] + suffix, f[2] + suffix, f[3], f[4]));
            });
        var manifest = Path.Combine(folder, "pki3-cells.csv");
        File.WriteAllLines(manifest, [lines[0], .. rows]);
        return manifest;
    }

    /// <summary>A case folder holding copies of M-FISH metaphase images (cells named after them).</summary>
    public static string Metaphases(string folder, string caseName, params string[] images)
    {
        var target = Directory.CreateDirectory(Path.Combine(folder, caseName)).FullName;
        foreach (var image in images)
        {
            File.Copy(SharedData.File($"metaphase-mfish/{image}"), Path.Combine(target, image));
        }

        return target;
    }
}
