using System.Text.Json.Nodes;
using ChromoFarm.Domain;
using ChromoFarm.Models;

namespace ChromoFarm.Core.Tests;

public class TorchScriptSidecarTests
{
    private const string Source = "/models/resnet18.json";

    private static readonly string[] FarmOrder = ChromosomeClass.All.Select(c => c.Label).ToArray();

    [Fact]
    public void A_valid_sidecar_gives_every_field()
    {
        var sidecar = TorchScriptSidecar.Parse(Valid().ToJsonString(), Source);

        Assert.Equal("torchvision-resnet18-20260101T120000", sidecar.Version);
        Assert.Equal("torchvision resnet18 (1-channel 7x7/2 stem, 24 classes)", sidecar.Architecture);
        Assert.Equal(FarmOrder, sidecar.Classes);
        Assert.Equal(new TorchScriptInputSpec(96, 3, false, 0.5f, 0.25f), sidecar.Input);
        Assert.Equal(new TorchScriptPreprocessing("cell", 40f, true), sidecar.Preprocessing);
        Assert.Equal("probabilities", sidecar.Output);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero), sidecar.CreatedAt);
        Assert.Equal(new TrainingInfo("pki3/manifest.csv", "train", 378, 17383, 12, 11, 0, 3510.5), sidecar.Training);
        Assert.Equal(0.9699, sidecar.Metrics!["val_accuracy"]);
    }

    [Fact]
    public void Optional_fields_default_to_fit_scale_and_logits()
    {
        var json = Valid();
        json.Remove("preprocessing");
        json.Remove("output");
        json.Remove("created_at");
        json.Remove("training");
        json.Remove("metrics");

        var sidecar = TorchScriptSidecar.Parse(json.ToJsonString(), Source);
        var info = sidecar.ToModelInfo(DateTimeOffset.UnixEpoch);

        Assert.Equal("logits", sidecar.Output);
        Assert.True(info.Preprocessing.Fit);
        Assert.Equal(DateTimeOffset.UnixEpoch, info.CreatedAt);
        Assert.Empty(info.Metrics);
    }

    [Theory]
    [InlineData("format", "\"chromofarm-torchscript/2\"", "format")]
    [InlineData("version", "\" \"", "version")]
    [InlineData("classes", "[\"1\",\"2\",\"3\"]", "classes")]
    [InlineData("input.canvas", "4", "input.canvas")]
    [InlineData("input.canvas", "2048", "input.canvas")]
    [InlineData("input.channels", "2", "input.channels")]
    [InlineData("input.std", "0", "input.std")]
    [InlineData("output", "\"softmax\"", "output")]
    [InlineData("preprocessing.scale", "\"stretch\"", "preprocessing.scale")]
    public void An_invalid_field_is_named_with_the_file(string field, string value, string named)
    {
        var json = Valid();
        Set(json, field, JsonNode.Parse(value));

        var error = Assert.Throws<InvalidDataException>(() => TorchScriptSidecar.Parse(json.ToJsonString(), Source));

        Assert.StartsWith(Source + ": ", error.Message, StringComparison.Ordinal);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Classes_missing_a_label_name_the_label()
    {
        var json = Valid();
        json["classes"] = new JsonArray(FarmOrder.Select(l => (JsonNode?)JsonValue.Create(l == "Y" ? "X" : l)).ToArray());

        var error = Assert.Throws<InvalidDataException>(() => TorchScriptSidecar.Parse(json.ToJsonString(), Source));

        Assert.Equal($"{Source}: classes lacks Y", error.Message);
    }

    [Fact]
    public void Text_that_is_not_a_sidecar_is_refused_naming_the_file()
    {
        var error = Assert.Throws<InvalidDataException>(() => TorchScriptSidecar.Parse("version: 1", Source));
        Assert.StartsWith(Source + ": not a TorchScript sidecar", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_farm_order_maps_each_class_to_its_own_column()
    {
        var sidecar = TorchScriptSidecar.Parse(Valid().ToJsonString(), Source);
        Assert.Equal(Enumerable.Range(0, 24), sidecar.ColumnOfClass());
    }

    [Fact]
    public void A_permuted_order_maps_each_class_to_the_column_holding_it()
    {
        // Columns: X, Y, 22, 2..21, 1.
        var json = Valid();
        var order = new[] { "X", "Y", "22" }.Concat(Enumerable.Range(2, 20).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))).Append("1");
        json["classes"] = new JsonArray(order.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray());

        var columns = TorchScriptSidecar.Parse(json.ToJsonString(), Source).ColumnOfClass();

        int[] expected = [23, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 2, 0, 1];
        Assert.Equal(expected, columns);
    }

    [Fact]
    public void The_sidecar_of_a_model_is_its_name_with_json()
    {
        Assert.Equal(Path.Combine("models", "resnet18.json"), TorchScriptSidecar.PathFor(Path.Combine("models", "resnet18.pt")));
    }

    private static JsonObject Valid() => JsonNode.Parse($$"""
        {
          "format": "chromofarm-torchscript/1",
          "version": "torchvision-resnet18-20260101T120000",
          "architecture": "torchvision resnet18 (1-channel 7x7/2 stem, 24 classes)",
          "classes": [{{string.Join(", ", FarmOrder.Select(l => $"\"{l}\""))}}],
          "input": { "canvas": 96, "channels": 3, "size_features": false, "mean": 0.5, "std": 0.25 },
          "preprocessing": { "scale": "cell", "reference_length": 40, "orient": true },
          "output": "probabilities",
          "created_at": "2026-01-01T12:00:00+00:00",
          "training": { "data": "pki3/manifest.csv", "split": "train", "cells": 378, "chromosomes": 17383, "epochs": 12, "best_epoch": 11, "seed": 0, "seconds": 3510.5 },
          "metrics": { "val_accuracy": 0.9699 }
        }
        """)!.AsObject();

    private static void Set(JsonObject json, string dottedPath, JsonNode? value)
    {
        var parts = dottedPath.Split('.');
        var parent = parts[..^1].Aggregate(json, (node, part) => node[part]!.AsObject());
        parent[parts[^1]] = value;
    }
}
