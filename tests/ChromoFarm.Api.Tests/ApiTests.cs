using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChromoFarm.Domain;
using ChromoFarm.Native;
using ChromoFarm.Results;
using ChromoFarm.Results.Tests;
using Microsoft.EntityFrameworkCore;

namespace ChromoFarm.Api.Tests;

/// <summary>The results API over HTTP, as an analyst's script meets it, on each results database.</summary>
public abstract class ApiTests(TestDatabase database) : DatabaseTests(database)
{
    [SkippableFact]
    public async Task Every_endpoint_but_health_refuses_a_request_without_a_valid_key_with_a_one_line_reason()
    {
        await using var server = await TestServer.StartAsync(Options);
        using var anonymous = server.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
        foreach (var path in new[] { "/v1/cells", "/v1/cases", "/v1/cases/c/cells/1", "/v1/cases/c/cells/1/karyogram.png", "/v1/export.csv", "/openapi/v1.json" })
        {
            using var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.StartsWith("no credential", await ErrorAsync(response), StringComparison.Ordinal);
        }

        using var wrong = server.Anonymous();
        wrong.DefaultRequestHeaders.Add("X-Api-Key", "cfk_aaaaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
        Assert.Equal("the API key is not known", await ErrorAsync(await wrong.GetAsync("/v1/cells")));

        var revoked = await server.Keys.CreateAsync("leaver", ApiRoles.Reader, null, "test");
        await server.Keys.RevokeAsync(revoked.Record.KeyId, "test");
        using var old = server.Anonymous();
        old.DefaultRequestHeaders.Add("X-Api-Key", revoked.Key);
        using var refused = await old.GetAsync("/v1/cells");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.StartsWith($"the API key {revoked.Record.KeyId} was revoked at", await ErrorAsync(refused), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_reader_reads_but_may_not_review_and_an_ingest_key_may_not_read()
    {
        await using var server = await TestServer.StartAsync(Options);
        await ApiTestData.SaveCellAsync(server.Database, server.Store, "case", "c1");
        using var reader = await server.ClientAsync(ApiRoles.Reader);
        using var ingest = await server.ClientAsync(ApiRoles.Ingest);

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/v1/cells")).StatusCode);
        using var review = await TestServer.ReviewAsync(reader, "case", "c1", new { action = "accept" });
        Assert.Equal(HttpStatusCode.Forbidden, review.StatusCode);
        Assert.Equal("test-reader has role reader; this needs reviewer or admin", await ErrorAsync(review));
        using var read = await ingest.GetAsync("/v1/cells");
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Contains("needs reader or reviewer or admin", await ErrorAsync(read), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Cells_come_in_pages_with_the_total_and_filters_select_by_review_need_call_and_model()
    {
        await using var server = await TestServer.StartAsync(Options);
        await ApiTestData.SaveCaseAsync(server.Database, server.Store, "A", 7);
        await ApiTestData.SaveCellAsync(server.Database, server.Store, "B", "b1", male: false);
        using var reader = await server.ClientAsync(ApiRoles.Reader);

        using var first = await JsonAsync(reader, "/v1/cells?limit=3&sort=case");
        Assert.Equal((8, 3, 3), (first.GetProperty("total").GetInt32(), first.GetProperty("items").GetArrayLength(), first.GetProperty("next").GetInt32()));
        using var last = await JsonAsync(reader, "/v1/cells?limit=3&offset=6&sort=case");
        Assert.Equal(2, last.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, last.GetProperty("next").ValueKind);
        var seen = new[] { first, last }.SelectMany(p => p.GetProperty("items").EnumerateArray()).Select(c => c.GetProperty("cellId").GetString()).ToList();
        Assert.Equal(seen.Distinct().Count(), seen.Count);

        // Cells 3 and 6 of case A carry a trisomy 21.
        using var trisomy = await JsonAsync(reader, "/v1/cells?call=47,XY,%2B21");
        Assert.Equal(["A.3", "A.6"], Cells(trisomy).Order().ToArray());
        using var abnormal = await JsonAsync(reader, "/v1/cells?abnormal=true");
        Assert.Equal(2, abnormal.GetProperty("total").GetInt32());
        using var female = await JsonAsync(reader, "/v1/cells?case=B");
        Assert.Equal("46,XX", Assert.Single(female.GetProperty("items").EnumerateArray()).GetProperty("karyotype").GetString());
        using var otherModel = await JsonAsync(reader, "/v1/cells?model=no-such-model");
        Assert.Equal(0, otherModel.GetProperty("total").GetInt32());

        // Most urgent first: every cell that needs review comes before every one that does not.
        using var urgent = await JsonAsync(reader, "/v1/cells?sort=-urgency&limit=500");
        var needs = urgent.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("needsReview").GetBoolean()).ToList();
        Assert.Equal(needs.OrderByDescending(n => n), needs);
        using var needsReview = await JsonAsync(reader, "/v1/cells?needs_review=true");
        Assert.Equal(needs.Count(n => n), needsReview.GetProperty("total").GetInt32());

        using var cases = await JsonAsync(reader, "/v1/cases?limit=1");
        Assert.Equal((2, 1), (cases.GetProperty("total").GetInt32(), cases.GetProperty("items").GetArrayLength()));
    }

    [SkippableFact]
    public async Task A_malformed_query_or_review_is_a_400_with_the_reason_and_stores_nothing()
    {
        await using var server = await TestServer.StartAsync(Options);
        await ApiTestData.SaveCellAsync(server.Database, server.Store, "case", "c1");
        using var reviewer = await server.ClientAsync(ApiRoles.Reviewer);
        var auditBefore = await CountAsync(db => db.Audit.CountAsync());

        Assert.Equal("limit '0' is not a whole number from 1 to 500", await ErrorAsync(await reviewer.GetAsync("/v1/cells?limit=0")));
        Assert.StartsWith("unknown parameter 'page'", await ErrorAsync(await reviewer.GetAsync("/v1/cells?page=2")), StringComparison.Ordinal);
        Assert.StartsWith("sort 'size' is not one of", await ErrorAsync(await reviewer.GetAsync("/v1/cells?sort=size")), StringComparison.Ordinal);

        var bad = new (string Body, string Reason)[]
        {
            ("{\"action\":", "the body is not a review step in JSON"),
            ("{\"action\":\"fly\"}", "'action' must be one of relabel, swap"),
            ("{\"action\":\"relabel\",\"chromosome\":3,\"label\":\"25\"}", "'25'"),
            ("{\"action\":\"relabel\",\"chromosome\":99,\"label\":\"5\"}", "99"),
            ("{\"action\":\"reject\"}", "'note' is required to reject"),
        };
        foreach (var (body, reason) in bad)
        {
            using var response = await reviewer.PostAsync("/v1/cases/case/cells/c1/review", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var error = await ErrorAsync(response);
            Assert.Contains(reason, error, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', error);
        }

        Assert.Equal(0, await CountAsync(db => db.Reviews.CountAsync()));
        Assert.Equal(auditBefore, await CountAsync(db => db.Audit.CountAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await TestServer.ReviewAsync(reviewer, "case", "nope", new { action = "accept" })).StatusCode);
    }

    [SkippableFact]
    public async Task One_cell_lists_its_chromosomes_with_label_argmax_confidence_and_review_flag()
    {
        await using var server = await TestServer.StartAsync(Options);
        await ApiTestData.SaveCellAsync(server.Database, server.Store, "case", "c1", unsure: [7]);
        using var reader = await server.ClientAsync(ApiRoles.Reader);

        using var cell = await JsonAsync(reader, "/v1/cases/case/cells/c1");
        var chromosomes = cell.GetProperty("chromosomes").EnumerateArray().ToList();
        Assert.Equal(46, chromosomes.Count);
        var unsure = chromosomes[7];
        Assert.Equal(("4", "4"), (unsure.GetProperty("label").GetString(), unsure.GetProperty("argmaxLabel").GetString()));
        Assert.InRange(unsure.GetProperty("confidence").GetDouble(), 0.3, 0.6);
        Assert.InRange(chromosomes[0].GetProperty("confidence").GetDouble(), 0.9, 1.0);
        Assert.Equal("46,XX", cell.GetProperty("cell").GetProperty("karyotype").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/v1/cases/case/cells/c2")).StatusCode);
    }

    [SkippableFact]
    public async Task The_karyogram_is_a_png_of_the_stored_crops()
    {
        await using var server = await TestServer.StartAsync(Options);
        await ApiTestData.SaveCellAsync(server.Database, server.Store, "case", "c1", male: true, extra: ChromosomeClass.Autosome(21));
        using var reader = await server.ClientAsync(ApiRoles.Reader);

        using var response = await reader.GetAsync("/v1/cases/case/cells/c1/karyogram.png");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        using var picture = GreyImage.Decode(await response.Content.ReadAsByteArrayAsync(), sourceName: "karyogram.png");
        Assert.True(picture.Width >= 640 && picture.Height > 400, $"{picture.Width}×{picture.Height}");
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/v1/cases/case/cells/c1/spread.png")).StatusCode);
    }

    [SkippableFact]
    public async Task Exports_stream_the_filtered_selection_as_csv_and_json()
    {
        await using var server = await TestServer.StartAsync(Options);
        await ApiTestData.SaveCaseAsync(server.Database, server.Store, "A", 6);
        using var reader = await server.ClientAsync(ApiRoles.Reader);

        var csv = (await reader.GetStringAsync("/v1/export.csv?abnormal=true")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ResultsQueries.CsvHeader, csv[0]);
        Assert.Equal(3, csv.Length);
        Assert.All(csv.Skip(1), line => Assert.Contains("\"47,XY,+21\"", line, StringComparison.Ordinal));
        using var json = JsonDocument.Parse(await reader.GetStringAsync("/v1/export.json"));
        Assert.Equal(6, json.RootElement.GetArrayLength());
        Assert.StartsWith("an export is the whole selection", await ErrorAsync(await reader.GetAsync("/v1/export.csv?limit=2")), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_relabel_gives_a_reviewed_call_beside_the_models_with_an_audit_row_and_a_stale_revision_is_a_409()
    {
        await using var server = await TestServer.StartAsync(Options);
        await ApiTestData.SaveCellAsync(server.Database, server.Store, "case", "c1", male: true);
        using var reviewer = await server.ClientAsync(ApiRoles.Reviewer);

        // Index 40 is the first chromosome 21 (two of each autosome, in order): call it an extra 13 instead.
        using var relabel = await TestServer.ReviewAsync(reviewer, "case", "c1", new { action = "relabel", chromosome = 40, label = "13", revision = 0 });
        Assert.Equal(HttpStatusCode.OK, relabel.StatusCode);
        using var step = JsonDocument.Parse(await relabel.Content.ReadAsStringAsync());
        Assert.Equal(("46,XY,+13,-21", "46,XY", 1), (step.RootElement.GetProperty("reviewedKaryotype").GetString(), step.RootElement.GetProperty("modelKaryotype").GetString(), step.RootElement.GetProperty("revision").GetInt32()));

        using var stale = await TestServer.ReviewAsync(reviewer, "case", "c1", new { action = "accept", revision = 0 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TestServer.ReviewAsync(reviewer, "case", "c1", new { action = "accept", revision = 1 })).StatusCode);

        using var cell = await JsonAsync(reviewer, "/v1/cases/case/cells/c1");
        var summary = cell.GetProperty("cell");
        Assert.Equal(("46,XY", "46,XY,+13,-21", "accepted", "test-reviewer"),
            (summary.GetProperty("karyotype").GetString(), summary.GetProperty("reviewedKaryotype").GetString(), summary.GetProperty("reviewStatus").GetString(), summary.GetProperty("reviewedBy").GetString()));
        var csv = (await reviewer.GetStringAsync("/v1/export.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries)[1];
        Assert.Contains("\"46,XY\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"46,XY,+13,-21\",accepted,test-reviewer,", csv, StringComparison.Ordinal);

        using var audit = JsonDocument.Parse(await reviewer.GetStringAsync("/v1/cases/case/cells/c1/audit"));
        var rows = audit.RootElement.EnumerateArray().ToList();
        var change = Assert.Single(rows, r => r.GetProperty("action").GetString() == "relabel");
        Assert.Equal(("test-reviewer", "21", "13", 40), (change.GetProperty("actor").GetString(), change.GetProperty("fromValue").GetString(), change.GetProperty("toValue").GetString(), change.GetProperty("chromosomeIndex").GetInt32()));
        Assert.Single(rows, r => r.GetProperty("action").GetString() == "accept");

        // The model's own result is untouched.
        Assert.Equal("21", await CountAsync(db => db.Chromosomes.Where(c => c.Index == 40).Select(c => c.Label).SingleAsync()));
    }

    [SkippableFact]
    public async Task A_change_made_with_the_page_cookie_needs_the_page_header()
    {
        await using var server = await TestServer.StartAsync(Options);
        await ApiTestData.SaveCellAsync(server.Database, server.Store, "case", "c1");
        var key = await server.Keys.CreateAsync("person", ApiRoles.Reviewer, TimeSpan.FromHours(1), "test");
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = server.Address };

        using var login = await browser.GetAsync($"/login?key={key.Key}&next=/review/");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/review/", login.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/review/")).StatusCode);

        using var forged = await TestServer.ReviewAsync(browser, "case", "c1", new { action = "accept" });
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        using var page = new HttpRequestMessage(HttpMethod.Post, "/v1/cases/case/cells/c1/review") { Content = JsonContent.Create(new { action = "accept" }) };
        page.Headers.Add("X-ChromoFarm-Request", "review-page");
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(page)).StatusCode);
    }

    [SkippableFact]
    public async Task The_openapi_document_describes_the_results_endpoints_and_the_key_header()
    {
        await using var server = await TestServer.StartAsync(Options);
        using var reader = await server.ClientAsync(ApiRoles.Reader);

        using var document = await JsonAsync(reader, "/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/v1/cells", paths);
        Assert.Contains("/v1/cases/{caseId}/cells/{cellId}", paths);
        Assert.Contains("/v1/cases/{caseId}/cells/{cellId}/karyogram.png", paths);
        Assert.Contains("/v1/cases/{caseId}/cells/{cellId}/review", paths);
        Assert.Contains("/v1/export.csv", paths);
        Assert.Equal("X-Api-Key", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("name").GetString());
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("error").GetString()!;
    }

    private static async Task<JsonElementHolder> JsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return new JsonElementHolder(JsonDocument.Parse(text));
    }

    private static IEnumerable<string> Cells(JsonElementHolder page) =>
        page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("cellId").GetString()!);

    private async Task<T> CountAsync<T>(Func<ResultsDbContext, Task<T>> query)
    {
        await using var db = new ResultsDbContext(Options);
        return await query(db);
    }
}

/// <summary>A parsed answer that disposes its document with the test's `using`.</summary>
public sealed class JsonElementHolder(JsonDocument document) : IDisposable
{
    public JsonElement GetProperty(string name) => document.RootElement.GetProperty(name);

    public void Dispose() => document.Dispose();
}

public sealed class SqliteApiTests() : ApiTests(new SqliteTestDatabase());

[Collection("postgres")]
public sealed class PostgresApiTests() : ApiTests(new PostgresTestDatabase());
