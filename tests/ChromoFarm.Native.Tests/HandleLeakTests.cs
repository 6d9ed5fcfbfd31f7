using ChromoFarm.Native.Interop;
using ChromoFarm.Tests;

namespace ChromoFarm.Native.Tests;

/// <summary>Runs alone (after the parallel tests), so the process-wide count is this test's own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HandleLeakGroup
{
    public const string Name = "Native handle leaks";
}

[Collection(HandleLeakGroup.Name)]
public class HandleLeakTests
{
    [Fact]
    public void A_decoded_image_is_counted_as_live_until_disposed()
    {
        var start = LiveHandles.Settled();

        var image = GreyImage.Decode(SharedData.File("bioimlab/1/10a.bmp"));
        var whileAlive = NativeHandle.LiveCount;
        image.Dispose();

        Assert.Equal(start + 1, whileAlive);
        Assert.Equal(start, NativeHandle.LiveCount);
    }

    [Fact]
    public void Standing_a_crop_upright_and_encoding_it_leave_no_handle_behind()
    {
        var start = LiveHandles.Settled();

        using (var bar = UprightCropTests.Bar(width: 30, height: 6, lightOnDark: false))
        {
            using var upright = bar.Upright();
            _ = upright.EncodePng();
        }

        Assert.Equal(start, NativeHandle.LiveCount);
    }

    [Fact]
    public void Decoding_segmenting_and_cropping_leave_no_handle_behind()
    {
        var start = LiveHandles.Settled();

        using (var metaphase = GreyImage.Decode(SharedData.File("metaphase-mfish/0im.png")))
        using (var segmentation = new MetaphaseSegmenter().Segment(metaphase))
        {
            for (var i = 0; i < segmentation.Count; i++)
            {
                using var crop = segmentation.Crop(i, margin: 2);
                crop.Measure();
            }
        }

        Assert.Equal(start, NativeHandle.LiveCount);
    }

    [Fact]
    public void Preprocessing_predicting_training_and_saving_leave_no_handle_behind()
    {
        var start = LiveHandles.Settled();
        using var temp = new TempDirectory();

        using (var cell = Pki3Cell.Load(take: 6))
        {
            var batch = new ClassifierBatch(6, TestModels.Canvas);
            cell.AppendTo(TestModels.Preprocessor, batch);
            using var model = TestModels.CreateSmall();
            using (var trainer = ClassifierTrainer.Create(model, new TrainerOptions()))
            {
                trainer.Step(batch, cell.Labels);
            }

            model.Predict(batch);
            model.Save(temp.File("model.cfm"));
            using var loaded = ChromosomeClassifier.Load(temp.File("model.cfm"), ComputeDevice.Cpu);
            loaded.Predict(batch);
        }

        Assert.Equal(start, NativeHandle.LiveCount);
    }

    [Fact]
    public void A_model_disposed_before_its_trainer_is_destroyed_with_the_trainer()
    {
        var start = LiveHandles.Settled();
        var model = TestModels.CreateSmall();
        var trainer = ClassifierTrainer.Create(model, new TrainerOptions());

        model.Dispose();
        var afterModel = NativeHandle.LiveCount;
        trainer.Dispose();

        Assert.Equal(start + 2, afterModel);
        Assert.Equal(start, NativeHandle.LiveCount);
    }

    [Fact]
    public void Failed_calls_leave_no_handle_behind()
    {
        var start = LiveHandles.Settled();
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("notes.cfm"), "not a model");

        Assert.Throws<ImageDecodeException>(() => GreyImage.Decode(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, sourceName: "junk"));
        Assert.Throws<ImageTooLargeException>(() => GreyImage.Decode(ImageHeader.ForgedPng(60_000, 60_000)));
        Assert.Throws<ModelFileException>(() => ChromosomeClassifier.Load(temp.File("notes.cfm"), ComputeDevice.Cpu));
        Assert.ThrowsAny<NativeException>(() => ChromosomeClassifier.Load(temp.File("missing.cfm"), ComputeDevice.Cpu));

        Assert.Equal(start, NativeHandle.LiveCount);
    }
}
