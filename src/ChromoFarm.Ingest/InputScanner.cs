using ChromoFarm.Contracts;
using ChromoFarm.Datasets;

namespace ChromoFarm.Ingest;

/// <summary>Finds the cells in an input: an image, a folder of metaphase images, or a dataset manifest.</summary>
/// <remarks>
/// Folder layout: an image directly in the folder is a cell of the case named after the folder; an image in a
/// subfolder is a cell of the case named after that subfolder's path. The cell id is the file name without extension.
/// Enumeration is lazy so that a large archive is never held in memory.
/// </remarks>
public static class InputScanner
{
    public static readonly IReadOnlySet<string> ImageExtensions =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".png", ".tif", ".tiff", ".jpg", ".jpeg", ".bmp" };

    /// <param name="split">For a manifest: only cells of this split (null: all).</param>
    /// <exception cref="FileNotFoundException">The input does not exist.</exception>
    public static IEnumerable<CellSubmission> Scan(string input, string? split = null)
    {
        var full = Path.GetFullPath(input);
        if (Directory.Exists(full))
        {
            return ScanFolder(full);
        }

        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"{input}: no such file or folder", input);
        }

        // A .csv is a manifest: one with a wrong header is refused with the columns it lacks, never read as an image.
        if (full.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return DatasetManifest.Load(full).CellsOf(split).Select(cell => new CellSubmission(
                cell.Patient,
                cell.Cell,
                CellSourceKind.CropSet,
                cell.Crops.Select(c => new InputFile(c.FullPath, c.RelativePath)).ToArray()));
        }

        var caseId = Path.GetFileName(Path.GetDirectoryName(full)) is { Length: > 0 } folder ? folder : "case";
        return [new CellSubmission(caseId, Path.GetFileNameWithoutExtension(full), CellSourceKind.Metaphase, [new InputFile(full, Path.GetFileName(full))])];
    }

    private static IEnumerable<CellSubmission> ScanFolder(string root)
    {
        var rootCase = Path.GetFileName(root.TrimEnd(Path.DirectorySeparatorChar));
        var files = Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false })
            .Where(f => ImageExtensions.Contains(Path.GetExtension(f)))
            .Order(StringComparer.Ordinal)
            .Select(file =>
            {
                var relative = Path.GetRelativePath(root, file);
                var folder = Path.GetDirectoryName(relative);
                var caseId = string.IsNullOrEmpty(folder) ? rootCase : folder.Replace(Path.DirectorySeparatorChar, '/');
                return (File: file, Relative: relative, Case: caseId, Stem: Path.GetFileNameWithoutExtension(file));
            })
            .ToList();
        // A cell is named after its file without the extension; where two files of a case share that name
        // (cell1.png and cell1.tif) each keeps its extension, so that neither is taken for a duplicate of the other.
        var shared = files.GroupBy(f => (f.Case, f.Stem)).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        return files.Select(f => new CellSubmission(f.Case, shared.Contains((f.Case, f.Stem)) ? Path.GetFileName(f.File) : f.Stem,
            CellSourceKind.Metaphase, [new InputFile(f.File, f.Relative)]));
    }
}
