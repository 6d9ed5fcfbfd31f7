namespace ChromoFarm.Native.Tests;

public class ClassifierBatchMirrorTests
{
    // A 3 × 3 crop numbered row by row:   1 2 3 / 4 5 6 / 7 8 9.
    private static ClassifierBatch Numbered(int crops = 1)
    {
        var batch = new ClassifierBatch(crops + 1, 3);
        for (var k = 0; k < crops; k++)
        {
            for (var i = 0; i < 9; i++)
            {
                batch.CropPixels(k)[i] = (10 * k) + i + 1;
            }

            batch.CropFeatures(k)[0] = 0.5f;
        }

        batch.Count = crops;
        return batch;
    }

    [Fact]
    public void Left_right_reverses_each_row()
    {
        var batch = Numbered();
        batch.Mirror(leftRight: true, topBottom: false);
        Assert.Equal([3f, 2, 1, 6, 5, 4, 9, 8, 7], batch.CropPixels(0).ToArray());
    }

    [Fact]
    public void Top_bottom_reverses_the_rows()
    {
        var batch = Numbered();
        batch.Mirror(leftRight: false, topBottom: true);
        Assert.Equal([7f, 8, 9, 4, 5, 6, 1, 2, 3], batch.CropPixels(0).ToArray());
    }

    [Fact]
    public void Both_mirrors_are_a_half_turn_and_leave_features_and_unfilled_crops_alone()
    {
        var batch = Numbered(crops: 2);
        batch.Mirror(leftRight: true, topBottom: true);
        Assert.Equal([9f, 8, 7, 6, 5, 4, 3, 2, 1], batch.CropPixels(0).ToArray());
        Assert.Equal([19f, 18, 17, 16, 15, 14, 13, 12, 11], batch.CropPixels(1).ToArray());
        Assert.Equal(0.5f, batch.CropFeatures(0)[0]);
        Assert.All(batch.CropPixels(2).ToArray(), p => Assert.Equal(0f, p));
    }
}
