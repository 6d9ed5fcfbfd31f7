namespace ChromoFarm.Native.Tests;

public class CropPreprocessorTests
{
    [Fact]
    public void A_G_band_crop_measures_as_dark_on_light_with_a_plausible_length()
    {
        using var crop = GreyImage.Decode(SharedData.File("pki3/97002023.12/clase1_0_97002023.12.tiff"));

        var measure = crop.Measure();

        Assert.False(measure.LightOnDark);
        Assert.InRange(measure.Length, 0.5f * crop.Height, MathF.Sqrt((crop.Width * crop.Width) + (crop.Height * crop.Height)));
        Assert.InRange(measure.Area, 1f, crop.Width * crop.Height);
    }

    [Fact]
    public void Preprocessing_fills_the_batch_and_advances_its_count()
    {
        using var cell = Pki3Cell.Load();
        var batch = new ClassifierBatch(64, TestModels.Canvas);

        var first = cell.AppendTo(TestModels.Preprocessor, batch);

        Assert.Equal(0, first);
        Assert.Equal(cell.Count, batch.Count);
    }

    [Fact]
    public void A_second_cell_is_appended_after_the_first()
    {
        using var cell = Pki3Cell.Load();
        var together = new ClassifierBatch(2 * cell.Count, TestModels.Canvas);
        var alone = new ClassifierBatch(cell.Count, TestModels.Canvas);
        cell.AppendTo(TestModels.Preprocessor, together);
        cell.AppendTo(TestModels.Preprocessor, alone);

        var second = cell.AppendTo(TestModels.Preprocessor, together);

        Assert.Equal(cell.Count, second);
        Assert.Equal(2 * cell.Count, together.Count);
        Assert.Equal(alone.Pixels, together.Pixels.AsSpan(second * together.PixelsPerCrop).ToArray());
        Assert.Equal(alone.Features, together.Features.AsSpan(second * NativeCore.NumSizeFeatures).ToArray());
    }

    [Fact]
    public void Pixels_lie_in_zero_to_one_with_a_zero_background()
    {
        using var cell = Pki3Cell.Load();
        var batch = new ClassifierBatch(cell.Count, TestModels.Canvas);

        cell.AppendTo(TestModels.Preprocessor, batch);

        Assert.All(batch.Pixels, p => Assert.InRange(p, 0f, 1f));
        for (var i = 0; i < batch.Count; i++)
        {
            var crop = batch.CropPixels(i);
            Assert.Equal(0f, crop[0]);
            Assert.True(crop.ToArray().Max() > 0.3f, $"crop {i} has no bright chromosome");
        }
    }

    [Fact]
    public void Size_features_are_length_and_area_relative_to_the_references()
    {
        using var cell = Pki3Cell.Load();
        var batch = new ClassifierBatch(cell.Count, TestModels.Canvas);

        cell.AppendTo(TestModels.Preprocessor, batch);

        for (var i = 0; i < cell.Count; i++)
        {
            var measure = cell.Crops[i].Measure();
            var features = batch.CropFeatures(i);
            Assert.Equal(measure.Length / cell.MedianLength, features[0], 3);
            Assert.Equal(measure.Area / cell.MedianArea, features[1], 3);
        }
    }

    [Fact]
    public void Chromosome_1_is_drawn_larger_than_chromosome_21_of_the_same_cell()
    {
        // Relative size must survive the fixed canvas: the bright area of a chromosome 1 crop
        // exceeds that of a chromosome 21 crop preprocessed with the same references.
        using var cell = Pki3Cell.Load();
        var batch = new ClassifierBatch(cell.Count, TestModels.Canvas);
        cell.AppendTo(TestModels.Preprocessor, batch);

        var one = Array.IndexOf(cell.Labels, 0L);
        var twentyOne = Array.IndexOf(cell.Labels, 20L);

        Assert.True(
            BrightArea(batch.CropPixels(one)) > 1.5 * BrightArea(batch.CropPixels(twentyOne)),
            $"chr1 {BrightArea(batch.CropPixels(one))} px vs chr21 {BrightArea(batch.CropPixels(twentyOne))} px");
    }

    [Fact]
    public void A_crop_too_long_for_the_canvas_is_drawn_inside_it_and_keeps_its_true_relative_length()
    {
        using var crop = GreyImage.Decode(SharedData.File("pki3/97002023.12/clase1_0_97002023.12.tiff"));
        var measure = crop.Measure();
        var batch = new ClassifierBatch(1, TestModels.Canvas);
        // A reference a quarter of the crop's length asks for a drawing 4 x 24 px long on a 48 px canvas.
        float[] lengths = [measure.Length / 4f];
        float[] areas = [measure.Area];

        TestModels.Preprocessor.Append(batch, [crop], lengths, areas);

        Assert.Equal(4f, batch.CropFeatures(0)[0], 3);
        var pixels = batch.CropPixels(0);
        Assert.True(pixels.ToArray().Max() > 0.3f, "the chromosome is drawn");
        Assert.Equal(0f, pixels[0]);
    }

    [Fact]
    public void Preprocessing_without_augmentation_is_deterministic()
    {
        using var cell = Pki3Cell.Load(take: 6);
        var first = new ClassifierBatch(6, TestModels.Canvas);
        var second = new ClassifierBatch(6, TestModels.Canvas);

        cell.AppendTo(TestModels.Preprocessor, first, seed: 1);
        cell.AppendTo(TestModels.Preprocessor, second, seed: 2);

        Assert.Equal(first.Pixels, second.Pixels);
    }

    [Fact]
    public void Augmentation_repeats_for_a_seed_and_varies_between_seeds()
    {
        using var cell = Pki3Cell.Load(take: 6);
        var augmenting = new CropPreprocessor(TestModels.Preprocess with { Augment = true });
        var a = new ClassifierBatch(6, TestModels.Canvas);
        var again = new ClassifierBatch(6, TestModels.Canvas);
        var other = new ClassifierBatch(6, TestModels.Canvas);

        cell.AppendTo(augmenting, a, seed: 11);
        cell.AppendTo(augmenting, again, seed: 11);
        cell.AppendTo(augmenting, other, seed: 12);

        Assert.Equal(a.Pixels, again.Pixels);
        Assert.NotEqual(a.Pixels, other.Pixels);
    }

    [Fact]
    public void Crops_that_do_not_fit_in_the_batch_are_refused_without_writing()
    {
        using var cell = Pki3Cell.Load(take: 4);
        var batch = new ClassifierBatch(3, TestModels.Canvas);

        Assert.Throws<ArgumentException>(() => cell.AppendTo(TestModels.Preprocessor, batch));
        Assert.Equal(0, batch.Count);
        Assert.All(batch.Pixels, p => Assert.Equal(0f, p));
    }

    [Fact]
    public void A_batch_of_another_canvas_is_refused()
    {
        using var cell = Pki3Cell.Load(take: 1);

        Assert.Throws<ArgumentException>(() => cell.AppendTo(TestModels.Preprocessor, new ClassifierBatch(1, TestModels.Canvas + 1)));
    }

    private static int BrightArea(Span<float> pixels)
    {
        var count = 0;
        foreach (var p in pixels)
        {
            if (p > 0.1f)
            {
                count++;
            }
        }

        return count;
    }
}
