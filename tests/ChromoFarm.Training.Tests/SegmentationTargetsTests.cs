using ChromoFarm.Training.Segmentation;

namespace ChromoFarm.Training.Tests;

/// <summary>
/// The learned segmenter's targets on masks small enough to check on paper. Grids read row by
/// row: 0 background, 1 interior, 2 contact.
/// </summary>
public class SegmentationTargetsTests
{
    [Fact]
    public void Two_squares_a_pixel_apart_are_all_interior()
    {
        var targets = SegmentationTargets.Of([Masks.Box(0, 1, 3, 3), Masks.Box(4, 1, 3, 3)], 8, 5);

        Assert.Equal(
            [
                "00000000",
                "11101110",
                "11101110",
                "11101110",
                "00000000",
            ],
            Rows(targets, 8));
    }

    [Fact]
    public void Squares_sharing_an_edge_make_both_touching_columns_contact_and_leave_the_rest_interior()
    {
        var targets = SegmentationTargets.Of([Masks.Box(1, 1, 3, 3), Masks.Box(4, 1, 3, 3)], 8, 5);

        Assert.Equal(
            [
                "00000000",
                "01122110",
                "01122110",
                "01122110",
                "00000000",
            ],
            Rows(targets, 8));
    }

    [Fact]
    public void Squares_sharing_part_of_an_edge_are_in_contact_along_it_and_at_its_diagonal_ends()
    {
        // The right square sits one row lower: (3,1) and (4,4) touch the other only diagonally.
        var targets = SegmentationTargets.Of([Masks.Box(1, 1, 3, 3), Masks.Box(4, 2, 3, 3)], 8, 6);

        Assert.Equal(
            [
                "00000000",
                "01120000",
                "01122110",
                "01122110",
                "00002110",
                "00000000",
            ],
            Rows(targets, 8));
    }

    [Fact]
    public void Masks_touching_only_at_a_corner_are_in_contact_at_the_two_corner_pixels()
    {
        var targets = SegmentationTargets.Of([Masks.Box(0, 0, 2, 2), Masks.Box(2, 2, 2, 2)], 5, 5);

        Assert.Equal(
            [
                "11000",
                "12000",
                "00210",
                "00110",
                "00000",
            ],
            Rows(targets, 5));
    }

    [Fact]
    public void Overlapping_masks_make_the_shared_pixels_and_their_neighbours_contact()
    {
        // Shared: (2,1) and (2,2). Pixels next to the overlap or to the other mask are contact too.
        var targets = SegmentationTargets.Of([Masks.Box(0, 0, 3, 3), Masks.Box(2, 1, 3, 3)], 6, 4);

        Assert.Equal(
            [
                "122000",
                "122210",
                "122210",
                "002210",
            ],
            Rows(targets, 6));
    }

    [Fact]
    public void Pixels_outside_every_mask_including_a_hole_are_background()
    {
        var targets = SegmentationTargets.Of([Masks.Drawn("###|#.#|###", 1, 1)], 5, 5);

        Assert.Equal(
            [
                "00000",
                "01110",
                "01010",
                "01110",
                "00000",
            ],
            Rows(targets, 5));
    }

    [Fact]
    public void No_truth_gives_all_background()
    {
        var targets = SegmentationTargets.Of([], 4, 3);

        Assert.Equal(["0000", "0000", "0000"], Rows(targets, 4));
    }

    [Fact]
    public void Masks_partly_or_wholly_outside_the_image_are_clipped_to_it()
    {
        var targets = SegmentationTargets.Of(
            [Masks.Box(-2, -1, 4, 3), Masks.Box(2, 1, 4, 4), Masks.Box(10, 10, 2, 2), Masks.Box(-5, 0, 3, 3)], 5, 4);

        Assert.Equal(
            [
                "12000",
                "12211",
                "00211",
                "00111",
            ],
            Rows(targets, 5));
    }

    [Fact]
    public void A_mask_just_beyond_the_edge_does_not_make_its_neighbour_inside_a_contact()
    {
        // The second box lies wholly right of the image, one column from the first: not seen at all.
        var targets = SegmentationTargets.Of([Masks.Box(2, 0, 2, 2), Masks.Box(4, 0, 2, 2)], 4, 2);

        Assert.Equal(["0011", "0011"], Rows(targets, 4));
    }

    private static string[] Rows(byte[] targets, int width) =>
        targets.Chunk(width).Select(row => string.Concat(row.Select(value => (char)('0' + value)))).ToArray();
}
