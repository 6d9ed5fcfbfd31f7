using ChromoFarm.Training.Segmentation;

namespace ChromoFarm.Training.Tests;

public sealed class InstanceMaskTests
{
    [Fact]
    public void Two_offset_squares_overlap_in_the_rectangle_they_share()
    {
        var a = Masks.Box(0, 0, 10, 10);
        var b = Masks.Box(3, 4, 10, 10);

        // Shared: x 3..9, y 4..9 = 7 × 6.
        Assert.Equal(42, a.Intersection(b));
        Assert.Equal(42, b.Intersection(a));
        Assert.Equal(42.0 / (100 + 100 - 42), a.IoU(b), 12);
    }

    [Fact]
    public void Pixels_outside_the_object_inside_its_box_do_not_count()
    {
        var ring = Masks.Drawn("###|#.#|###", 0, 0);
        var centre = Masks.Box(1, 1, 1, 1);
        var solid = Masks.Box(0, 0, 3, 3);

        Assert.Equal(8, ring.Area);
        Assert.Equal(0, ring.Intersection(centre));
        Assert.Equal(0, ring.IoU(centre));
        Assert.Equal(8, ring.Intersection(solid));
        Assert.Equal(8.0 / 9, ring.IoU(solid), 12);
    }

    [Fact]
    public void Objects_whose_boxes_do_not_meet_have_IoU_0()
    {
        Assert.Equal(0, Masks.Box(0, 0, 5, 5).IoU(Masks.Box(5, 0, 5, 5)));
    }

    [Fact]
    public void Contains_is_true_only_for_object_pixels_in_image_coordinates()
    {
        var ring = Masks.Drawn("###|#.#|###", 2, 3);

        Assert.True(ring.Contains(2, 3));
        Assert.True(ring.Contains(4, 5));
        Assert.False(ring.Contains(3, 4)); // the hole
        Assert.False(ring.Contains(1, 3)); // left of the box
        Assert.False(ring.Contains(5, 3)); // right of the box
        Assert.False(ring.Contains(2, 6)); // below the box
        Assert.False(ring.Contains(-1, -1));
    }

    [Fact]
    public void Any_non_zero_value_marks_the_object()
    {
        var mask = new InstanceMask(0, 0, 2, 2, [0, 1, 255, 7]);

        Assert.Equal(3, mask.Area);
        Assert.False(mask.Contains(0, 0));
        Assert.True(mask.Contains(0, 1));
    }

    [Fact]
    public void FromLabels_cuts_the_tight_box_of_one_label()
    {
        // 5 × 4 image; label 7 at (1, 1) and (3, 2), label 2 elsewhere in the box.
        int[] labels =
        [
            0, 0, 0, 0, 0,
            0, 7, 2, 0, 0,
            0, 2, 0, 7, 0,
            0, 0, 0, 0, 2,
        ];

        var mask = InstanceMask.FromLabels(labels, 5, 7)!;

        Assert.Equal((1, 1, 3, 2, 2), (mask.X, mask.Y, mask.Width, mask.Height, mask.Area));
        Assert.True(mask.Contains(1, 1));
        Assert.True(mask.Contains(3, 2));
        Assert.False(mask.Contains(2, 1));
        Assert.False(mask.Contains(1, 2));
    }

    [Fact]
    public void FromLabels_is_null_for_an_absent_label()
    {
        Assert.Null(InstanceMask.FromLabels(new int[12], 4, 3));
    }

    [Fact]
    public void A_mask_refuses_values_that_do_not_fill_its_box()
    {
        var error = Assert.Throws<ArgumentException>(() => new InstanceMask(0, 0, 3, 2, new byte[5]));

        Assert.Equal("bits", error.ParamName);
        Assert.Contains("6", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mask_refuses_an_empty_box()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new InstanceMask(0, 0, 0, 1, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InstanceMask(0, 0, 1, 0, []));
    }
}
