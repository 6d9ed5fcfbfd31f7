using System.Text.Json;
using System.Text.Json.Serialization;
using ChromoFarm.Domain;

namespace ChromoFarm.Models;

/// <summary>What the module's forward takes.</summary>
/// <param name="Canvas">Input side in px.</param>
/// <param name="Channels">1, or 3 for RGB-shaped stems (the grey canvas is repeated).</param>
/// <param name="SizeFeatures">forward(pixels, size features [N, 2]) instead of forward(pixels).</param>
/// <param name="Mean">The module sees (pixel − mean) / std, pixels in [0, 1], chromosome bright on 0.</param>
/// <param name="Std">Positive.</param>
public sealed record TorchScriptInputSpec(int Canvas, int Channels = 1, bool SizeFeatures = false, float Mean = 0f, float Std = 1f);

/// <summary>How crops are drawn onto the canvas.</summary>
/// <param name="Scale">"fit": longer side fills the canvas (torchvision habit); "cell": the cell's median length is drawn ReferenceLength px.</param>
/// <param name="ReferenceLength">Px of a median-length chromosome for "cell"; the size features use it in both modes.</param>
/// <param name="Orient">Turn the long axis vertical first.</param>
public sealed record TorchScriptPreprocessing(string Scale = "fit", float ReferenceLength = 44f, bool Orient = false);

/// <summary>
/// The JSON file beside a TorchScript model (<c>model.pt</c> → <c>model.json</c>) that lets the farm
/// run a network trained in Python: its input, preprocessing, class order and registry record.
/// Written by examples/pytorch/export_torchvision.py; the format is in examples/pytorch/README.md. Its optional
/// <c>stain</c> ("G-band", "Q-band", "DAPI") lets the input screen refuse cells of another stain.
/// </summary>
public sealed record TorchScriptSidecar(
    string Format,
    string Version,
    string Architecture,
    IReadOnlyList<string> Classes,
    TorchScriptInputSpec Input,
    TorchScriptPreprocessing? Preprocessing = null,
    string Output = "logits",
    DateTimeOffset? CreatedAt = null,
    TrainingInfo? Training = null,
    IReadOnlyDictionary<string, double>? Metrics = null,
    string? Stain = null)
{
    public const string FormatName = "chromofarm-torchscript/1";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    /// <summary>The sidecar of <paramref name="modelPath"/>: the same name with the extension .json.</summary>
    public static string PathFor(string modelPath) => Path.ChangeExtension(modelPath, ".json");

    /// <summary>True when <paramref name="modelPath"/> is not a .json itself and a sidecar lies beside it.</summary>
    public static bool Exists(string modelPath) =>
        !string.Equals(Path.GetExtension(modelPath), ".json", StringComparison.OrdinalIgnoreCase) && File.Exists(PathFor(modelPath));

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <exception cref="InvalidDataException">Unreadable or inconsistent; the message names <paramref name="source"/> and the field.</exception>
    public static TorchScriptSidecar Parse(string json, string source)
    {
        TorchScriptSidecar? sidecar;
        try
        {
            sidecar = JsonSerializer.Deserialize<TorchScriptSidecar>(json, Json);
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{source}: not a TorchScript sidecar: {error.Message}");
        }

        if (sidecar is null)
        {
            throw new InvalidDataException($"{source}: the sidecar is empty");
        }

        sidecar.Validate(source);
        return sidecar;
    }

    /// <summary>
    /// For each farm class (1..22, X, Y) the column of the module's output that holds it, so a
    /// module trained with another class order is read correctly.
    /// </summary>
    public int[] ColumnOfClass() => ChromosomeClass.All.Select(c => IndexOf(Classes, c.Label)).ToArray();

    /// <summary>The registry record the farm stores with results and shows in `models list`.</summary>
    public ModelInfo ToModelInfo(DateTimeOffset fileTime)
    {
        var preprocessing = Preprocessing ?? new TorchScriptPreprocessing();
        return new ModelInfo(
            ModelInfo.CurrentFormatVersion,
            Version,
            $"torchscript: {Architecture}",
            new PreprocessingInfo(Input.Canvas, preprocessing.ReferenceLength, preprocessing.Orient, Fit: preprocessing.Scale == "fit"),
            ChromosomeClass.All.Select(c => c.Label).ToArray(),
            CreatedAt ?? fileTime,
            Training,
            Metrics ?? new Dictionary<string, double>(),
            Stain: Stain);
    }

    private static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] == label)
            {
                return i;
            }
        }

        return -1;
    }

    private void Validate(string source)
    {
        void Require(bool condition, string problem)
        {
            if (!condition)
            {
                throw new InvalidDataException($"{source}: {problem}");
            }
        }

        Require(Format == FormatName, $"format is '{Format}', expected '{FormatName}'");
        Require(!string.IsNullOrWhiteSpace(Version), "version is missing");
        Require(!string.IsNullOrWhiteSpace(Architecture), "architecture is missing");
        Require(Input is not null, "input is missing");
        Require(Input!.Canvas is >= 8 and <= 1024, $"input.canvas {Input.Canvas} is outside 8..1024");
        Require(Input.Channels is 1 or 3, $"input.channels {Input.Channels} is neither 1 nor 3");
        Require(float.IsFinite(Input.Mean), "input.mean is not a number");
        Require(float.IsFinite(Input.Std) && Input.Std > 0f, "input.std is not a positive number");
        Require(Output is "logits" or "probabilities", $"output is '{Output}', expected 'logits' or 'probabilities'");
        var scale = (Preprocessing ?? new TorchScriptPreprocessing()).Scale;
        Require(scale is "fit" or "cell", $"preprocessing.scale is '{scale}', expected 'fit' or 'cell'");
        Require(float.IsFinite(Preprocessing?.ReferenceLength ?? 1f) && (Preprocessing?.ReferenceLength ?? 1f) > 0f, "preprocessing.reference_length is not a positive number");
        Require(Stain is null || Screening.StainNames.Parse(Stain) is not (null or Screening.Stain.Unknown), $"stain '{Stain}' is not G-band, Q-band or DAPI");
        Require(Classes is not null && Classes.Count == ChromosomeClass.Count, $"classes must list the {ChromosomeClass.Count} classes 1..22, X, Y (found {Classes?.Count ?? 0})");
        var missing = ChromosomeClass.All.Select(c => c.Label).Where(label => IndexOf(Classes!, label) < 0).ToArray();
        Require(missing.Length == 0, $"classes lacks {string.Join(", ", missing)}");
    }
}
