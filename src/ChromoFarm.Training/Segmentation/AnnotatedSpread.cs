using ChromoFarm.Native;

namespace ChromoFarm.Training.Segmentation;

/// <summary>A metaphase image with its annotated chromosomes. Owns the image.</summary>
/// <param name="Name">Where it came from (file name, or generator and seed), for reports and errors.</param>
public sealed record AnnotatedSpread(string Name, GreyImage Image, IReadOnlyList<TruthInstance> Truth) : IDisposable
{
    public void Dispose() => Image.Dispose();
}
