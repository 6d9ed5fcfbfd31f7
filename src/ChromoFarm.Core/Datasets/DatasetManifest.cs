using ChromoFarm.Domain;

namespace ChromoFarm.Datasets;

/// <summary>A problem in a manifest, reported as "FILE:LINE: reason".</summary>
public sealed class ManifestException(string message) : Exception(message);

/// <summary>
/// A dataset manifest: CSV with header <c>path,patient,cell,label,split</c>; paths relative to the manifest's
/// folder; rows sharing <c>cell</c> form one cell.
/// </summary>
public sealed class DatasetManifest
{
    private static readonly string[] RequiredColumns = ["path", "patient", "cell", "label", "split"];

    private DatasetManifest(string path, IReadOnlyList<ManifestEntry> entries)
    {
        Path = path;
        Entries = entries;
        Cells = entries
            .GroupBy(e => e.Cell, StringComparer.Ordinal)
            .Select(g => new ManifestCell(g.First().Patient, g.Key, g.First().Split, g.ToArray()))
            .ToArray();
    }

    public string Path { get; }

    public IReadOnlyList<ManifestEntry> Entries { get; }

    public IReadOnlyList<ManifestCell> Cells { get; }

    public static DatasetManifest Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ManifestException($"{path}: file not found");
        }

        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        using var reader = new StreamReader(path);
        var header = reader.ReadLine() ?? throw new ManifestException($"{path}: empty file (expected header {string.Join(',', RequiredColumns)})");
        if (header.Contains('\0', StringComparison.Ordinal))
        {
            throw new ManifestException($"{path}:1: NUL byte in the header (a binary file, or a CSV saved as UTF-16 without its byte-order mark?)");
        }

        var columns = SplitLine(header).Select(c => c.Trim()).ToList();
        var index = RequiredColumns.ToDictionary(
            c => c,
            c => columns.FindIndex(h => h.Equals(c, StringComparison.OrdinalIgnoreCase)));
        var missing = index.Where(kv => kv.Value < 0).Select(kv => kv.Key).ToArray();
        if (missing.Length > 0)
        {
            throw new ManifestException($"{path}:1: header lacks column(s) {string.Join(", ", missing)} (expected {string.Join(',', RequiredColumns)})");
        }

        var entries = new List<ManifestEntry>();
        // (cell, full path) → the line that first named it: the same crop twice would count one chromosome twice.
        var seen = new Dictionary<(string Cell, string Path), int>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Contains('\0', StringComparison.Ordinal))
            {
                throw new ManifestException($"{path}:{lineNumber}: NUL byte in the line (a binary file, or a CSV saved as UTF-16 without its byte-order mark?)");
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = SplitLine(line);
            if (fields.Count < columns.Count)
            {
                throw new ManifestException($"{path}:{lineNumber}: {fields.Count} fields, expected {columns.Count}");
            }

            string Field(string name) => fields[index[name]].Trim();
            var relative = Field("path");
            if (relative.Length == 0 || Field("cell").Length == 0)
            {
                throw new ManifestException($"{path}:{lineNumber}: empty path or cell");
            }

            if (!ChromosomeClass.TryParse(Field("label"), out var label))
            {
                throw new ManifestException($"{path}:{lineNumber}: label '{Field("label")}' is not 1..22, X or Y");
            }

            var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, relative));
            if (!seen.TryAdd((Field("cell"), full), lineNumber))
            {
                throw new ManifestException($"{path}:{lineNumber}: {relative} is already in cell {Field("cell")} (line {seen[(Field("cell"), full)]}); a crop may appear once per cell");
            }

            entries.Add(new ManifestEntry(
                full,
                relative,
                Field("patient"),
                Field("cell"),
                label,
                Field("split"),
                lineNumber));
        }

        return new DatasetManifest(path, entries);
    }

    /// <summary>The cells of one split (all cells when <paramref name="split"/> is null).</summary>
    public IReadOnlyList<ManifestCell> CellsOf(string? split) =>
        split is null ? Cells : Cells.Where(c => c.Split.Equals(split, StringComparison.OrdinalIgnoreCase)).ToArray();

    // RFC 4180 subset: commas separate, double quotes enclose fields that contain commas or quotes.
    private static List<string> SplitLine(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(ch);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }
}
