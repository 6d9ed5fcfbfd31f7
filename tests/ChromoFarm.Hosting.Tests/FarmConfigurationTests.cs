using ChromoFarm.Hosting;
using ChromoFarm.Hosting.Options;
using ChromoFarm.Native;
using ChromoFarm.Worker;

namespace ChromoFarm.Hosting.Tests;

/// <summary>Each role reads only the settings it uses and names a missing one the way an operator sets it.</summary>
public sealed class FarmConfigurationTests
{
    private static readonly Dictionary<string, string?> Complete = new()
    {
        ["RabbitMq:Url"] = "amqp://farm:secret@broker:5672/lab",
        ["ObjectStore:ServiceUrl"] = "http://minio:9000",
        ["ObjectStore:AccessKey"] = "farm",
        ["ObjectStore:SecretKey"] = "secret",
        ["Results:ConnectionString"] = "Host=db;Database=chromofarm;Username=farm;Password=secret",
    };

    [Fact]
    public void A_complete_configuration_gives_each_role_what_it_uses_and_nothing_else()
    {
        var worker = FarmConfiguration.Load(FarmRole.Worker, null, With(("Worker:Device", "cuda"), ("Worker:CellsPerBatch", "16")));
        Assert.Null(worker.Results);
        Assert.NotNull(worker.ObjectStore);
        Assert.Equal((ComputeDevice.Cuda, 16), (worker.Worker!.Device, worker.Worker.CellsPerBatch));
        Assert.False(worker.MigratesDatabase);

        var coordinator = FarmConfiguration.Load(FarmRole.Coordinator, null, With());
        Assert.Null(coordinator.ObjectStore);
        Assert.Null(coordinator.Worker);
        Assert.True(coordinator.MigratesDatabase);

        Assert.False(FarmConfiguration.Load(FarmRole.Api, null, With()).MigratesDatabase);
        Assert.True(FarmConfiguration.Load(FarmRole.Api, null, With(("Results:MigrateAtStart", "true"))).MigratesDatabase);
    }

    [Fact]
    public void A_worker_chooses_the_segmenter_per_stain_unless_told_to_use_one()
    {
        var plain = FarmConfiguration.Load(FarmRole.Worker, null, With()).Worker!;
        Assert.Equal((SegmenterKind.Auto, (string?)null), (plain.Segmenter, plain.SegmenterModel));

        var learned = FarmConfiguration.Load(FarmRole.Worker, null, With(("Worker:Segmenter", "learned"), ("Worker:SegmenterModel", "/models/unet.cfs"))).Worker!;
        Assert.Equal((SegmenterKind.Learned, "/models/unet.cfs"), (learned.Segmenter, learned.SegmenterModel));

        var classical = FarmConfiguration.Load(FarmRole.Worker, null, With(("Worker:Segmenter", "classical"))).Worker!;
        Assert.Equal(SegmenterKind.Classical, classical.Segmenter);
    }

    [Fact]
    public void The_input_screen_takes_its_bounds_from_the_Screening_section()
    {
        var settings = FarmConfiguration.Load(FarmRole.Worker, null, With(("Screening:MinObjects", "30"), ("Screening:RefuseStainMismatch", "false")));

        Assert.Equal(30, settings.Screening.MinObjects);
        Assert.False(settings.Screening.RefuseStainMismatch);
        Assert.Equal(0.5, settings.Screening.MinKaryotypeFit);
    }

    [Theory]
    [InlineData("Screening:MinObjects", "0", "Screening:MinObjects: 0 is below 1")]
    [InlineData("Screening:MaxObjects", "10", "Screening:MaxObjects: 10 is below MinObjects (12)")]
    [InlineData("Screening:MinKaryotypeFit", "1.5", "Screening:MinKaryotypeFit: must lie in [0, 1)")]
    public void A_screen_bound_out_of_range_stops_the_worker_naming_it(string key, string value, string message)
    {
        var error = Assert.Throws<FarmConfigurationException>(() => FarmConfiguration.Load(FarmRole.Worker, null, With((key, value))));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_coordinator_reads_its_sweep_from_the_Coordinator_section_and_refuses_a_negative_resend_count()
    {
        var sweep = FarmConfiguration.Load(FarmRole.Coordinator, null, With(("Coordinator:QueuedTimeout", "00:30:00"), ("Coordinator:Resends", "0"))).Sweep!;
        Assert.Equal((TimeSpan.FromMinutes(30), 0, TimeSpan.FromMinutes(1)), (sweep.QueuedTimeout, sweep.Resends, sweep.SweepInterval));
        Assert.Null(FarmConfiguration.Load(FarmRole.Worker, null, With()).Sweep);

        var error = Assert.Throws<FarmConfigurationException>(() => FarmConfiguration.Load(FarmRole.Coordinator, null, With(("Coordinator:Resends", "-1"))));
        Assert.Equal("Coordinator:Resends: -1 is below 0 (environment: CHROMOFARM_COORDINATOR__…)", error.Message);
    }

    [Fact]
    public void A_worker_takes_its_precision_and_batches_in_flight_and_refuses_none_in_flight()
    {
        var defaults = FarmConfiguration.Load(FarmRole.Worker, null, With()).Worker!;
        var set = FarmConfiguration.Load(FarmRole.Worker, null, With(("Worker:Precision", "bf16"), ("Worker:BatchesInFlight", "3"))).Worker!;

        Assert.Equal((InferencePrecision.Fp32, 2), (defaults.Precision, defaults.BatchesInFlight));
        Assert.Equal((InferencePrecision.Bf16, 3), (set.Precision, set.BatchesInFlight));
        var error = Assert.Throws<FarmConfigurationException>(() => FarmConfiguration.Load(FarmRole.Worker, null, With(("Worker:BatchesInFlight", "0"))));
        Assert.Contains("BatchesInFlight", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_segmenter_is_refused_at_start_naming_the_setting()
    {
        var error = Assert.Throws<FarmConfigurationException>(() => FarmConfiguration.Load(FarmRole.Worker, null, With(("Worker:Segmenter", "unet"))));
        Assert.Contains("Worker", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FarmRole.Worker, "RabbitMq:Url", "CHROMOFARM_RABBITMQ__URL")]
    [InlineData(FarmRole.Coordinator, "Results:ConnectionString", "CHROMOFARM_RESULTS__CONNECTIONSTRING")]
    [InlineData(FarmRole.Ingest, "ObjectStore:ServiceUrl", "ObjectStore:ServiceUrl")]
    [InlineData(FarmRole.Worker, "ObjectStore:SecretKey", "ObjectStore:AccessKey and ObjectStore:SecretKey are required")]
    public void A_missing_setting_stops_the_role_with_its_name(FarmRole role, string key, string named)
    {
        var error = Assert.Throws<FarmConfigurationException>(() => FarmConfiguration.Load(role, null, With((key, ""))));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_setting_that_is_not_used_by_a_role_may_be_missing()
    {
        var worker = FarmConfiguration.Load(FarmRole.Worker, null, With(("Results:ConnectionString", "")));
        Assert.NotNull(worker.Worker);
    }

    [Fact]
    public void A_value_of_the_wrong_kind_is_reported_with_its_section_not_a_stack_trace()
    {
        var error = Assert.Throws<FarmConfigurationException>(() => FarmConfiguration.Load(FarmRole.Coordinator, null, With(("RabbitMq:Prefetch", "lots"))));
        Assert.StartsWith("RabbitMq:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broker_url_that_is_not_amqp_is_refused_without_printing_its_password()
    {
        var error = Assert.Throws<FarmConfigurationException>(() => FarmConfiguration.Load(FarmRole.Worker, null, With(("RabbitMq:Url", "http://farm:secret@broker/"))));
        Assert.Contains("CHROMOFARM_RABBITMQ__URL", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_config_file_is_named()
    {
        var error = Assert.Throws<FileNotFoundException>(() => FarmConfiguration.Load(FarmRole.Api, "no-such-settings.json", With()));
        Assert.Contains("no-such-settings.json", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> With(params (string Key, string? Value)[] changes)
    {
        var settings = new Dictionary<string, string?>(Complete);
        foreach (var (key, value) in changes)
        {
            settings[key] = value;
        }

        return settings;
    }
}
