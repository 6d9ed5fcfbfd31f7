namespace ChromoFarm.Native.Tests;

public class ChromosomeClassifierTests
{
    [Fact]
    public void A_created_model_reports_its_config_device_and_parameters()
    {
        using var model = TestModels.CreateSmall();

        Assert.Equal(TestModels.Small, model.Config);
        Assert.Equal(ComputeDevice.Cpu, model.Device);
        Assert.True(model.ParameterCount is > 1000, $"{model.ParameterCount} parameters");
    }

    [Fact]
    public void Forward_on_a_real_cell_gives_one_probability_row_per_crop_summing_to_one()
    {
        using var cell = Pki3Cell.Load();
        using var model = TestModels.CreateSmall();
        var batch = new ClassifierBatch(64, TestModels.Canvas);
        cell.AppendTo(TestModels.Preprocessor, batch);

        var probabilities = model.Predict(batch);

        Assert.Equal(cell.Count * NativeCore.NumClasses, probabilities.Length);
        for (var row = 0; row < cell.Count; row++)
        {
            var values = probabilities.AsSpan(row * NativeCore.NumClasses, NativeCore.NumClasses).ToArray();
            Assert.All(values, p => Assert.InRange(p, 0f, 1f));
            Assert.InRange(values.Sum(), 1f - 1e-4f, 1f + 1e-4f);
        }
    }

    [Fact]
    public void Forward_into_a_caller_span_leaves_rows_beyond_the_batch_untouched()
    {
        using var cell = Pki3Cell.Load(take: 3);
        using var model = TestModels.CreateSmall();
        var batch = new ClassifierBatch(8, TestModels.Canvas);
        cell.AppendTo(TestModels.Preprocessor, batch);
        var output = Enumerable.Repeat(-1f, 8 * NativeCore.NumClasses).ToArray();

        model.Predict(batch, output);

        Assert.Equal(model.Predict(batch), output[..(3 * NativeCore.NumClasses)]);
        Assert.All(output[(3 * NativeCore.NumClasses)..], p => Assert.Equal(-1f, p));
    }

    [Fact]
    public void The_same_seed_creates_the_same_model()
    {
        using var cell = Pki3Cell.Load(take: 4);
        var batch = new ClassifierBatch(4, TestModels.Canvas);
        cell.AppendTo(TestModels.Preprocessor, batch);
        using var first = TestModels.CreateSmall(seed: 3);
        using var second = TestModels.CreateSmall(seed: 3);

        Assert.Equal(first.Predict(batch), second.Predict(batch));
    }

    [Fact]
    public void A_saved_and_reloaded_model_gives_identical_outputs()
    {
        using var temp = new TempDirectory();
        using var cell = Pki3Cell.Load();
        var batch = new ClassifierBatch(cell.Count, TestModels.Canvas);
        cell.AppendTo(TestModels.Preprocessor, batch);
        using var model = TestModels.CreateSmall();
        var before = model.Predict(batch);

        model.Save(temp.File("model.cfm"));
        using var loaded = ChromosomeClassifier.Load(temp.File("model.cfm"), ComputeDevice.Cpu);

        Assert.Equal(model.Config, loaded.Config);
        Assert.Equal(before, loaded.Predict(batch)); // exact float equality
    }

    [Fact]
    public void Metadata_survives_a_save_and_load()
    {
        using var temp = new TempDirectory();
        const string Metadata = """{"version":"2024.06-µ","trainedOn":"pki3 train","accuracy":0.981}""";
        using var model = TestModels.CreateSmall();
        model.Metadata = Metadata;

        model.Save(temp.File("model.cfm"));
        using var loaded = ChromosomeClassifier.Load(temp.File("model.cfm"), ComputeDevice.Cpu);

        Assert.Equal(Metadata, loaded.Metadata);
    }

    [Fact]
    public void A_new_model_has_empty_metadata()
    {
        using var model = TestModels.CreateSmall();

        Assert.Equal(string.Empty, model.Metadata);
    }

    [Fact]
    public void Loading_a_missing_model_file_fails_with_a_model_error_naming_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), "chromofarm-missing-" + Guid.NewGuid().ToString("N") + ".cfm");

        var error = Assert.Throws<ModelFileException>(() => ChromosomeClassifier.Load(path, ComputeDevice.Cpu));

        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loading_a_file_that_is_not_a_model_fails_with_a_model_error()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("notes.cfm"), "this is not a model");

        Assert.Throws<ModelFileException>(() => ChromosomeClassifier.Load(temp.File("notes.cfm"), ComputeDevice.Cpu));
    }

    [Fact]
    public void Cuda_is_refused_as_unavailable_where_there_is_no_GPU_and_used_where_there_is()
    {
        if (NativeCore.CudaAvailable)
        {
            using var model = ChromosomeClassifier.Create(TestModels.Small, 1, ComputeDevice.Cuda);
            Assert.Equal(ComputeDevice.Cuda, model.Device);
        }
        else
        {
            Assert.Throws<DeviceUnavailableException>(() => ChromosomeClassifier.Create(TestModels.Small, 1, ComputeDevice.Cuda));
        }
    }

    [Fact]
    public void Auto_device_picks_cuda_exactly_when_it_is_available()
    {
        using var model = ChromosomeClassifier.Create(TestModels.Small, 1, ComputeDevice.Auto);

        Assert.Equal(NativeCore.CudaAvailable ? ComputeDevice.Cuda : ComputeDevice.Cpu, model.Device);
    }

    [Fact]
    public void A_batch_of_another_canvas_is_refused()
    {
        using var model = TestModels.CreateSmall();

        Assert.Throws<ArgumentException>(() => model.Predict(new ClassifierBatch(1, TestModels.Canvas * 2) { Count = 1 }));
    }

    [Fact]
    public void An_empty_batch_predicts_nothing()
    {
        using var model = TestModels.CreateSmall();

        Assert.Empty(model.Predict(new ClassifierBatch(4, TestModels.Canvas)));
    }

    [Fact]
    public void Concurrent_predictions_on_one_model_equal_sequential_ones()
    {
        using var cell = Pki3Cell.Load(take: 8);
        var batch = new ClassifierBatch(8, TestModels.Canvas);
        cell.AppendTo(TestModels.Preprocessor, batch);
        using var model = TestModels.CreateSmall();
        var expected = model.Predict(batch);

        var results = new float[4][];
        Parallel.For(0, results.Length, i => results[i] = model.Predict(batch));

        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
