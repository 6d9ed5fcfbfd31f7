using ChromoFarm.Contracts;

namespace ChromoFarm.Ingest.Tests;

public sealed class InputScannerTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("cf-scan-").FullName;

    [Fact]
    public void Images_directly_in_the_folder_are_cells_of_the_case_named_after_it()
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, "patient-7")).FullName;
        Touch(folder, "cell-2.png");
        Touch(folder, "cell-1.TIF");

        var cells = InputScanner.Scan(folder).ToList();

        Assert.Equal(["cell-1", "cell-2"], cells.Select(c => c.CellId));
        Assert.All(cells, c => Assert.Equal("patient-7", c.CaseId));
        Assert.All(cells, c => Assert.Equal(CellSourceKind.Metaphase, c.Kind));
    }

    [Fact]
    public void Images_in_subfolders_are_cells_of_the_case_named_after_the_subfolder()
    {
        Touch(Path.Combine(root, "case-a"), "m1.png");
        Touch(Path.Combine(root, "case-b", "slide-2"), "m1.jpg");

        var cells = InputScanner.Scan(root).ToList();

        Assert.Equal(["case-a", "case-b/slide-2"], cells.Select(c => c.CaseId));
        Assert.Equal("case-b/slide-2/m1.jpg", cells[1].Files[0].SourceName.Replace('\\', '/'));
    }

    [Fact]
    public void Files_that_are_not_images_are_not_cells()
    {
        Touch(root, "notes.txt");
        Touch(root, "scan.bmp");
        Assert.Equal("scan", Assert.Single(InputScanner.Scan(root)).CellId);
    }

    [Fact]
    public void Files_of_a_case_that_share_a_name_but_not_the_extension_keep_it_so_none_is_taken_for_a_duplicate()
    {
        Touch(Path.Combine(root, "case-a"), "m1.png");
        Touch(Path.Combine(root, "case-a"), "m1.tif");
        Touch(Path.Combine(root, "case-a"), "m2.png");
        Touch(Path.Combine(root, "case-b"), "m1.png");

        var cells = InputScanner.Scan(root).Select(c => $"{c.CaseId}/{c.CellId}").ToList();

        Assert.Equal(["case-a/m1.png", "case-a/m1.tif", "case-a/m2", "case-b/m1"], cells);
    }

    [Fact]
    public void A_csv_with_another_header_is_refused_as_a_manifest_instead_of_read_as_an_image()
    {
        var table = Path.Combine(root, "table.csv");
        File.WriteAllText(table, "name,value\na,1\n");
        var error = Assert.Throws<Datasets.ManifestException>(() => InputScanner.Scan(table).ToList());
        Assert.Equal($"{table}:1: header lacks column(s) path, patient, cell, label, split (expected path,patient,cell,label,split)", error.Message);
    }

    [Fact]
    public void A_manifest_groups_crops_by_cell_and_filters_by_split()
    {
        var manifest = Path.Combine(root, "manifest.csv");
        File.WriteAllText(manifest, "path,patient,cell,label,split\na.tif,p1,c1,1,train\nb.tif,p1,c1,2,train\nc.tif,p2,c2,X,val\n");

        var cell = Assert.Single(InputScanner.Scan(manifest, "train"));

        Assert.Equal(("p1", "c1", CellSourceKind.CropSet), (cell.CaseId, cell.CellId, cell.Kind));
        Assert.Equal(["a.tif", "b.tif"], cell.Files.Select(f => f.SourceName));
    }

    [Fact]
    public void A_missing_input_names_itself()
    {
        var missing = Path.Combine(root, "absent");
        var error = Assert.Throws<FileNotFoundException>(() => InputScanner.Scan(missing).ToList());
        Assert.Contains("absent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_linked_folder_is_walked_once_and_a_link_back_to_an_ancestor_does_not_loop()
    {
        Touch(Path.Combine(root, "archive", "case-a"), "m1.png");
        Touch(Path.Combine(root, "elsewhere", "case-b"), "m2.png");
        Directory.CreateSymbolicLink(Path.Combine(root, "archive", "case-a", "again"), Path.Combine(root, "archive"));
        Directory.CreateSymbolicLink(Path.Combine(root, "archive", "linked"), Path.Combine(root, "elsewhere"));
        Directory.CreateSymbolicLink(Path.Combine(root, "archive", "relative"), "linked");

        var cells = InputScanner.Scan(Path.Combine(root, "archive")).Select(c => $"{c.CaseId}/{c.CellId}").ToList();

        Assert.Equal(["case-a/m1", "linked/case-b/m2"], cells);
    }

    [Fact]
    public void Files_are_listed_folder_by_folder_in_name_order_with_each_folder_before_its_subfolders()
    {
        Touch(Path.Combine(root, "b"), "x.png");
        Touch(root, "c.png");
        Touch(root, "a.png");
        Touch(Path.Combine(root, "a", "z"), "y.png");
        Touch(Path.Combine(root, "a"), "w.png");

        var cells = InputScanner.Scan(root).Select(c => c.Files[0].SourceName.Replace('\\', '/')).ToList();

        Assert.Equal(["a.png", "c.png", "a/w.png", "a/z/y.png", "b/x.png"], cells);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static void Touch(string folder, string name)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, name), [1, 2, 3, (byte)name.Length]);
    }
}
