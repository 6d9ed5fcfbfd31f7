using ChromoFarm.Training.Segmentation;

namespace ChromoFarm.Training.Tests;

public sealed class PolygonRasterTests
{
    [Fact]
    public void A_rectangle_covers_exactly_the_pixel_centres_inside_it()
    {
        var mask = PolygonRaster.Fill([(0.5, 0.5), (4.5, 0.5), (4.5, 3.5), (0.5, 3.5)], 10, 10)!;

        // Centres x 1..4, y 1..3.
        Assert.Equal(12, mask.Area);
        AssertCovers(mask, 10, 10, (x, y) => x is >= 1 and <= 4 && y is >= 1 and <= 3);
    }

    [Fact]
    public void A_triangle_covers_the_pixel_centres_under_its_hypotenuse()
    {
        // Legs along x = 0.5 and y = 0.5, hypotenuse x + y = 7.5: centres with x, y ≥ 1 and x + y ≤ 7.
        var mask = PolygonRaster.Fill([(0.5, 0.5), (7, 0.5), (0.5, 7)], 10, 10)!;

        Assert.Equal(6 + 5 + 4 + 3 + 2 + 1, mask.Area);
        AssertCovers(mask, 10, 10, (x, y) => x >= 1 && y >= 1 && x + y <= 7);
    }

    [Fact]
    public void The_vertex_order_does_not_matter()
    {
        var clockwise = PolygonRaster.Fill([(0.5, 0.5), (7, 0.5), (0.5, 7)], 10, 10)!;
        var anticlockwise = PolygonRaster.Fill([(0.5, 7), (7, 0.5), (0.5, 0.5)], 10, 10)!;

        Assert.Equal(clockwise.Area, anticlockwise.Intersection(clockwise));
        Assert.Equal(clockwise.Area, anticlockwise.Area);
    }

    [Fact]
    public void A_polygon_over_the_top_left_corner_is_clipped_to_the_image()
    {
        // Centres x -3..2, y -2..1; inside the image x 0..2, y 0..1.
        var mask = PolygonRaster.Fill([(-3.5, -2.5), (2.5, -2.5), (2.5, 1.5), (-3.5, 1.5)], 10, 10)!;

        Assert.Equal((0, 0), (mask.X, mask.Y));
        Assert.Equal(6, mask.Area);
        AssertCovers(mask, 10, 10, (x, y) => x <= 2 && y <= 1);
    }

    [Fact]
    public void A_polygon_over_the_bottom_right_corner_is_clipped_to_the_image()
    {
        // Centres x 8..12, y 9..12; inside the image x 8..9, y 9.
        var mask = PolygonRaster.Fill([(7.5, 8.5), (12.5, 8.5), (12.5, 12.5), (7.5, 12.5)], 10, 10)!;

        Assert.Equal(2, mask.Area);
        Assert.True(mask.X + mask.Width <= 10 && mask.Y + mask.Height <= 10);
        AssertCovers(mask, 10, 10, (x, y) => x >= 8 && y == 9);
    }

    [Fact]
    public void A_polygon_wholly_outside_the_image_is_null()
    {
        Assert.Null(PolygonRaster.Fill([(12.5, 1.5), (15.5, 1.5), (15.5, 4.5)], 10, 10));
        Assert.Null(PolygonRaster.Fill([(-6.5, -6.5), (-2.5, -6.5), (-2.5, -2.5)], 10, 10));
    }

    [Fact]
    public void Fewer_than_three_points_are_null()
    {
        Assert.Null(PolygonRaster.Fill([], 10, 10));
        Assert.Null(PolygonRaster.Fill([(1.5, 1.5), (4.5, 4.5)], 10, 10));
    }

    [Fact]
    public void A_polygon_with_no_area_is_null()
    {
        Assert.Null(PolygonRaster.Fill([(2.5, 2.5), (2.5, 2.5), (2.5, 2.5)], 10, 10));
        Assert.Null(PolygonRaster.Fill([(1, 2), (5, 2), (3, 2)], 10, 10));
        Assert.Null(PolygonRaster.Fill([(0.3, 0.5), (2.3, 2.5), (4.3, 4.5)], 10, 10));
    }

    [Fact]
    public void A_sliver_between_pixel_centres_is_null()
    {
        Assert.Null(PolygonRaster.Fill([(1.2, 1.2), (1.8, 1.2), (1.8, 5.8), (1.2, 5.8)], 10, 10));
    }

    private static void AssertCovers(InstanceMask mask, int width, int height, Func<int, int, bool> inside)
    {
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                Assert.True(inside(x, y) == mask.Contains(x, y), $"pixel ({x}, {y}): expected {(inside(x, y) ? "inside" : "outside")}");
            }
        }
    }
}
