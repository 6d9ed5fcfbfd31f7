using ChromoFarm.Domain;
using ChromoFarm.Native;

namespace ChromoFarm.Training.Segmentation;

/// <summary>
/// M-FISH metaphases (ADIR): <c>Nim.png</c> (the DAPI channel) with <c>Ngt.png</c>, whose pixels
/// hold class × 10 (10..220 autosomes, 230 X, 240 Y, 0 background). A chromosome is a connected
/// component of one class value, so two touching homologues count as one annotated object.
/// Components under a tenth of the image's median component are annotation specks (most are
/// 1–3 px where two classes meet), not chromosomes, and are left out.
/// </summary>
public static class MfishSpreads
{
    private const string ImageSuffix = "im.png";
    private const string TruthSuffix = "gt.png";
    private const int SpeckFraction = 10;

    /// <summary>The image files that have a truth file beside them, in numeric order.</summary>
    public static IReadOnlyList<string> Files(string directory) =>
        Directory.EnumerateFiles(directory, "*" + ImageSuffix)
            .Where(f => File.Exists(TruthPathOf(f)))
            .OrderBy(f => int.TryParse(Stem(f), out var n) ? n : int.MaxValue)
            .ThenBy(f => f, StringComparer.Ordinal)
            .ToArray();

    /// <exception cref="SpreadAnnotationException">The truth image is of another size or holds values that are no class.</exception>
    /// <exception cref="NativeException">The image or its truth cannot be read or decoded; the message starts with the path.</exception>
    public static AnnotatedSpread Load(string imagePath)
    {
        var truthPath = TruthPathOf(imagePath);
        var image = GreyImage.Decode(imagePath);
        try
        {
            using var truthImage = GreyImage.Decode(truthPath);
            if ((truthImage.Width, truthImage.Height) != (image.Width, image.Height))
            {
                throw new SpreadAnnotationException(truthPath,
                    $"is {truthImage.Width}x{truthImage.Height}, its image {image.Width}x{image.Height}");
            }

            var values = truthImage.CopyPixels();
            var (components, count) = ComponentLabels.Label(values, image.Width, image.Height);
            var truth = new List<TruthInstance>(count);
            var first = new int[count + 1];
            Array.Fill(first, -1);
            for (var i = 0; i < components.Length; i++)
            {
                if (components[i] != 0 && first[components[i]] < 0)
                {
                    first[components[i]] = i;
                }
            }

            for (var component = 1; component <= count; component++)
            {
                var value = values[first[component]];
                var label = ClassOf(value) ?? throw new SpreadAnnotationException(truthPath, $"pixel value {value} is not a class (10..240 in steps of 10)");
                truth.Add(new TruthInstance(InstanceMask.FromLabels(components, image.Width, component)!, label));
            }

            var median = truth.Select(t => t.Mask.Area).Order().ElementAtOrDefault(truth.Count / 2);
            truth.RemoveAll(t => t.Mask.Area * SpeckFraction < median);
            return new AnnotatedSpread(Path.GetFileName(imagePath), image, truth);
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    private static ChromosomeClass? ClassOf(byte value) =>
        value % 10 == 0 && value / 10 is >= 1 and <= ChromosomeClass.Count ? new ChromosomeClass(value / 10 - 1) : null;

    private static string Stem(string imagePath) => Path.GetFileName(imagePath)[..^ImageSuffix.Length];

    private static string TruthPathOf(string imagePath) =>
        Path.Combine(Path.GetDirectoryName(imagePath)!, Stem(imagePath) + TruthSuffix);
}
