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

    // Hidden entries (".name") and system files are skipped, as the recursive enumeration did before; one folder is
    // listed at a time, so memory is bounded by the largest folder's names, not by the archive.
    private static readonly EnumerationOptions OneLevel = new() { RecurseSubdirectories = false, IgnoreInaccessible = false };

    private static IEnumerable<CellSubmission> ScanFolder(string root)
    {
        var rootCase = Path.GetFileName(root.TrimEnd(Path.DirectorySeparatorChar));
        // Folders by their real path: a symbolic link back to a folder already walked is not walked again (the
        // recursive enumeration of .NET follows such links for ever).
        var rootReal = RealPath(root);
        var visited = new HashSet<string>(StringComparer.Ordinal) { rootReal };
        var pending = new Stack<(string Path, string Real)>([(root, rootReal)]);
        while (pending.TryPop(out var folder))
        {
            var relativeFolder = Path.GetRelativePath(root, folder.Path);
            var caseId = relativeFolder == "." ? rootCase : relativeFolder.Replace(Path.DirectorySeparatorChar, '/');
            var names = Directory.EnumerateFiles(folder.Path, "*", OneLevel)
                .Where(f => ImageExtensions.Contains(Path.GetExtension(f)))
                .Select(f => Path.GetFileName(f))
                .Order(StringComparer.Ordinal)
                .ToList();
            // A cell is named after its file without the extension; where two files of a case share that name
            // (cell1.png and cell1.tif) each keeps its extension, so that neither is taken for a duplicate of the other.
            var shared = names.GroupBy(n => Path.GetFileNameWithoutExtension(n), StringComparer.Ordinal)
                .Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var name in names)
            {
                var stem = Path.GetFileNameWithoutExtension(name);
                var relative = relativeFolder == "." ? name : Path.Combine(relativeFolder, name);
                yield return new CellSubmission(caseId, shared.Contains(stem) ? name : stem, CellSourceKind.Metaphase,
                    [new InputFile(Path.Combine(folder.Path, name), relative)]);
            }

            // Subfolders in name order: the first name to reach a folder walks it; pushed in reverse to pop in order.
            var subfolders = new List<(string, string)>();
            foreach (var sub in Directory.EnumerateDirectories(folder.Path, "*", OneLevel).Order(StringComparer.Ordinal))
            {
                var real = new DirectoryInfo(sub).LinkTarget is null ? Path.Combine(folder.Real, Path.GetFileName(sub)) : RealPath(sub);
                if (visited.Add(real))
                {
                    subfolders.Add((sub, real));
                }
            }

            subfolders.Reverse();
            subfolders.ForEach(pending.Push);
        }
    }

    // realpath(3): every symbolic link on the way resolved.
    private static string RealPath(string path, int depth = 0)
    {
        if (depth > 40)
        {
            throw new IOException($"{path}: too many levels of symbolic links");
        }

        var full = Path.GetFullPath(path);
        var real = Path.GetPathRoot(full)!;
        foreach (var part in full[real.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(real, part);
            real = new FileInfo(next).LinkTarget is { } target ? RealPath(Path.Combine(real, target), depth + 1) : next;
        }

        return real;
    }
}
