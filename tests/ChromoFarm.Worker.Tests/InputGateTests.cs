using ChromoFarm.Contracts;
using ChromoFarm.Screening;
using ChromoFarm.Worker.Classification;

namespace ChromoFarm.Worker.Tests;

/// <summary>The gate before classification on real and generated images, with the shipped models and the learned segmenter.</summary>
public sealed class InputGateTests(ShippedModels shipped) : IClassFixture<ShippedModels>
{
    [Fact]
    public void Models_record_the_stain_they_were_trained_on()
    {
        Assert.Equal(Stain.GBand, shipped.GBand.Info.TrainedStain);
        Assert.Equal(Stain.QBand, shipped.QBand.Info.TrainedStain);
        Assert.Equal(Stain.Dapi, shipped.Dapi.Info.TrainedStain);
    }

    [Fact]
    public void Noise_is_refused_as_noise_before_anything_is_classified()
    {
        var error = Assert.Throws<InputRejectedException>(() => Prepare("noise.bmp", GateImages.Noise(seed: 1)));

        Assert.StartsWith("noise.bmp: not a metaphase: the image is noise-like (roughness 0.4", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(255)]
    [InlineData(0)]
    public void A_blank_is_no_metaphase(byte value)
    {
        var error = Assert.Throws<InputRejectedException>(() => Prepare("blank.bmp", GateImages.Blank(value)));

        Assert.Equal("blank.bmp: not a whole metaphase: 0 objects (fewer than 12)", error.Message);
    }

    [Fact]
    public void A_QBand_spread_is_refused_by_the_GBand_model_and_classified_by_the_QBand_one()
    {
        using var cell = Prepare("original_1.jpg", GateImages.BioImLab("original_1"));
        Assert.Equal(Stain.Fluorescence, cell.Stain);
        Assert.InRange(cell.Chromosomes.Count, 35, 60);

        var refused = ShippedModels.Classifier(shipped.GBand).Classify([cell])[0];
        Assert.Null(refused.Probabilities);
        Assert.Equal($"original_1.jpg: stain mismatch: the image is fluorescence, the model is G-band ({shipped.GBand.Version}); pass a model of this stain or --model auto", refused.Refusal);

        var classified = ShippedModels.Classifier(shipped.GBand, shipped.QBand).Classify([cell])[0];
        Assert.Null(classified.Refusal);
        Assert.Same(shipped.QBand, classified.Model);
        Assert.Equal(cell.Chromosomes.Count, classified.Probabilities!.Length);
        Assert.StartsWith("stain fluorescence; karyotype fit 0.", classified.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_DAPI_spread_gets_no_karyotype_from_the_GBand_model_and_goes_to_a_fluorescence_model_with_auto()
    {
        using var cell = Prepare("0im.png", GateImages.MFish(0));
        Assert.Equal(Stain.Fluorescence, cell.Stain);

        var refused = ShippedModels.Classifier(shipped.GBand).Classify([cell])[0];
        Assert.StartsWith("0im.png: stain mismatch: the image is fluorescence, the model is G-band", refused.Refusal, StringComparison.Ordinal);

        var auto = ShippedModels.Classifier(shipped.GBand, shipped.QBand, shipped.Dapi).Classify([cell])[0];
        Assert.NotNull(auto.Model);
        Assert.Contains(auto.Model.Info.TrainedStain, new[] { Stain.QBand, Stain.Dapi });
        // Both fluorescence models were tried, and the note says which was kept and why.
        Assert.Matches(@"^stain fluorescence: (Q-band|DAPI) model chosen \(karyotype fit (Q-band|DAPI) 0\.\d\d vs (Q-band|DAPI) 0\.\d\d\)", auto.Note);
    }

    [Fact]
    public void A_GBand_crop_set_passes_the_GBand_model()
    {
        using var cell = Pki3Cells.Prepare(shipped.Preparation, "97002023.12");
        Assert.Equal(Stain.GBand, cell.Stain);

        var classified = ShippedModels.Classifier(shipped.GBand, shipped.QBand, shipped.Dapi).Classify([cell])[0];

        Assert.Null(classified.Refusal);
        Assert.Same(shipped.GBand, classified.Model);
        Assert.StartsWith("stain G-band; karyotype fit 0.9", classified.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void With_refusal_turned_off_a_mismatch_is_classified_and_noted()
    {
        using var cell = Prepare("original_1.jpg", GateImages.BioImLab("original_1"));
        var lenient = new ScreenedClassifier([new BatchClassifier(shipped.GBand)], new ScreeningOptions { RefuseStainMismatch = false, MinKaryotypeFit = 0 });

        var classified = lenient.Classify([cell])[0];

        Assert.Null(classified.Refusal);
        Assert.StartsWith("stain mismatch: image fluorescence, model G-band; karyotype fit 0.", classified.Note, StringComparison.Ordinal);
    }

    private PreparedCell Prepare(string name, byte[] bytes) => shipped.Preparation.Prepare(CellSourceKind.Metaphase, [(name, bytes)]);
}
