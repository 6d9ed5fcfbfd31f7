using System.Net;
using System.Text;
using ChromoFarm.Tests;

namespace ChromoFarm.EndToEnd.Tests.Distributed;

/// <summary>A lab's network settings on the real services: TLS everywhere, pseudonyms, request limits.</summary>
[Collection(DistributedFarmGroup.Name)]
public sealed class SecureFarmTests
{
    private static readonly TimeSpan Finish = TimeSpan.FromMinutes(4);

    [SkippableFact]
    public async Task A_farm_whose_every_connection_uses_TLS_checked_against_the_lab_CA_analyses_its_cells()
    {
        var (farm, skip) = await LocalFarm.CreateAsync();
        Skip.If(farm is null, skip);
        await using (farm)
        {
            using var objects = await TlsObjectStoreServer.StartAsync();
            var ca = LocalServices.TlsFile("ca.pem");
            var tls = new Dictionary<string, string>
            {
                ["CHROMOFARM_RABBITMQ__URL"] = $"{LocalServices.RabbitTlsUrl.TrimEnd('/')}/{farm.Name}",
                ["CHROMOFARM_RABBITMQ__CACERTIFICATE"] = ca,
                ["CHROMOFARM_RESULTS__CONNECTIONSTRING"] = $"{farm.ConnectionString};SSL Mode=VerifyFull;Root Certificate={ca}",
                ["CHROMOFARM_OBJECTSTORE__SERVICEURL"] = objects.Url,
                ["CHROMOFARM_OBJECTSTORE__CACERTIFICATE"] = ca,
            };
            await farm.StartAsync("coordinator", extra: tls);
            await farm.StartAsync("worker", extra: tls);
            await farm.StartAsync("ingest", extra: tls);

            var (ingest, _) = await farm.IngestAsync(FarmInputs.Pki3Cells(farm.Folder, 2));
            Assert.True(ingest.ExitCode == 0, ingest.Error);
            await farm.WaitForFinalAsync(2, Finish);

            Assert.All(await farm.CellsAsync(), c => Assert.True(c.Status == "Completed" && c.Results == 1, $"{c.Cell}: {c.Status} ({c.Error})"));
            // Every broker connection to the farm's vhost is TLS (list_connections lists every vhost's).
            var brokerTls = (await LocalFarm.RabbitMqCtl("-q", "list_connections", "vhost", "ssl", "port", "name"))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(line => line.StartsWith(farm.Name + "\t", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(brokerTls);
            Assert.All(brokerTls, line => Assert.True(line.StartsWith($"{farm.Name}\ttrue\t5671", StringComparison.Ordinal), line));

            // An operator's redrive takes the same CA from the environment, and says what is wrong without it.
            var redrive = Cli.StartInfo("redrive", "--rabbitmq", tls["CHROMOFARM_RABBITMQ__URL"], "--dry-run", "--json");
            redrive.Environment["CHROMOFARM_RABBITMQ__CACERTIFICATE"] = ca;
            var trusted = await Cli.RunAsync(redrive);
            Assert.True(trusted.ExitCode == 0, trusted.Error);
            var untrusted = await Cli.RunAsync("redrive", "--rabbitmq", tls["CHROMOFARM_RABBITMQ__URL"], "--dry-run");
            Assert.Equal(1, untrusted.ExitCode);
            Assert.Contains("RabbitMQ not reachable: The remote certificate was rejected", untrusted.Error, StringComparison.Ordinal);
            Assert.Contains("set CHROMOFARM_RABBITMQ__CACERTIFICATE", untrusted.Error, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task Patient_ids_are_pseudonymised_before_they_are_stored_and_a_resumed_ingest_still_finds_its_cells()
    {
        var (farm, skip) = await LocalFarm.CreateAsync();
        Skip.If(farm is null, skip);
        await using (farm)
        {
            const string key = "a-lab-key-that-is-long-enough-0123456789";
            // Low limits, so that the ingest below meets 429s and has to wait them out.
            var settings = new Dictionary<string, string>
            {
                ["CHROMOFARM_PRIVACY__PSEUDONYMKEY"] = key,
                ["CHROMOFARM_HTTP__REQUESTSPERSECOND"] = "4",
                ["CHROMOFARM_HTTP__REQUESTBURST"] = "4",
            };
            await farm.StartAsync("coordinator");
            await farm.StartAsync("ingest", extra: settings);
            var manifest = FarmInputs.Pki3Cells(farm.Folder, 3);
            var patients = File.ReadLines(manifest).Skip(1).Select(line => line.Split(',')[1]).Distinct().ToList();

            var (first, counts) = await farm.IngestAsync(manifest);
            Assert.True(first.ExitCode == 0, first.Error);
            Assert.Equal(3, counts!.Value.GetProperty("accepted").GetInt32());
            var (again, recounted) = await farm.IngestAsync(manifest);
            Assert.True(again.ExitCode == 0, again.Error);
            Assert.Equal(3, recounted!.Value.GetProperty("duplicate").GetInt32());

            // No row of any table holds a patient id; each case is stored under the pseudonym the lab can compute.
            foreach (var patient in patients)
            {
                foreach (var table in new[] { "cases", "cells" })
                {
                    Assert.Equal(0, await farm.ScalarAsync($"SELECT count(*) FROM {table} t WHERE t::text LIKE '%{patient}%'"));
                }

                var lookup = Cli.StartInfo("pseudonym", patient);
                lookup.Environment["CHROMOFARM_PRIVACY__PSEUDONYMKEY"] = key;
                var pseudonym = (await Cli.RunAsync(lookup)).Output.Trim().Split('\t')[1];
                Assert.Matches("^p-[a-z2-7]{16}$", pseudonym);
                Assert.Equal(1, await farm.ScalarAsync($"SELECT count(*) FROM cases WHERE case_key = '{pseudonym}'"));
            }
        }
    }

    [SkippableFact]
    public async Task Requests_over_the_rate_or_the_size_limit_are_refused_with_a_reason_and_health_probes_never_are()
    {
        var (farm, skip) = await LocalFarm.CreateAsync();
        Skip.If(farm is null, skip);
        await using (farm)
        {
            await farm.StartAsync("coordinator");
            var ingest = await farm.StartAsync("ingest", extra: new Dictionary<string, string>
            {
                ["CHROMOFARM_HTTP__REQUESTSPERSECOND"] = "2",
                ["CHROMOFARM_HTTP__REQUESTBURST"] = "3",
                ["CHROMOFARM_HTTP__MAXJSONBYTES"] = "2000",
            });
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ingest.Port}") };
            http.DefaultRequestHeaders.Add("X-Api-Key", await farm.CreateKeyAsync("ingest"));

            var answers = new List<HttpResponseMessage>();
            for (var i = 0; i < 10; i++)
            {
                answers.Add(await http.GetAsync(new Uri("/v1/cells/done?case=a&cell=b", UriKind.Relative)));
            }

            var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
            Assert.InRange(refused.Count, 5, 7);
            Assert.Equal(TimeSpan.FromSeconds(1), refused[0].Headers.RetryAfter?.Delta);
            Assert.Contains("more than 2 requests per second (burst 3) from this credential (or, without one, this address)", await refused[0].Content.ReadAsStringAsync(), StringComparison.Ordinal);
            for (var i = 0; i < 10; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
            var large = new StringContent($$"""{"caseId":"a","cellId":"b","kind":"metaphase","images":[],"rejected":"{{new string('x', 5000)}}"}""", Encoding.UTF8, "application/json");
            var tooLarge = await http.PostAsync(new Uri("/v1/cells", UriKind.Relative), large);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
            answers.ForEach(a => a.Dispose());
        }
    }
}
