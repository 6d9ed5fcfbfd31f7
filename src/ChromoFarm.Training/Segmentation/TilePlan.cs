namespace ChromoFarm.Training.Segmentation;

/// <summary>Which images an epoch of <see cref="SegmenterTraining"/> cuts its tiles from, before shuffling.</summary>
public static class TilePlan
{
    /// <summary>
    /// <paramref name="tilesPerImage"/> tiles for every image in all. Unbalanced, each image gives
    /// that many; balanced, the non-empty sets take turns and each goes through its images in order,
    /// so every set gets the same share however many images it has.
    /// </summary>
    public static (int Set, int Image)[] Epoch(IReadOnlyList<int> setSizes, int tilesPerImage, bool balance)
    {
        ArgumentNullException.ThrowIfNull(setSizes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tilesPerImage);
        if (setSizes.Any(size => size < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(setSizes), "a set cannot hold a negative number of images");
        }

        var total = setSizes.Sum() * tilesPerImage;
        if (!balance)
        {
            var images = setSizes.SelectMany((size, set) => Enumerable.Range(0, size).Select(image => (set, image))).ToArray();
            return Enumerable.Range(0, total).Select(i => images[i % images.Length]).ToArray();
        }

        var filled = Enumerable.Range(0, setSizes.Count).Where(set => setSizes[set] > 0).ToArray();
        return Enumerable.Range(0, total).Select(i =>
        {
            var set = filled[i % filled.Length];
            return (set, i / filled.Length % setSizes[set]);
        }).ToArray();
    }
}
