using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace ChromoFarm.EndToEnd.Tests.Distributed;

/// <summary>Nothing stays stuck: the dead-letter queue, `chromofarm redrive` and the coordinator's sweep, on the real broker.</summary>
[Collection(DistributedFarmGroup.Name)]
public sealed class StuckMessageTests
{
    private static readonly TimeSpan Finish = TimeSpan.FromMinutes(4);

    [SkippableFact]
    public async Task A_message_past_its_delivery_limit_is_dead_lettered_and_redrive_returns_it_and_an_error_queue_message()
    {
        var (farm, skip) = await LocalFarm.CreateAsync();
        Skip.If(farm is null, skip);
        await using (farm)
        {
            // Any role declares the topology; the coordinator does not consume analyze-cell, so nothing else takes it.
            await farm.StartAsync("coordinator", extra: new Dictionary<string, string> { ["CHROMOFARM_RABBITMQ__DELIVERYLIMIT"] = "2" });
            var factory = new ConnectionFactory { Uri = new Uri(farm.RabbitUrl) };
            await using var connection = await factory.CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            var poison = Encoding.UTF8.GetBytes("""{"message":{"caseId":"case-p","cellId":"poison"}}""");
            await channel.BasicPublishAsync("analyze-cell", string.Empty, mandatory: true, new BasicProperties { Persistent = true, MessageId = "m-poison" }, poison);

            // A consumer that dies on it every time: returned unacknowledged until the limit. A requeued message can
            // take a moment to be offered again on a busy host, so an empty get means "look again", not "gone".
            var nacks = 0;
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (await CountAsync(channel, "dead-letter") == 0 && DateTime.UtcNow < deadline)
            {
                if (await channel.BasicGetAsync("analyze-cell", autoAck: false) is { } delivery)
                {
                    await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true);
                    nacks++;
                }
                else
                {
                    await Task.Delay(100);
                }
            }

            Assert.Equal(1u, await CountAsync(channel, "dead-letter"));
            Assert.Equal(0u, await CountAsync(channel, "analyze-cell"));
            Assert.InRange(nacks, 2, 3);

            // A consume that kept throwing, as MassTransit leaves it in the error queue.
            await channel.QueueDeclareAsync("analyze-cell_error", durable: true, exclusive: false, autoDelete: false);
            var faulted = Encoding.UTF8.GetBytes("""{"message":{"caseId":"case-e","cellId":"faulted"}}""");
            await channel.BasicPublishAsync(string.Empty, "analyze-cell_error", mandatory: true,
                new BasicProperties { Persistent = true, Headers = new Dictionary<string, object?> { ["MT-Fault-Message"] = "object store timed out", ["MT-Reason"] = "fault" } }, faulted);

            var dry = await Cli.RunAsync("redrive", "--rabbitmq", farm.RabbitUrl, "--dry-run", "--json");
            Assert.True(dry.ExitCode == 0, dry.Error);
            using (var report = JsonDocument.Parse(dry.Output))
            {
                var messages = report.RootElement.GetProperty("messages").EnumerateArray().ToList();
                Assert.Equal(2, messages.Count);
                Assert.Contains(messages, m => m.GetProperty("source").GetString() == "dead-letter" && m.GetProperty("target").GetString() == "analyze-cell"
                    && m.GetProperty("cell").GetString() == "case-p/poison" && m.GetProperty("reason").GetString() == "dead-lettered: delivery_limit");
                Assert.Contains(messages, m => m.GetProperty("source").GetString() == "analyze-cell_error" && m.GetProperty("cell").GetString() == "case-e/faulted"
                    && m.GetProperty("reason").GetString() == "object store timed out");
                Assert.Equal(0, report.RootElement.GetProperty("moved").GetInt32());
            }

            Assert.Equal(1u, await CountAsync(channel, "dead-letter"));
            var moved = await Cli.RunAsync("redrive", "--rabbitmq", farm.RabbitUrl, "--json");
            Assert.True(moved.ExitCode == 0, moved.Error);
            Assert.Equal(2, JsonDocument.Parse(moved.Output).RootElement.GetProperty("moved").GetInt32());
            Assert.Equal(0u, await CountAsync(channel, "dead-letter"));
            Assert.Equal(0u, await CountAsync(channel, "analyze-cell_error"));

            // Both are back in their queue, bodies unchanged, the failure headers gone.
            var back = new List<BasicGetResult>();
            deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (back.Count < 2 && DateTime.UtcNow < deadline)
            {
                if (await channel.BasicGetAsync("analyze-cell", autoAck: true) is { } result)
                {
                    back.Add(result);
                }
                else
                {
                    await Task.Delay(100);
                }
            }

            Assert.Null(await channel.BasicGetAsync("analyze-cell", autoAck: true));

            Assert.Equal(2, back.Count);
            var returned = back.Single(m => m.BasicProperties.MessageId == "m-poison");
            Assert.Equal(poison, returned.Body.ToArray());
            Assert.DoesNotContain(returned.BasicProperties.Headers!.Keys, k => k.StartsWith("x-death", StringComparison.Ordinal) || k.StartsWith("x-first-death", StringComparison.Ordinal));
            Assert.Equal("dead-letter", Encoding.UTF8.GetString((byte[])returned.BasicProperties.Headers!["x-chromofarm-redriven-from"]!));
            Assert.DoesNotContain(back.Single(m => m.BasicProperties.MessageId != "m-poison").BasicProperties.Headers!.Keys, k => k.StartsWith("MT-", StringComparison.Ordinal));

            var refused = await Cli.RunAsync("redrive", "--rabbitmq", farm.RabbitUrl, "--queue", "cell-classified");
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("--queue cell-classified: not an error or dead-letter queue of the farm", refused.Error, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task Cells_whose_messages_were_lost_are_sent_again_by_the_sweep_and_complete_once()
    {
        var (farm, skip) = await LocalFarm.CreateAsync();
        Skip.If(farm is null, skip);
        await using (farm)
        {
            // The worker must answer within the timeout once it holds the messages (the sweep sees only ready ones),
            // so the timeout leaves room for a first batch on a busy two-core host.
            await farm.StartAsync("coordinator", extra: Sweep(resends: 1, timeout: "00:00:08"));
            await farm.StartAsync("ingest");
            var (ingest, _) = await farm.IngestAsync(FarmInputs.Pki3Cells(farm.Folder, 3));
            Assert.True(ingest.ExitCode == 0, ingest.Error);
            Assert.Equal(3, await farm.ScalarAsync("SELECT count(*) FROM cells WHERE status = 'Queued' AND submission IS NOT NULL"));

            // The broker loses the work; the sweep notices the silence and sends it again. Cells queued on either
            // side of a sweep tick are re-sent in different sweeps, and once re-sent messages wait in the queue the
            // sweep holds the rest back as backlog, so only the first re-send can be awaited without a worker.
            await farm.PurgeAsync("analyze-cell");
            await WaitForAsync(farm, "SELECT least(count(*), 1) FROM cells WHERE resends = 1", 1);
            await farm.StartAsync("worker");
            await farm.WaitForFinalAsync(3, Finish);
            await farm.WaitForEmptyQueuesAsync(Finish);
            Assert.Equal(3, await farm.ScalarAsync("SELECT count(*) FROM cells WHERE resends = 1"));

            var cells = await farm.CellsAsync();
            Assert.All(cells, c => Assert.True(c.Status == "Completed" && c.Results == 1, $"{c.Cell}: {c.Status} with {c.Results} results ({c.Error})"));
            Assert.Equal(0, await farm.ScalarAsync("SELECT count(*) FROM cells WHERE submission IS NOT NULL"));
        }
    }

    [SkippableFact]
    public async Task A_cell_with_no_answer_after_its_resends_fails_with_the_reason()
    {
        var (farm, skip) = await LocalFarm.CreateAsync();
        Skip.If(farm is null, skip);
        await using (farm)
        {
            await farm.StartAsync("coordinator", extra: Sweep(resends: 0));
            await farm.StartAsync("ingest");
            var (ingest, _) = await farm.IngestAsync(FarmInputs.Pki3Cells(farm.Folder, 1));
            Assert.True(ingest.ExitCode == 0, ingest.Error);
            await farm.PurgeAsync("analyze-cell");
            await farm.WaitForFinalAsync(1, Finish);

            var cell = Assert.Single(await farm.CellsAsync());
            Assert.Equal("Failed", cell.Status);
            Assert.Matches(@"^[^/]+/[^:]+: no answer from a worker within 00:00:02, sent once \(see its message with chromofarm redrive --dry-run\)$", cell.Error);
        }
    }

    private static Dictionary<string, string> Sweep(int resends, string timeout = "00:00:02") => new()
    {
        ["CHROMOFARM_COORDINATOR__QUEUEDTIMEOUT"] = timeout,
        ["CHROMOFARM_COORDINATOR__SWEEPINTERVAL"] = "00:00:00.5",
        ["CHROMOFARM_COORDINATOR__RESENDS"] = resends.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static async Task WaitForAsync(LocalFarm farm, string sql, long expected)
    {
        var deadline = DateTime.UtcNow + Finish;
        long value;
        while ((value = await farm.ScalarAsync(sql)) != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{sql}: {value}, expected {expected}");
            await Task.Delay(200);
        }
    }

    private static async Task<uint> CountAsync(IChannel channel, string queue) => (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
}
