using System.Text.Json;
using System.Text.Json.Serialization;
using ChromoFarm.Domain;

namespace ChromoFarm.Karyotyping;

/// <summary>Where fitted priors came from.</summary>
/// <param name="Version">Recorded with every result, e.g. "pki3-train+val-20261122".</param>
/// <param name="Data">The manifest they were fitted on, as given.</param>
public sealed record PriorsProvenance(string Version, string Data, IReadOnlyList<string> Splits, int Cells, DateTimeOffset FittedAt);

/// <summary>
/// Copy-number priors on disk (JSON, format <see cref="FormatName"/>). The farm's default lives in this assembly
/// (copy-number-priors.json, refitted with `chromofarm priors fit`); `--priors FILE` replaces it, e.g. for a
/// prenatal lab whose trisomy rate is higher than Pki-3's.
/// </summary>
public static class CopyNumberPriorsFile
{
    public const string FormatName = "chromofarm-copy-number-priors/1";

    private const string DefaultResource = "ChromoFarm.Karyotyping.copy-number-priors.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly Lazy<CopyNumberPriors> Embedded = new(() =>
    {
        using var stream = typeof(CopyNumberPriorsFile).Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"{DefaultResource} is not embedded in {typeof(CopyNumberPriorsFile).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "the default copy-number priors");
    });

    /// <summary>The priors shipped with the farm, fitted on Pki-3 train and val (docs/assignment.md).</summary>
    public static CopyNumberPriors Default => Embedded.Value;

    /// <summary>The priors at <paramref name="path"/>, or <see cref="Default"/> when null.</summary>
    /// <exception cref="InvalidDataException">Missing, unreadable or inconsistent; the message names the file.</exception>
    public static CopyNumberPriors Load(string? path)
    {
        if (path is null)
        {
            return Default;
        }

        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: no such priors file");
        }

        return Parse(File.ReadAllText(path), path);
    }

    public static string ToJson(CopyNumberPriors priors)
    {
        ArgumentNullException.ThrowIfNull(priors);
        var document = new PriorsDocument(
            FormatName,
            priors.Provenance,
            ChromosomeClass.All.Where(c => c.IsAutosome).ToDictionary(c => c.Label, c => priors.Autosomes[c.Index]),
            priors.SexComplements.ToDictionary(p => Complement(p.Key.X, p.Key.Y), p => p.Value));
        return JsonSerializer.Serialize(document, Json);
    }

    /// <exception cref="InvalidDataException">The message names <paramref name="source"/> and what is wrong.</exception>
    public static CopyNumberPriors Parse(string json, string source)
    {
        PriorsDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<PriorsDocument>(json, Json);
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{source}: not a copy-number priors file ({error.Message})", error);
        }

        if (document?.Format != FormatName)
        {
            throw new InvalidDataException($"{source}: format is '{document?.Format}', expected '{FormatName}'");
        }

        var autosomes = new double[ChromosomeClass.AutosomeCount][];
        foreach (var autosome in ChromosomeClass.All.Where(c => c.IsAutosome))
        {
            if (document.Autosomes?.GetValueOrDefault(autosome.Label) is not { Length: CopyNumberPriors.MaxAutosomeCopies + 1 } p || !IsDistribution(p))
            {
                throw new InvalidDataException($"{source}: autosomes.{autosome.Label} must be {CopyNumberPriors.MaxAutosomeCopies + 1} positive probabilities summing to 1");
            }

            autosomes[autosome.Index] = p;
        }

        var complements = new Dictionary<(int X, int Y), double>();
        foreach (var (x, y) in CopyNumberPriors.Complements)
        {
            if (document.SexComplements?.GetValueOrDefault(Complement(x, y)) is not (> 0 and var p))
            {
                throw new InvalidDataException($"{source}: sex_complements.{Complement(x, y)} must be a positive probability");
            }

            complements[(x, y)] = p;
        }

        if (!IsDistribution(complements.Values))
        {
            throw new InvalidDataException($"{source}: sex_complements must sum to 1");
        }

        return new CopyNumberPriors(autosomes, complements) { Provenance = document.FittedOn };
    }

    private static string Complement(int x, int y) => new string('X', x) + new string('Y', y);

    private static bool IsDistribution(IEnumerable<double> p) =>
        p.All(v => v > 0 && double.IsFinite(v)) && Math.Abs(p.Sum() - 1) < 1e-6;

    private sealed record PriorsDocument(
        string? Format,
        [property: JsonPropertyName("fitted_on")] PriorsProvenance? FittedOn,
        Dictionary<string, double[]>? Autosomes,
        [property: JsonPropertyName("sex_complements")] Dictionary<string, double>? SexComplements);
}
