using ChromoFarm.Datasets;

namespace ChromoFarm.Core.Tests;

public sealed class DatasetManifestTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cf-manifest-").FullName;

    [Fact]
    public void Rows_sharing_a_cell_form_one_cell_with_paths_relative_to_the_manifest()
    {
        var path = Write("path,patient,cell,label,split\na/1.tif,p1,c1,1,train\na/2.tif,p1,c1,X,train\nb/1.tif,p2,c2,21,val\n");
        var manifest = DatasetManifest.Load(path);
        Assert.Equal(2, manifest.Cells.Count);
        Assert.Equal(2, manifest.Cells[0].Crops.Count);
        Assert.Equal(Path.Combine(folder, "a", "1.tif"), manifest.Entries[0].FullPath);
        Assert.Single(manifest.CellsOf("val"));
    }

    [Fact]
    public void Column_order_may_differ_from_the_documented_one()
    {
        var path = Write("split,label,cell,patient,path\ntrain,Y,c1,p1,x.tif\n");
        var entry = Assert.Single(DatasetManifest.Load(path).Entries);
        Assert.Equal("Y", entry.Label.Label);
        Assert.Equal("x.tif", entry.RelativePath);
    }

    [Fact]
    public void A_bad_label_is_reported_with_file_and_line()
    {
        var path = Write("path,patient,cell,label,split\na.tif,p,c,1,train\nb.tif,p,c,25,train\n");
        var error = Assert.Throws<ManifestException>(() => DatasetManifest.Load(path));
        Assert.Contains($"{path}:3:", error.Message, StringComparison.Ordinal);
        Assert.Contains("'25'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_crop_twice_in_a_cell_is_refused_naming_both_lines_even_spelt_another_way()
    {
        var path = Write("path,patient,cell,label,split\na/1.tif,p,c,1,train\na/2.tif,p,c,2,train\na/../a/1.tif,p,c,1,train\n");
        var error = Assert.Throws<ManifestException>(() => DatasetManifest.Load(path));
        Assert.Equal($"{path}:4: a/../a/1.tif is already in cell c (line 2); a crop may appear once per cell", error.Message);

        // The same file in two cells is two crops (a test set may reuse an image under a new cell id).
        Assert.Equal(2, DatasetManifest.Load(Write("path,patient,cell,label,split\na/1.tif,p,c1,1,train\na/1.tif,p,c2,1,train\n")).Cells.Count);
    }

    [Fact]
    public void A_NUL_byte_is_refused_with_file_and_line_instead_of_reaching_a_path()
    {
        var path = Write("path,patient,cell,label,split\na.tif,p,c,1,train\nb\0.tif,p,c,2,train\n");
        var error = Assert.Throws<ManifestException>(() => DatasetManifest.Load(path));
        Assert.StartsWith($"{path}:3: NUL byte in the line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Paths_outside_the_manifest_folder_resolve_as_written()
    {
        // Absolute and ../ paths are the operator's own files (the CLI reads with the operator's rights); a file that
        // is not an image then fails its own cell when it is decoded.
        var path = Write("path,patient,cell,label,split\n../x.tif,p,c,1,train\n/tmp/y.tif,p,c,2,train\n");
        var entries = DatasetManifest.Load(path).Entries;
        Assert.Equal(Path.GetFullPath(Path.Combine(folder, "..", "x.tif")), entries[0].FullPath);
        Assert.Equal("/tmp/y.tif", entries[1].FullPath);
    }

    [Fact]
    public void A_manifest_of_100000_rows_loads_into_its_cells()
    {
        var text = new System.Text.StringBuilder("path,patient,cell,label,split\n");
        for (var i = 0; i < 100_000; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"c{i / 50}/{i % 50}.tif,p{i / 500},c{i / 50},{(i % 22) + 1},train\n");
        }

        var manifest = DatasetManifest.Load(Write(text.ToString()));
        Assert.Equal(100_000, manifest.Entries.Count);
        Assert.Equal(2_000, manifest.Cells.Count);
        Assert.All(manifest.Cells, c => Assert.Equal(50, c.Crops.Count));
    }

    [Fact]
    public void A_missing_column_is_reported()
    {
        var path = Write("path,cell,label\na.tif,c,1\n");
        var error = Assert.Throws<ManifestException>(() => DatasetManifest.Load(path));
        Assert.Contains("patient", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text);
        return path;
    }
}
