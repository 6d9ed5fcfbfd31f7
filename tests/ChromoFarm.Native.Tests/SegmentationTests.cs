namespace ChromoFarm.Native.Tests;

public class SegmentationTests
{
    [Fact]
    public void MFish_sample_segments_into_35_to_60_instances()
    {
        using var metaphase = GreyImage.Decode(SharedData.File("metaphase-mfish/0im.png"));
        using var segmentation = new MetaphaseSegmenter().Segment(metaphase);

        Assert.InRange(segmentation.Count, 35, 60);
    }

    [Fact]
    public void Every_instance_has_a_non_empty_mask_of_its_box_size()
    {
        using var metaphase = GreyImage.Decode(SharedData.File("metaphase-mfish/0im.png"));
        using var segmentation = new MetaphaseSegmenter().Segment(metaphase);

        Assert.NotEmpty(segmentation.Instances);
        for (var i = 0; i < segmentation.Count; i++)
        {
            var instance = segmentation.Instances[i];
            var mask = segmentation.Mask(i);
            Assert.Equal(instance.Width * instance.Height, mask.Length);
            Assert.All(mask, value => Assert.True(value is 0 or 255, $"mask value {value}"));
            Assert.Equal(instance.Area, mask.Count(value => value == 255));
        }
    }

    [Fact]
    public void Every_instance_box_lies_inside_the_image()
    {
        using var metaphase = GreyImage.Decode(SharedData.File("metaphase-mfish/0im.png"));
        using var segmentation = new MetaphaseSegmenter().Segment(metaphase);

        Assert.All(segmentation.Instances, instance =>
        {
            Assert.True(instance.X >= 0 && instance.Y >= 0 && instance.Width > 0 && instance.Height > 0, instance.ToString());
            Assert.True(instance.X + instance.Width <= metaphase.Width && instance.Y + instance.Height <= metaphase.Height, instance.ToString());
            Assert.True(instance.Length > 0, instance.ToString());
        });
    }

    [Fact]
    public void A_crop_of_a_fluorescence_instance_is_a_dark_chromosome_on_white()
    {
        using var metaphase = GreyImage.Decode(SharedData.File("metaphase-mfish/0im.png"));
        using var segmentation = new MetaphaseSegmenter(new SegmentationOptions { Polarity = Polarity.LightOnDark }).Segment(metaphase);
        var largest = Enumerable.Range(0, segmentation.Count).MaxBy(i => segmentation.Instances[i].Area);

        using var crop = segmentation.Crop(largest, margin: 3);

        var pixels = crop.CopyPixels();
        Assert.Equal(255, pixels[0]);
        Assert.False(crop.Measure().LightOnDark);
    }

    [Fact]
    public void Crops_are_turned_long_axis_vertical_with_a_white_margin()
    {
        using var metaphase = GreyImage.Decode(SharedData.File("metaphase-mfish/0im.png"));
        using var segmentation = new MetaphaseSegmenter().Segment(metaphase);
        // Elongated instances lying closer to horizontal than vertical in the spread.
        var lying = Enumerable.Range(0, segmentation.Count)
            .Where(i => segmentation.Instances[i].Width > 2 * segmentation.Instances[i].Height)
            .ToArray();
        Assert.NotEmpty(lying);

        foreach (var index in lying)
        {
            using var crop = segmentation.Crop(index, margin: 4);
            Assert.True(crop.Height > crop.Width, $"instance {index}: crop {crop.Width}x{crop.Height} is not upright");
            var pixels = crop.CopyPixels();
            Assert.All(pixels.Take(crop.Width * 4), p => Assert.Equal(255, p));  // the top margin rows
            Assert.Contains(pixels, p => p < 200);  // and a chromosome below them
        }
    }

    [Fact]
    public void An_instance_index_out_of_range_is_refused()
    {
        using var metaphase = GreyImage.Decode(SharedData.File("metaphase-mfish/0im.png"));
        using var segmentation = new MetaphaseSegmenter().Segment(metaphase);

        Assert.Throws<ArgumentOutOfRangeException>(() => segmentation.Mask(segmentation.Count));
    }

    [Fact]
    public void Auto_polarity_segments_a_fluorescence_spread_as_light_on_dark()
    {
        // Auto must decide from the image: on this DAPI spread it has to act like LightOnDark.
        using var metaphase = GreyImage.Decode(SharedData.File("metaphase-mfish/0im.png"));
        using var auto = new MetaphaseSegmenter().Segment(metaphase);
        using var lightOnDark = new MetaphaseSegmenter(new SegmentationOptions { Polarity = Polarity.LightOnDark }).Segment(metaphase);

        Assert.Equal(lightOnDark.Instances, auto.Instances);
    }

    [Fact]
    public void A_blank_image_segments_into_no_instances()
    {
        var white = new byte[200 * 150];
        Array.Fill(white, (byte)255);
        using var blank = GreyImage.FromPixels(white, 200, 150);

        using var segmentation = new MetaphaseSegmenter().Segment(blank);

        Assert.Equal(0, segmentation.Count);
    }
}
