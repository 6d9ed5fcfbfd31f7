using System.Text.Json;
using ChromoFarm.Domain;
using ChromoFarm.Native;

namespace ChromoFarm.Training.Segmentation;

/// <summary>
/// Metaphase spreads annotated in labelme: one JSON file per image, one polygon per chromosome,
/// the image embedded as base64 <c>imageData</c> or, failing that, beside the file as <c>imagePath</c>.
/// </summary>
public static class LabelmeSpreads
{
    /// <summary>The annotation files, in a stable order.</summary>
    public static IReadOnlyList<string> Files(string directory) =>
        Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal).ToArray();

    /// <exception cref="SpreadAnnotationException">The file is not a readable labelme annotation.</exception>
    /// <exception cref="NativeException">Its image (embedded or beside it) cannot be decoded; the message names the file.</exception>
    public static AnnotatedSpread Load(string path)
    {
        var name = Path.GetFileName(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new SpreadAnnotationException(path, $"not JSON ({e.Message})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("shapes", out var shapes) || shapes.ValueKind != JsonValueKind.Array)
            {
                throw new SpreadAnnotationException(path, "no labelme \"shapes\" array");
            }

            var image = LoadImage(path, root);
            try
            {
                var truth = new List<TruthInstance>();
                foreach (var shape in shapes.EnumerateArray())
                {
                    if (shape.ValueKind != JsonValueKind.Object)
                    {
                        throw new SpreadAnnotationException(path, "a shape is not a JSON object");
                    }

                    if (StringProperty(path, shape, "shape_type") is not (null or "polygon"))
                    {
                        continue;
                    }

                    var points = ReadPoints(path, shape);
                    if (PolygonRaster.Fill(points, image.Width, image.Height) is { } mask)
                    {
                        truth.Add(new TruthInstance(mask, LabelOf(path, shape)));
                    }
                }

                return new AnnotatedSpread(name, image, truth);
            }
            catch
            {
                image.Dispose();
                throw;
            }
        }
    }

    private static GreyImage LoadImage(string path, JsonElement root)
    {
        if (root.TryGetProperty("imageData", out var data) && data.ValueKind == JsonValueKind.String)
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(data.GetString()!);
            }
            catch (FormatException)
            {
                throw new SpreadAnnotationException(path, "imageData is not base64");
            }

            return GreyImage.Decode(bytes, sourceName: Path.GetFileName(path) + " (imageData)");
        }

        if (root.TryGetProperty("imagePath", out var relative) && relative.GetString() is { Length: > 0 } imagePath)
        {
            var full = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, imagePath);
            if (!File.Exists(full))
            {
                throw new SpreadAnnotationException(path, $"no imageData, and its imagePath {imagePath} does not exist");
            }

            return GreyImage.Decode(full);
        }

        throw new SpreadAnnotationException(path, "neither imageData nor imagePath");
    }

    private static List<(double X, double Y)> ReadPoints(string path, JsonElement shape)
    {
        if (!shape.TryGetProperty("points", out var points) || points.ValueKind != JsonValueKind.Array)
        {
            throw new SpreadAnnotationException(path, "a shape without \"points\"");
        }

        var result = new List<(double, double)>();
        foreach (var point in points.EnumerateArray())
        {
            // TryGetDouble throws, rather than returns false, on anything but a number.
            if (point.ValueKind != JsonValueKind.Array || point.GetArrayLength() != 2 ||
                point[0].ValueKind != JsonValueKind.Number || point[1].ValueKind != JsonValueKind.Number ||
                !point[0].TryGetDouble(out var x) || !point[1].TryGetDouble(out var y))
            {
                throw new SpreadAnnotationException(path, "a polygon point is not [x, y]");
            }

            result.Add((x, y));
        }

        return result;
    }

    // The BioImLab set labels every polygon "chr"; a class name, where given, is kept.
    private static ChromosomeClass? LabelOf(string path, JsonElement shape) =>
        ChromosomeClass.TryParse(StringProperty(path, shape, "label"), out var value) ? value : null;

    // GetString throws InvalidOperationException on a number or an object, which no caller expects of a bad file.
    private static string? StringProperty(string path, JsonElement shape, string name) =>
        !shape.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new SpreadAnnotationException(path, $"a shape's \"{name}\" is not a string");
}
