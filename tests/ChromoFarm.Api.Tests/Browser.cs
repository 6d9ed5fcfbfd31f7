using Microsoft.Playwright;

namespace ChromoFarm.Api.Tests;

/// <summary>Debian's Chromium, headless, driven by Playwright: the review page as a person's browser runs it.</summary>
public static class Browser
{
    public static readonly string Executable = Environment.GetEnvironmentVariable("CHROMOFARM_CHROMIUM") ?? "/usr/bin/chromium";

    /// <summary>Where the tests leave their screenshots (look at them; docs/review.md shows them).</summary>
    public static readonly string Screenshots = Path.Combine(FindRepositoryRoot(), "artifacts", "test-results", "screenshots");

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: `make deps` installs Debian's chromium (or set CHROMOFARM_CHROMIUM)");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            // No sandbox: CI runs as root in a container; no GPU and no network beyond loopback.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run"],
        });
        return (playwright, browser);
    }

    public static string Screenshot(string name)
    {
        Directory.CreateDirectory(Screenshots);
        return Path.Combine(Screenshots, name);
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ChromoFarm.sln")))
            {
                return folder.FullName;
            }
        }

        return Path.GetTempPath();
    }
}
