using ChromoFarm.Training.Segmentation;

namespace ChromoFarm.Training.Tests;

public sealed class ComponentLabelsTests
{
    [Fact]
    public void Pixels_meeting_corner_to_corner_are_one_component()
    {
        byte[] values =
        [
            5, 0, 0,
            0, 5, 0,
            0, 0, 5,
        ];

        var (components, count) = ComponentLabels.Label(values, 3, 3);

        Assert.Equal(1, count);
        Assert.Equal([1, 0, 0, 0, 1, 0, 0, 0, 1], components);
    }

    [Fact]
    public void Different_values_never_join_even_when_they_touch()
    {
        byte[] values =
        [
            10, 20, 0,
            0, 0, 30,
        ];

        var (components, count) = ComponentLabels.Label(values, 3, 2);

        Assert.Equal(3, count);
        Assert.Equal([1, 2, 0, 0, 0, 3], components);
    }

    [Fact]
    public void A_value_does_not_reach_across_another_value()
    {
        var (components, count) = ComponentLabels.Label([5, 7, 5], 3, 1);

        Assert.Equal(3, count);
        Assert.Equal([1, 2, 3], components);
    }

    [Fact]
    public void Zero_is_background_and_separates_equal_values()
    {
        byte[] values =
        [
            5, 5, 0, 0, 5,
            5, 0, 0, 0, 5,
        ];

        var (components, count) = ComponentLabels.Label(values, 5, 2);

        Assert.Equal(2, count);
        Assert.Equal([1, 1, 0, 0, 2, 1, 0, 0, 0, 2], components);
    }

    [Fact]
    public void A_winding_shape_is_one_component_and_its_enclosed_zeros_are_none()
    {
        // A U whose arms first meet at the bottom row, around a pocket of zeros.
        byte[] values =
        [
            9, 0, 0, 9,
            9, 0, 0, 9,
            9, 9, 9, 9,
        ];

        var (components, count) = ComponentLabels.Label(values, 4, 3);

        Assert.Equal(1, count);
        Assert.All(Enumerable.Range(0, values.Length), i => Assert.Equal(values[i] == 0 ? 0 : 1, components[i]));
    }

    [Fact]
    public void Rows_do_not_wrap_around()
    {
        // (2, 0) and (0, 1) are neighbours in memory, not in the image.
        var (_, count) = ComponentLabels.Label([0, 0, 4, 4, 0, 0], 3, 2);

        Assert.Equal(2, count);
    }
}
