using System.Text.RegularExpressions;
using ChromoFarm.Domain;
using ChromoFarm.Results;
using ChromoFarm.Results.Tests;
using Microsoft.Playwright;

namespace ChromoFarm.Api.Tests;

/// <summary>
/// The review page in headless Chromium over a case of drawn chromosomes: log in with a key, open the queue, relabel
/// a chromosome with the mouse and the keyboard, see the new karyotype, accept, and find the change in the audit trail
/// and the export.
/// </summary>
public sealed class ReviewPageBrowserTests() : DatabaseTests(new SqliteTestDatabase())
{
    [SkippableFact]
    public async Task A_reviewer_relabels_the_extra_chromosome_and_sees_the_new_karyotype_the_audit_row_and_the_export()
    {
        await using var server = await TestServer.StartAsync(Options);
        await ApiTestData.SaveCaseAsync(server.Database, server.Store, "LAB-0042", 20);
        var key = await server.Keys.CreateAsync("dr.rossi", ApiRoles.Reviewer, TimeSpan.FromHours(1), "test");
        var (playwright, browser) = await Browser.LaunchAsync();
        using var driver = playwright;
        await using var _ = browser;
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 }, BaseURL = server.Address.ToString() });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                errors.Add($"{response.Status} {response.Url}");
            }
        };

        // The printed one-time URL lands on the queue, most urgent first: the trisomies lead.
        await page.GotoAsync($"/login?key={key.Key}");
        Assert.EndsWith("/review", page.Url.TrimEnd('/'), StringComparison.Ordinal);
        var firstRow = page.Locator("table.queue tbody tr").First;
        await Assertions.Expect(firstRow).ToContainTextAsync("47,XY,+21");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.Screenshot("review-queue.png"), FullPage = true });

        // Cell LAB-0042.3: 47 chromosomes, the last (index 46) an extra 21.
        await page.GotoAsync("/review/cases/LAB-0042/cells/LAB-0042.3");
        await Assertions.Expect(page.Locator("#reported")).ToHaveTextAsync("47,XY,+21");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.Screenshot("review-cell.png"), FullPage = true });
        await page.Locator("figure.karyogram button.chromosome[data-index='46']").ClickAsync();
        await Assertions.Expect(page.Locator("#selected")).ToHaveTextAsync("#47: 21");

        // Keyboard: type the class, Enter. The page shows the karyotype the corrected labels give, at once.
        await page.Keyboard.TypeAsync("13");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#reported")).ToHaveTextAsync("47,XY,+13");
        await Assertions.Expect(page.Locator("#model-call")).ToHaveTextAsync("47,XY,+21");
        await Assertions.Expect(page.Locator("#review-status")).ToHaveTextAsync("in review");

        // Mouse: the class buttons relabel the selected chromosome back, then c accepts.
        await page.Locator("button.class[data-label='21']").ClickAsync();
        await Assertions.Expect(page.Locator("#reported")).ToHaveTextAsync("47,XY,+21");
        await page.Keyboard.PressAsync("c");
        await Assertions.Expect(page.Locator("#review-status")).ToHaveTextAsync("accepted");
        await Assertions.Expect(page.Locator("button[data-action='accept']")).ToBeDisabledAsync();

        var audit = page.Locator("details.audit li");
        await Assertions.Expect(audit).ToHaveCountAsync(3);
        await Assertions.Expect(audit.Nth(0)).ToContainTextAsync(new Regex("dr\\.rossi relabel #47 21 → 13"));
        await Assertions.Expect(audit.Nth(1)).ToContainTextAsync(new Regex("dr\\.rossi relabel #47 13 → 21"));
        await Assertions.Expect(audit.Nth(2)).ToContainTextAsync("accept");

        // The export (same session cookie) carries the reviewed call beside the model's.
        var export = await context.APIRequest.GetAsync("/v1/export.csv?case=LAB-0042");
        Assert.True(export.Ok, export.StatusText);
        var line = (await export.TextAsync()).Split('\n').Single(l => l.StartsWith("LAB-0042,LAB-0042.3,", StringComparison.Ordinal));
        Assert.Contains("\"47,XY,+21\",accepted,dr.rossi,", line, StringComparison.Ordinal);

        await page.GotoAsync("/review/cases/LAB-0042");
        await Assertions.Expect(page.Locator("table.queue tbody tr")).ToHaveCountAsync(20);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.Screenshot("review-case.png"), FullPage = true });
        Assert.True(errors.Count == 0, string.Join(" | ", errors));
    }

    [SkippableFact]
    public async Task Swap_and_artefact_from_the_keyboard_and_a_reader_sees_no_correction_tools()
    {
        await using var server = await TestServer.StartAsync(Options);
        await ApiTestData.SaveCellAsync(server.Database, server.Store, "LAB-7", "c1", male: false, extra: ChromosomeClass.Autosome(18));
        var reviewer = await server.Keys.CreateAsync("tech", ApiRoles.Reviewer, TimeSpan.FromHours(1), "test");
        var reader = await server.Keys.CreateAsync("auditor", ApiRoles.Reader, TimeSpan.FromHours(1), "test");
        var (playwright, browser) = await Browser.LaunchAsync();
        using var driver = playwright;
        await using var _ = browser;

        var page = await (await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.Address.ToString() })).NewPageAsync();
        await page.GotoAsync($"/login?key={reviewer.Key}&next=/review/cases/LAB-7/cells/c1");
        await Assertions.Expect(page.Locator("#reported")).ToHaveTextAsync("47,XX,+18");

        // j walks the chromosomes in index order; index 0 is a 1, index 44 an X.
        await page.Keyboard.PressAsync("j");
        await Assertions.Expect(page.Locator("#selected")).ToHaveTextAsync("#1: 1");
        await page.Keyboard.PressAsync("s");
        await page.Locator("figure.karyogram button.chromosome[data-index='44']").ClickAsync();
        // A swap moves two labels and leaves the count: the karyotype stays, the audit records it.
        await Assertions.Expect(page.Locator("details.audit li").First).ToContainTextAsync("swap #1 ↔ #45 1 → X");
        await Assertions.Expect(page.Locator("#reported")).ToHaveTextAsync("47,XX,+18");

        // The extra 18 (index 46) is debris: a.
        await page.Locator("figure.karyogram button.chromosome[data-index='46']").ClickAsync();
        await page.Keyboard.PressAsync("a");
        await Assertions.Expect(page.Locator("details.audit li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("details.audit li").Nth(1)).ToContainTextAsync("artefact #47 18 → artefact");
        await Assertions.Expect(page.Locator("#reported")).ToHaveTextAsync("46,XX");

        var readerPage = await (await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.Address.ToString() })).NewPageAsync();
        await readerPage.GotoAsync($"/login?key={reader.Key}&next=/review/cases/LAB-7/cells/c1");
        await Assertions.Expect(readerPage.Locator("#reported")).ToBeVisibleAsync();
        await Assertions.Expect(readerPage.Locator("section.actions")).ToHaveCountAsync(0);
        await Assertions.Expect(readerPage.Locator("button.class")).ToHaveCountAsync(0);

        // Without a login the page sends a person to the login form, not a JSON 401.
        var stranger = await (await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.Address.ToString() })).NewPageAsync();
        await stranger.GotoAsync("/review/");
        Assert.Contains("/login", stranger.Url, StringComparison.Ordinal);
        await Assertions.Expect(stranger.Locator("input[name='key']")).ToBeVisibleAsync();
    }
}
