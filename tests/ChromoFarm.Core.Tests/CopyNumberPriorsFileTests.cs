using System.Text.Json.Nodes;
using ChromoFarm.Domain;
using ChromoFarm.Karyotyping;

namespace ChromoFarm.Core.Tests;

public sealed class CopyNumberPriorsFileTests : IDisposable
{
    private const string Source = "test-priors.json";

    private readonly string folder = Directory.CreateTempSubdirectory("cf-priors-").FullName;

    [Fact]
    public void The_default_priors_were_fitted_on_pki3_train_and_val()
    {
        var priors = CopyNumberPriorsFile.Default;

        Assert.NotNull(priors.Provenance);
        Assert.StartsWith("pki3-", priors.Version, StringComparison.Ordinal);
        Assert.Equal(490, priors.Provenance.Cells);
        Assert.Equal(["train", "val"], priors.Provenance.Splits);
        Assert.Equal(22, priors.Autosomes.Count);
        Assert.Equal(CopyNumberPriors.Complements.Count, priors.SexComplements.Count);
    }

    [Fact]
    public void Fitted_priors_survive_json_exactly()
    {
        var provenance = new PriorsProvenance("test-1", "cells.csv", ["train"], 4, new DateTimeOffset(2026, 11, 22, 2, 37, 51, TimeSpan.Zero));
        var fitted = CopyNumberPriors.Fit([Cell("XY"), Cell("XX"), Cell("XY", gain: 21), Cell("X")]) with { Provenance = provenance };

        var parsed = CopyNumberPriorsFile.Parse(CopyNumberPriorsFile.ToJson(fitted), Source);

        Assert.All(Enumerable.Range(0, 22), c => Assert.Equal(fitted.Autosomes[c], parsed.Autosomes[c]));
        Assert.Equal(fitted.SexComplements.OrderBy(p => p.Key), parsed.SexComplements.OrderBy(p => p.Key));
        Assert.NotNull(parsed.Provenance);
        Assert.Equal(
            (provenance.Version, provenance.Data, provenance.Cells, provenance.FittedAt),
            (parsed.Provenance.Version, parsed.Provenance.Data, parsed.Provenance.Cells, parsed.Provenance.FittedAt));
        Assert.Equal(provenance.Splits, parsed.Provenance.Splits);
    }

    [Fact]
    public void A_file_of_another_format_is_refused()
    {
        var json = DefaultJson();
        json["format"] = "chromofarm-copy-number-priors/2";

        AssertRefused(json.ToJsonString(), "format");
    }

    [Fact]
    public void A_missing_autosome_is_refused_by_name()
    {
        var json = DefaultJson();
        json["autosomes"]!.AsObject().Remove("7");

        AssertRefused(json.ToJsonString(), "autosomes.7");
    }

    [Fact]
    public void Autosome_probabilities_that_do_not_sum_to_one_are_refused()
    {
        var json = DefaultJson();
        json["autosomes"]!["7"] = new JsonArray(0.1, 0.1, 0.1, 0.1);

        AssertRefused(json.ToJsonString(), "autosomes.7");
    }

    [Fact]
    public void A_missing_sex_complement_is_refused_by_name()
    {
        var json = DefaultJson();
        json["sex_complements"]!.AsObject().Remove("XXY");

        AssertRefused(json.ToJsonString(), "sex_complements.XXY");
    }

    [Fact]
    public void Text_that_is_not_json_is_refused()
    {
        AssertRefused("{ not json", "not a copy-number priors file");
    }

    [Fact]
    public void Loading_no_path_gives_the_default_priors()
    {
        Assert.Same(CopyNumberPriorsFile.Default, CopyNumberPriorsFile.Load(null));
    }

    [Fact]
    public void Loading_a_missing_file_names_the_path()
    {
        var path = Path.Combine(folder, "absent.json");

        var error = Assert.Throws<InvalidDataException>(() => CopyNumberPriorsFile.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_loaded_file_is_parsed_with_its_path_as_the_source()
    {
        var good = Path.Combine(folder, "good.json");
        var bad = Path.Combine(folder, "bad.json");
        File.WriteAllText(good, CopyNumberPriorsFile.ToJson(CopyNumberPriorsFile.Default));
        File.WriteAllText(bad, "{}");

        Assert.Equal(CopyNumberPriorsFile.Default.Autosomes[20], CopyNumberPriorsFile.Load(good).Autosomes[20]);
        Assert.Contains(bad, Assert.Throws<InvalidDataException>(() => CopyNumberPriorsFile.Load(bad)).Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static void AssertRefused(string json, string field)
    {
        var error = Assert.Throws<InvalidDataException>(() => CopyNumberPriorsFile.Parse(json, Source));
        Assert.Contains(Source, error.Message, StringComparison.Ordinal);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    private static JsonObject DefaultJson() => JsonNode.Parse(CopyNumberPriorsFile.ToJson(CopyNumberPriorsFile.Default))!.AsObject();

    private static List<ChromosomeClass> Cell(string sex, int? gain = null)
    {
        var labels = Enumerable.Range(1, 22).SelectMany(n => new[] { ChromosomeClass.Autosome(n), ChromosomeClass.Autosome(n) }).ToList();
        labels.AddRange(sex.Select(s => ChromosomeClass.Parse(s.ToString())));
        if (gain is { } n)
        {
            labels.Add(ChromosomeClass.Autosome(n));
        }

        return labels;
    }
}
