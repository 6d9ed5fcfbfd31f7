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
    public void A_missing_column_is_reported()
    {
        var path = Write("path,cell,label\na.tif,c,1\n");
        var error = Assert.Throws<ManifestException>(() => DatasetManifest.Load(path));
        Assert.Contains("patient", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_csv_files_with_the_manifest_header_are_recognised()
    {
        Assert.True(DatasetManifest.IsManifest(Write("path,patient,cell,label,split\n")));
        Assert.False(DatasetManifest.IsManifest(Write("name,value\n")));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text);
        return path;
    }
}
