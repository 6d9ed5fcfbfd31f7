using System.Text.Json;

namespace ChromoFarm.Training.Segmentation;

/// <summary>
/// Writes an annotated spread as labelme files (a PNG and its JSON, the image embedded too), so that a
/// generated spread opens in labelme and reads like the hand-annotated sets.
/// </summary>
public static class LabelmeWriter
{
    /// <summary>The labelme format version written.</summary>
    public const string Version = "4.5.6";

    /// <summary>The label of a chromosome whose class is not known.</summary>
    public const string UnknownLabel = "chr";

    // Polygon corners are shifted a quarter pixel up and left: a pixel's centre then falls inside the
    // polygon exactly when the pixel is in the mask, whether a reader puts centres at integers (labelme's
    // own rasteriser) or at half-integers, and never on an edge.
    private const double CornerShift = 0.25;

    /// <summary>Writes <c>Name.png</c> and <c>Name.json</c> into <paramref name="folder"/> (created if absent).</summary>
    /// <returns>The JSON file's path.</returns>
    public static string Write(AnnotatedSpread spread, string folder)
    {
        ArgumentNullException.ThrowIfNull(spread);
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (spread.Name.Length == 0 || spread.Name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new ArgumentException($"'{spread.Name}' cannot be a file name", nameof(spread));
        }

        Directory.CreateDirectory(folder);
        var imageName = spread.Name + ".png";
        var imagePath = Path.Combine(folder, imageName);
        spread.Image.WritePng(imagePath);
        var png = File.ReadAllBytes(imagePath);

        var jsonPath = Path.Combine(folder, spread.Name + ".json");
        using var file = File.Create(jsonPath);
        using var json = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("version", Version);
        json.WriteStartObject("flags");
        json.WriteEndObject();
        json.WriteStartArray("shapes");
        foreach (var instance in spread.Truth)
        {
            WriteShape(json, instance);
        }

        json.WriteEndArray();
        json.WriteString("imagePath", imageName);
        json.WriteBase64String("imageData", png);
        json.WriteNumber("imageHeight", spread.Image.Height);
        json.WriteNumber("imageWidth", spread.Image.Width);
        json.WriteEndObject();
        return jsonPath;
    }

    private static void WriteShape(Utf8JsonWriter json, TruthInstance instance)
    {
        json.WriteStartObject();
        json.WriteString("label", instance.Label?.Label ?? UnknownLabel);
        json.WriteStartArray("points");
        foreach (var (x, y) in MaskContour.Outer(instance.Mask))
        {
            json.WriteStartArray();
            json.WriteNumberValue(x - CornerShift);
            json.WriteNumberValue(y - CornerShift);
            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteNull("group_id");
        json.WriteString("shape_type", "polygon");
        json.WriteStartObject("flags");
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
