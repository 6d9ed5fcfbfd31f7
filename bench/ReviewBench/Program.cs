using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ChromoFarm.Contracts;
using ChromoFarm.Domain;
using ChromoFarm.Karyotyping;
using ChromoFarm.Results;
using Microsoft.Playwright;

// reviewbench seed RESULTS.db CELLS         add CELLS cells (46 chromosomes each, cases of 20) to a results database
// reviewbench browse URL KEY CASE [CELLS]   time the case page and each cell page of CASE in headless Chromium; JSON
return args switch
{
    ["seed", var path, var count] => await SeedAsync(path, int.Parse(count, CultureInfo.InvariantCulture)),
    ["browse", var url, var key, var caseId] => await BrowseAsync(new Uri(url), key, caseId),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: reviewbench seed RESULTS.db CELLS | reviewbench browse URL KEY CASE");
    return 2;
}

// What a coordinator stores for a normal cell; no images (exports do not read them).
static async Task<int> SeedAsync(string path, int count)
{
    var database = ResultsDatabase.Sqlite(path);
    await ResultsDatabase.MigrateAsync(database);
    var store = new ResultsStore(database);
    var caller = new KaryotypeCaller(CopyNumberPriorsFile.Default);
    var random = new Random(7);
    var classes = ChromosomeClass.All.Where(c => c.IsAutosome).SelectMany(c => new[] { c, c }).Append(ChromosomeClass.X).Append(ChromosomeClass.Y).ToList();
    var watch = Stopwatch.StartNew();
    for (var i = 0; i < count; i++)
    {
        var chromosomes = classes.Select((c, index) =>
        {
            var p = new float[ChromosomeClass.Count];
            var sure = 0.6f + (float)random.NextDouble() * 0.39f;
            Array.Fill(p, (1 - sure) / (ChromosomeClass.Count - 1));
            p[c.Index] = sure;
            return new ClassifiedChromosome(index, $"{index}.png", null, 50, 400, p, false);
        }).ToList();
        var cell = new CellClassified(Guid.NewGuid(), $"BULK-{i / 20:D4}", $"BULK-{i / 20:D4}.{i % 20 + 1}", CellSourceKind.CropSet, "bench-model", chromosomes, DateTimeOffset.UtcNow, TimeSpan.Zero);
        await store.SaveCompletedAsync(cell, caller.Call(chromosomes.Select(c => c.Probabilities).ToList()), "bench-priors");
    }

    Console.Error.WriteLine($"seeded {count} cells in {watch.Elapsed.TotalSeconds:0.0} s");
    return 0;
}

// Load times as a reviewer meets them: navigation to the load event (the cell page's karyogram image included).
static async Task<int> BrowseAsync(Uri url, string key, string caseId)
{
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Environment.GetEnvironmentVariable("CHROMOFARM_CHROMIUM") ?? "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    });
    var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = url.ToString(), ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
    var page = await context.NewPageAsync();
    await page.GotoAsync($"/login?key={key}");

    async Task<double> TimeAsync(string path)
    {
        var watch = Stopwatch.StartNew();
        var response = await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        watch.Stop();
        if (response is not { Ok: true })
        {
            throw new InvalidOperationException($"{path}: {response?.Status}");
        }

        return watch.Elapsed.TotalMilliseconds;
    }

    var casePage = new List<double>();
    for (var i = 0; i < 5; i++)
    {
        casePage.Add(await TimeAsync($"/review/cases/{Uri.EscapeDataString(caseId)}"));
    }

    var links = await page.Locator("table.queue tbody tr td:first-child a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
    var firstVisit = new List<double>();
    foreach (var link in links)
    {
        firstVisit.Add(await TimeAsync(link));
    }

    var revisit = new List<double>();
    foreach (var link in links)
    {
        revisit.Add(await TimeAsync(link));
    }

    Console.WriteLine(JsonSerializer.Serialize(new
    {
        case_cells = links.Length,
        case_page_ms = Summary(casePage),
        cell_page_first_visit_ms = Summary(firstVisit),
        cell_page_cached_ms = Summary(revisit),
    }));
    return 0;
}

static object Summary(List<double> values)
{
    var sorted = values.Order().ToArray();
    return new { median = Math.Round(sorted[sorted.Length / 2], 1), max = Math.Round(sorted[^1], 1), n = sorted.Length };
}
