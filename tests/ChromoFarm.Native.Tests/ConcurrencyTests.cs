namespace ChromoFarm.Native.Tests;

public class ConcurrencyTests
{
    [Fact]
    public void Failures_on_parallel_threads_each_report_their_own_file()
    {
        using var temp = new TempDirectory();
        var paths = Enumerable.Range(0, 16).Select(i => temp.File($"junk-{i:D2}.png")).ToArray();
        foreach (var path in paths)
        {
            File.WriteAllText(path, "not an image");
        }

        var messages = new string[paths.Length];
        Parallel.For(0, paths.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            for (var repeat = 0; repeat < 20; repeat++)
            {
                messages[i] = Assert.Throws<ImageDecodeException>(() => GreyImage.Decode(paths[i])).Message;
            }
        });

        for (var i = 0; i < paths.Length; i++)
        {
            // The native reason quotes the path too: another thread's error would name another file.
            var others = paths.Where((_, j) => j != i).Select(Path.GetFileName);
            Assert.All(others, other => Assert.DoesNotContain(other!, messages[i], StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Segmenting_on_parallel_threads_gives_the_sequential_result()
    {
        using var metaphase = GreyImage.Decode(SharedData.File("metaphase-mfish/0im.png"));
        var segmenter = new MetaphaseSegmenter();
        ChromosomeInstance[] expected;
        using (var sequential = segmenter.Segment(metaphase))
        {
            expected = [.. sequential.Instances];
        }

        var results = new ChromosomeInstance[6][];
        Parallel.For(0, results.Length, i =>
        {
            using var segmentation = segmenter.Segment(metaphase);
            results[i] = [.. segmentation.Instances];
        });

        Assert.All(results, result => Assert.Equal(expected, result));
    }
}
