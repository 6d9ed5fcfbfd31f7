using ChromoFarm.Native.Interop;

namespace ChromoFarm.Native.Tests;

/// <summary>The learned segmenter's network through the public API, on real libtorch.</summary>
public class SegmentationNetworkTests
{
    /// <summary>Narrow enough that a whole M-FISH spread goes through in well under a second.</summary>
    internal const int NarrowWidth = 4;

    [Fact]
    public void A_saved_and_reloaded_network_segments_the_mfish_spread_identically()
    {
        using var temp = new TempDirectory();
        using var metaphase = GreyImage.Decode(SharedData.File("metaphase-mfish/0im.png"));
        using var network = SegmentationNetwork.Create(NarrowWidth, seed: 11, ComputeDevice.Cpu);
        // Trained a little, so batch norm's running statistics are no longer their initial values.
        RectangleTiles.Train(network, steps: 30);
        using var before = new MetaphaseSegmenter(network: network).Segment(metaphase);
        Assert.NotEmpty(before.Instances); // something to compare: the steps teach it that bright is chromosome

        network.Save(temp.File("segmenter.cfs"));
        using var loaded = SegmentationNetwork.Load(temp.File("segmenter.cfs"), ComputeDevice.Cpu);
        using var after = new MetaphaseSegmenter(network: loaded).Segment(metaphase);

        Assert.Equal(before.Instances, after.Instances);
        for (var i = 0; i < before.Count; i++)
        {
            Assert.Equal(before.Mask(i), after.Mask(i));
        }
    }

    [Fact]
    public void Metadata_with_non_ascii_text_survives_a_save_and_load()
    {
        using var temp = new TempDirectory();
        const string Metadata = """{"architecture":"chromofarm-unet3","note":"µm, 染色体, Ω — ok"}""";
        using var network = SegmentationNetwork.Create(NarrowWidth, seed: 1, ComputeDevice.Cpu);
        network.Metadata = Metadata;

        network.Save(temp.File("segmenter.cfs"));
        using var loaded = SegmentationNetwork.Load(temp.File("segmenter.cfs"), ComputeDevice.Cpu);

        Assert.Equal(Metadata, network.Metadata);
        Assert.Equal(Metadata, loaded.Metadata);
    }

    [Fact]
    public void A_new_network_has_empty_metadata()
    {
        using var network = SegmentationNetwork.Create(NarrowWidth, seed: 1, ComputeDevice.Cpu);

        Assert.Equal(string.Empty, network.Metadata);
    }

    [Fact]
    public void Step_refuses_inputs_or_targets_of_another_length_than_the_tiles()
    {
        using var network = SegmentationNetwork.Create(NarrowWidth, seed: 1, ComputeDevice.Cpu);
        const int Pixels = 2 * 16 * 16;

        Assert.Throws<ArgumentException>(() => network.Step(new float[Pixels - 1], new byte[Pixels], 2, 16, 1e-3f));
        Assert.Throws<ArgumentException>(() => network.Step(new float[Pixels], new byte[Pixels + 1], 2, 16, 1e-3f));
        Assert.Throws<ArgumentException>(() => network.Step(new float[Pixels], new byte[Pixels], 3, 16, 1e-3f));
        Assert.Throws<ArgumentOutOfRangeException>(() => network.Step(new float[Pixels], new byte[Pixels], 0, 16, 1e-3f));
    }

    [Fact]
    public void Step_refuses_class_weights_that_are_not_one_per_class()
    {
        using var network = SegmentationNetwork.Create(NarrowWidth, seed: 1, ComputeDevice.Cpu);
        const int Pixels = 16 * 16;

        var error = Assert.Throws<ArgumentException>(
            () => network.Step(new float[Pixels], new byte[Pixels], 1, 16, 1e-3f, new float[] { 1f, 1f }));

        Assert.Equal("classWeights", error.ParamName);
    }

    [Fact]
    public void Step_refuses_a_side_that_is_no_multiple_of_the_stride_and_a_target_that_is_no_class_naming_them()
    {
        using var network = SegmentationNetwork.Create(NarrowWidth, seed: 1, ComputeDevice.Cpu);
        var targets = new byte[16 * 16];
        targets[37] = 7;

        var side = Assert.Throws<NativeException>(() => network.Step(new float[12 * 12], new byte[12 * 12], 1, 12, 1e-3f));
        var target = Assert.Throws<NativeException>(() => network.Step(new float[16 * 16], targets, 1, 16, 1e-3f));

        Assert.Equal(NativeStatus.InvalidArgument, side.Status);
        Assert.Contains("size 12", side.Message, StringComparison.Ordinal);
        Assert.Equal(NativeStatus.InvalidArgument, target.Status);
        Assert.Contains("targets[37] = 7", target.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_step_leaves_the_network_segmenting_as_before()
    {
        // One 8 x 8 tile leaves batch norm a single value per channel at the coarsest level.
        using var metaphase = GreyImage.Decode(SharedData.File("metaphase-mfish/0im.png"));
        using var network = SegmentationNetwork.Create(NarrowWidth, seed: 1, ComputeDevice.Cpu);
        var segmenter = new MetaphaseSegmenter(network: network);
        using var before = segmenter.Segment(metaphase);

        var error = Assert.Throws<NativeException>(() => network.Step(new float[8 * 8], new byte[8 * 8], 1, 8, 1e-3f));
        using var after = segmenter.Segment(metaphase);

        Assert.Equal(NativeStatus.InvalidArgument, error.Status);
        Assert.Contains("batch norm", error.Message, StringComparison.Ordinal);
        Assert.Equal(before.Instances, after.Instances);
    }

    [Fact]
    public void Steps_on_tiles_of_bright_rectangles_bring_the_loss_down()
    {
        using var network = SegmentationNetwork.Create(8, seed: 3, ComputeDevice.Cpu);

        var losses = RectangleTiles.Train(network, steps: 30);

        Assert.True(losses[^1] < 0.5f * losses[0], $"loss {losses[0]:0.000} -> {losses[^1]:0.000}");
    }

    [Fact]
    public void Loading_a_corrupt_file_fails_with_a_model_error_whose_message_starts_with_the_path()
    {
        using var temp = new TempDirectory();
        var path = temp.File("notes.cfs");
        File.WriteAllText(path, "this is not a segmentation network");

        var error = Assert.Throws<ModelFileException>(() => SegmentationNetwork.Load(path, ComputeDevice.Cpu));

        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loading_a_missing_file_fails_with_a_model_error_whose_message_starts_with_the_path()
    {
        using var temp = new TempDirectory();
        var path = temp.File("absent.cfs");

        var error = Assert.Throws<ModelFileException>(() => SegmentationNetwork.Load(path, ComputeDevice.Cpu));

        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_classifier_model_file_is_refused_as_a_segmentation_network()
    {
        using var temp = new TempDirectory();
        var path = temp.File("classifier.cfm");
        using (var classifier = TestModels.CreateSmall())
        {
            classifier.Save(path);
        }

        var error = Assert.Throws<ModelFileException>(() => SegmentationNetwork.Load(path, ComputeDevice.Cpu));

        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
        Assert.Contains("segmentation network", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_segmenter_is_named_classical_without_a_network_and_learned_with_one()
    {
        using var network = SegmentationNetwork.Create(NarrowWidth, seed: 1, ComputeDevice.Cpu);

        Assert.Equal("classical", new MetaphaseSegmenter().Name);
        Assert.Equal("learned", new MetaphaseSegmenter(network: network).Name);
    }

    [Fact]
    public void The_network_input_has_one_value_per_pixel_with_the_background_at_zero()
    {
        using var metaphase = GreyImage.Decode(SharedData.File("metaphase-mfish/0im.png"));

        var input = SegmentationNetwork.Input(metaphase);

        Assert.Equal(metaphase.Width * metaphase.Height, input.Length);
        var sorted = input.Order().ToArray();
        Assert.Equal(0f, sorted[sorted.Length / 2], 3); // the median is the background
        Assert.True(sorted[^1] > 0.5f, $"the brightest pixel gives {sorted[^1]}");
    }

    [Fact]
    public void The_network_input_measures_heights_in_units_of_background_noise_compressed_by_asinh()
    {
        // 40 % at 14, 50 % at 20, 10 % at 200: background (median) 20, 10th percentile 14, so the noise
        // is (20 - 14) / 1.28 = 4.6875 and a pixel v gives asinh((v - 20) / (3 * 4.6875)) / 3.
        var pixels = new byte[100 * 100];
        Array.Fill(pixels, (byte)14, 0, 4000);
        Array.Fill(pixels, (byte)20, 4000, 5000);
        Array.Fill(pixels, (byte)200, 9000, 1000);
        using var spread = GreyImage.FromPixels(pixels, 100, 100);

        var input = SegmentationNetwork.Input(spread, Polarity.LightOnDark);

        Assert.Equal(-0.138226f, input[0], 4);
        Assert.Equal(0f, input[4000], 6);
        Assert.Equal(1.081372f, input[9000], 4); // 180 levels above the background, compressed to about 1
    }

    [Fact]
    public void An_untrained_network_gives_instances_whose_masks_lie_in_their_boxes()
    {
        using var metaphase = GreyImage.Decode(SharedData.File("metaphase-mfish/0im.png"));
        using var network = SegmentationNetwork.Create(NarrowWidth, seed: 1, ComputeDevice.Cpu);

        using var segmentation = new MetaphaseSegmenter(network: network).Segment(metaphase);

        for (var i = 0; i < segmentation.Count; i++)
        {
            var instance = segmentation.Instances[i];
            Assert.True(instance.X >= 0 && instance.Y >= 0 && instance.X + instance.Width <= metaphase.Width &&
                        instance.Y + instance.Height <= metaphase.Height, instance.ToString());
            var mask = segmentation.Mask(i);
            Assert.All(mask, value => Assert.True(value is 0 or 255, $"mask value {value}"));
            Assert.Equal(instance.Area, mask.Count(value => value == 255));
        }
    }
}

/// <summary>Runs alone, so the process-wide handle count is this class's own.</summary>
[Collection(HandleLeakGroup.Name)]
public class SegmentationNetworkHandleTests
{
    [Fact]
    public void Creating_training_saving_loading_and_segmenting_leave_no_handle_behind()
    {
        var start = LiveHandles.Settled();
        using var temp = new TempDirectory();

        using (var metaphase = GreyImage.Decode(SharedData.File("metaphase-mfish/0im.png")))
        using (var network = SegmentationNetwork.Create(SegmentationNetworkTests.NarrowWidth, seed: 2, ComputeDevice.Cpu))
        {
            RectangleTiles.Train(network, steps: 2);
            network.Save(temp.File("segmenter.cfs"));
            using var loaded = SegmentationNetwork.Load(temp.File("segmenter.cfs"), ComputeDevice.Cpu);
            using var segmentation = new MetaphaseSegmenter(network: loaded).Segment(metaphase);
            Assert.Equal(start + 4, NativeHandle.LiveCount); // image, two networks, segmentation
        }

        Assert.Equal(start, NativeHandle.LiveCount);
    }

    [Fact]
    public void Failed_loads_and_steps_leave_no_handle_behind()
    {
        var start = LiveHandles.Settled();
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("notes.cfs"), "not a network");

        Assert.Throws<ModelFileException>(() => SegmentationNetwork.Load(temp.File("notes.cfs"), ComputeDevice.Cpu));
        Assert.Throws<ModelFileException>(() => SegmentationNetwork.Load(temp.File("missing.cfs"), ComputeDevice.Cpu));
        using (var network = SegmentationNetwork.Create(SegmentationNetworkTests.NarrowWidth, seed: 2, ComputeDevice.Cpu))
        {
            Assert.Throws<NativeException>(() => network.Step(new float[12 * 12], new byte[12 * 12], 1, 12, 1e-3f));
        }

        Assert.Equal(start, NativeHandle.LiveCount);
    }
}

/// <summary>
/// Training tiles drawn by hand: bright rectangles on a dark background, two touching, with the
/// targets the training rule gives (contact within one pixel of the other rectangle).
/// </summary>
internal static class RectangleTiles
{
    private const int Side = 32;
    private const int Count = 4;

    /// <summary>Takes <paramref name="steps"/> steps; the loss of each comes back.</summary>
    public static float[] Train(SegmentationNetwork network, int steps)
    {
        var (inputs, targets) = Draw();
        float[] weights = [1f, 1f, 3f];
        return Enumerable.Range(0, steps)
            .Select(i => network.Step(inputs, targets, Count, Side, 1e-2f, i % 2 == 1 ? weights : []))
            .ToArray();
    }

    private static (float[] Inputs, byte[] Targets) Draw()
    {
        var inputs = new float[Count * Side * Side];
        var targets = new byte[Count * Side * Side];
        var noise = new Random(2024);
        for (var tile = 0; tile < Count; tile++)
        {
            var owner = new int[Side * Side];
            Fill(owner, 1, 3 + tile, 4, 10, 20 - 2 * tile);
            Fill(owner, 2, 13 + tile, 6 + tile, 8, 12); // shares a column edge with rectangle 1
            Fill(owner, 3, 26, 20 - tile, 5, 9); // alone
            for (var at = 0; at < Side * Side; at++)
            {
                inputs[tile * Side * Side + at] = (owner[at] != 0 ? 1f : 0f) + 0.05f * noise.NextSingle();
                targets[tile * Side * Side + at] = Target(owner, at % Side, at / Side);
            }
        }

        return (inputs, targets);
    }

    private static void Fill(int[] owner, int id, int left, int top, int width, int height)
    {
        for (var y = top; y < top + height; y++)
        {
            for (var x = left; x < left + width; x++)
            {
                owner[y * Side + x] = id;
            }
        }
    }

    private static byte Target(int[] owner, int x, int y)
    {
        var own = owner[y * Side + x];
        if (own == 0)
        {
            return SegmentationNetwork.Background;
        }

        for (var dy = -1; dy <= 1; dy++)
        {
            for (var dx = -1; dx <= 1; dx++)
            {
                int nx = x + dx, ny = y + dy;
                if (nx is >= 0 and < Side && ny is >= 0 and < Side && owner[ny * Side + nx] is not 0 && owner[ny * Side + nx] != own)
                {
                    return SegmentationNetwork.Contact;
                }
            }
        }

        return SegmentationNetwork.Interior;
    }
}
