namespace ChromoFarm.Training.Tests;

public sealed class ModelVersionTests
{
    private static readonly DateTimeOffset Started = new(2026, 12, 7, 14, 17, 3, TimeSpan.FromHours(1));

    [Fact]
    public void Two_runs_started_in_the_same_second_with_the_same_options_get_different_versions()
    {
        var options = TinyTraining.Options with { Seed = 4 };

        var versions = Enumerable.Range(0, 20).Select(_ => ClassifierTraining.NewVersion(options, Started)).ToHashSet();

        // 20 draws of 16 bits: all distinct unless the suffix were not random (a repeat has odds of about 0.3%).
        Assert.True(versions.Count >= 19, string.Join(", ", versions));
    }

    [Fact]
    public void The_version_names_the_network_the_start_time_in_utc_and_the_seed()
    {
        var options = TinyTraining.Options with { Seed = 4 };

        var version = ClassifierTraining.NewVersion(options, Started);

        Assert.Matches(
            $"^chromofarm-resnet-b{options.BlocksPerStage}w{options.BaseWidth}-20261207T131703-s4-[0-9a-f]{{4}}$",
            version);
    }
}
