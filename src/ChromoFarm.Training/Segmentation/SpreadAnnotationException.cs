namespace ChromoFarm.Training.Segmentation;

/// <summary>An annotated spread cannot be read; the message names the file and the reason.</summary>
public sealed class SpreadAnnotationException(string path, string reason) : Exception($"{path}: {reason}")
{
    public string Path { get; } = path;
}
