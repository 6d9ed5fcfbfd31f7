using ChromoFarm.Native;
using ChromoFarm.Screening;

namespace ChromoFarm.Worker.Classification;

/// <summary>What the screen found in one image: its statistics, its stain and, for a spread, the verdict on its objects.</summary>
public sealed record ImageInspection(ImageStatistics Statistics, Stain Stain, SpreadVerdict? Verdict);

/// <summary>The input screen as the worker, `run` and `chromofarm inspect` apply it.</summary>
public static class InputScreen
{
    public static ImageInspection Measure(GreyImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var statistics = ImageStatistics.Measure(image.CopyPixels(), image.Width, image.Height);
        return new ImageInspection(statistics, StainRule.Of(statistics), null);
    }

    /// <summary>Screens the objects of a segmentation of the image <paramref name="measured"/> describes.</summary>
    public static ImageInspection Screen(ImageInspection measured, Segmentation segmentation, SpreadScreen screen)
    {
        ArgumentNullException.ThrowIfNull(measured);
        ArgumentNullException.ThrowIfNull(segmentation);
        ArgumentNullException.ThrowIfNull(screen);
        var objects = segmentation.Instances.Select(i => new SpreadObject(i.X, i.Y, i.Width, i.Height, i.Area, i.Length)).ToArray();
        return measured with { Verdict = screen.Screen(objects, measured.Statistics) };
    }
}
