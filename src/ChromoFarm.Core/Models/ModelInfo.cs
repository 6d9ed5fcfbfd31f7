using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChromoFarm.Models;

/// <summary>How crops are turned into classifier input; stored in the model so that inference matches training.</summary>
/// <param name="Canvas">Input side in px.</param>
/// <param name="ReferenceLength">A chromosome as long as its cell's median is drawn this many px long.</param>
/// <param name="Orient">Crops are turned long axis vertical before drawing (absent in older files: false).</param>
/// <param name="Fit">Crops fill the canvas instead of the per-cell scale (TorchScript models trained the torchvision way).</param>
public sealed record PreprocessingInfo(int Canvas, float ReferenceLength, bool Orient = false, bool Fit = false);

/// <summary>Temperature scaling applied to the network's probabilities (see TemperatureScaling).</summary>
/// <param name="Temperature">Divides the logits; below 1 sharpens an under-confident network.</param>
/// <param name="FittedOn">The data and split it was fitted on, e.g. "pki3/manifest.csv val".</param>
/// <param name="ErrorBefore">Expected calibration error on that split before scaling.</param>
/// <param name="ErrorAfter">And after.</param>
public sealed record CalibrationInfo(double Temperature, string FittedOn, double ErrorBefore, double ErrorAfter);

/// <summary>What a model was trained on and how.</summary>
public sealed record TrainingInfo(
    string Data,
    string Split,
    int Cells,
    int Chromosomes,
    int Epochs,
    int BestEpoch,
    ulong Seed,
    double Seconds);

/// <summary>The registry record carried inside every model file (as JSON metadata).</summary>
/// <param name="Version">Unique, human-readable model version stored with every result.</param>
/// <param name="Classes">Class labels in output order.</param>
/// <param name="Stain">The stain of its training data ("G-band", "Q-band", "DAPI"); absent in files from before stains were recorded.</param>
public sealed record ModelInfo(
    int FormatVersion,
    string Version,
    string Architecture,
    PreprocessingInfo Preprocessing,
    IReadOnlyList<string> Classes,
    DateTimeOffset CreatedAt,
    TrainingInfo? Training,
    IReadOnlyDictionary<string, double> Metrics,
    CalibrationInfo? Calibration = null,
    string? Stain = null)
{
    public const int CurrentFormatVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The recorded stain; <see cref="Screening.Stain.Unknown"/> when the file records none.</summary>
    public Screening.Stain TrainedStain => Screening.StainNames.Parse(Stain) ?? Screening.Stain.Unknown;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ModelInfo FromJson(string json, string source) =>
        JsonSerializer.Deserialize<ModelInfo>(json, Json)
        ?? throw new InvalidDataException($"{source}: model metadata is empty");
}
