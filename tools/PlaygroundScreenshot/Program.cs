using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

// usage: PlaygroundScreenshot URL OUTPUT.png
// Opens the playground at URL in headless Chromium (PLAYWRIGHT_CHROMIUM_EXECUTABLE, or chromium on
// PATH), runs the seed demo, steps three resumes (the stepper then shows state 1 and the hoisted
// fields, the diagram and the source line are highlighted) and saves a screenshot of the page.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: PlaygroundScreenshot URL OUTPUT.png");
    return 2;
}
var chromium = Environment.GetEnvironmentVariable("PLAYWRIGHT_CHROMIUM_EXECUTABLE") is { Length: > 0 } configured
    ? configured
    : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Select(static dir => Path.Combine(dir, "chromium"))
        .FirstOrDefault(File.Exists);
if (chromium is null)
{
    Console.Error.WriteLine("error: no chromium on PATH (apt-get install -y chromium), or set PLAYWRIGHT_CHROMIUM_EXECUTABLE.");
    return 1;
}

SetDefaultExpectTimeout(60_000);
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = chromium,
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
await page.GotoAsync(args[0]);
await Expect(page.Locator("#diagram g.state")).ToHaveCountAsync(2);
await page.Locator("#run").ClickAsync();
await Expect(page.Locator("#run-status")).ToContainTextAsync("ran to its end");
for (var i = 0; i < 3; i++)
{
    await page.Locator("#step").ClickAsync();
}
await Expect(page.Locator("#step-state")).ToHaveTextAsync("1");
await page.EvalOnSelectorAsync("#source", "s => { s.scrollTop = 8 * 18; s.dispatchEvent(new Event('scroll')); }");
await page.EvalOnSelectorAsync("#generated", "g => { const l = [...g.querySelectorAll('.gl')].find(e => e.textContent.includes('return SuspendAt(')); g.scrollTop = l.offsetTop - g.offsetTop - 200; }");
await page.Mouse.MoveAsync(0, 0);
await page.ScreenshotAsync(new PageScreenshotOptions { Path = args[1], FullPage = true });
Console.WriteLine($"wrote {args[1]}");
return 0;
