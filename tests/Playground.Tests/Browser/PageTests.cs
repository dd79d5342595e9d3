using System;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Coroutines.Playground.Tests.Browser;

/// <summary>The page in a real headless Chromium, against the real server and runner.</summary>
[Collection(PlaygroundCollection.Name)]
public sealed class PageTests(PlaygroundServer server, Chromium chromium) : IClassFixture<Chromium>
{
    private static readonly LocatorAssertionsToContainTextOptions RunTimeout = new() { Timeout = 60_000 };

    static PageTests() => SetDefaultExpectTimeout(20_000); // the first generator run in a cold server JITs Roslyn

    [Fact]
    public async Task The_page_opens_with_the_seed_demo_its_generated_class_and_its_diagram()
    {
        var page = await Open();
        await Expect(page.Locator("#source")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Workers\\.CountCoroutine"));
        await Expect(page.Locator("#generated")).ToContainTextAsync("public sealed class CountStateMachine");
        await Expect(page.Locator("#diagram g.state[data-state='1']")).ToContainTextAsync("1: after Yield.Sleep(delayMs)");
        await Expect(page.Locator("#examples option")).ToHaveCountAsync(4);
    }

    [Fact]
    public async Task Editing_the_program_updates_the_generated_class_and_the_diagram()
    {
        var page = await Open();
        await Expect(page.Locator("#diagram g.state")).ToHaveCountAsync(2); // 0 and 1
        await page.Locator("#source").FillAsync(Programs.SeedDemo.Replace("total += i;", "total += i;\n            Yield.Sleep(10);", StringComparison.Ordinal));
        await Expect(page.Locator("#diagram g.state")).ToHaveCountAsync(3);
        await Expect(page.Locator("#diagram g.state[data-state='2']")).ToContainTextAsync("2: after Yield.Sleep(10)");
        await Expect(page.Locator("#generated")).ToContainTextAsync("return SuspendAt(2, global::Coroutines.Suspension.Sleep(10));");
    }

    [Fact]
    public async Task Hovering_a_state_highlights_the_source_line_it_resumes_after_and_the_reverse()
    {
        var page = await Open();
        var line = Programs.SleepLine;
        var mark = page.Locator($"#backdrop .mark.linked[data-line='{line}']");

        await page.Locator("#diagram g.state[data-state='1']").HoverAsync();
        await Expect(mark).ToHaveCountAsync(1);
        await Expect(page.Locator($"#gutter .ln.linked[data-line='{line}']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#generated .gl.linked").First).ToContainTextAsync("state 1");

        await page.Locator("#generated .gl", new() { HasText = "return SuspendAt(1," }).HoverAsync();
        await Expect(mark).ToHaveCountAsync(1);
        await Expect(page.Locator("#diagram g.state.linked[data-state='1']")).ToHaveCountAsync(1);

        // The reverse: the mouse on the source line highlights the state that resumes after it.
        await page.Mouse.MoveAsync(0, 0);
        await Expect(page.Locator("#diagram g.state.linked")).ToHaveCountAsync(0);
        await page.EvalOnSelectorAsync("#source", "s => { s.scrollTop = 10 * 18; s.dispatchEvent(new Event('scroll')); }");
        var box = (await page.Locator("#source").BoundingBoxAsync())!;
        var scrollTop = await page.EvalOnSelectorAsync<double>("#source", "s => s.scrollTop");
        await page.Mouse.MoveAsync(box.X + 100, (float)(box.Y + 4 + (line - 1) * 18 - scrollTop + 9));
        await Expect(page.Locator("#diagram g.state.linked[data-state='1']")).ToHaveCountAsync(1);
        await Expect(mark).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Run_shows_the_output_and_the_timeline_and_the_stepper_walks_the_resumes()
    {
        var page = await Open();
        await Expect(page.Locator("#diagram g.state")).ToHaveCountAsync(2);
        await page.Locator("#run").ClickAsync();
        await Expect(page.Locator("#run-status")).ToContainTextAsync("ran to its end", RunTimeout);
        await Expect(page.Locator("#output")).ToContainTextAsync("Both finished after 5 s: fast counted 15, slow counted 1.");
        await Expect(page.Locator("#timeline svg g.coroutine[data-name='fast']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#timeline svg g.coroutine[data-name='slow']")).ToHaveCountAsync(1);

        var state = page.Locator("#step-state");
        await page.Locator("#step").ClickAsync();
        await Expect(page.Locator("#step-coroutine")).ToHaveTextAsync("fast (CountStateMachine)");
        await Expect(state).ToHaveTextAsync("0");
        await page.Locator("#step").ClickAsync();
        await Expect(page.Locator("#step-coroutine")).ToHaveTextAsync("slow (CountStateMachine)");
        await Expect(state).ToHaveTextAsync("0");
        await page.Locator("#step").ClickAsync();
        await Expect(page.Locator("#step-coroutine")).ToHaveTextAsync("fast (CountStateMachine)");
        await Expect(state).ToHaveTextAsync("1"); // resumed after its first sleep
        await Expect(page.Locator("#step-ended")).ToHaveTextAsync("suspended in state 1");
        await Expect(page.Locator("#step-fields tr", new() { HasText = "total" })).ToContainTextAsync("1");
        await Expect(page.Locator("#step-fields tr", new() { HasText = "name" })).ToContainTextAsync("\"fast\"");
        await Expect(page.Locator("#diagram g.state.current[data-state='1']")).ToHaveCountAsync(1);
        await Expect(page.Locator($"#backdrop .mark.linked[data-line='{Programs.SleepLine}']")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_broken_program_shows_its_diagnostic_at_its_line()
    {
        var page = await Open();
        await Expect(page.Locator("#diagram g.state")).ToHaveCountAsync(2);
        await page.Locator("#source").FillAsync(Programs.NotPartial);
        var line = Programs.NotPartialLine;
        await Expect(page.Locator($"#gutter .ln.error[data-line='{line}']")).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("^COR0001: "));
        await Expect(page.Locator($"#backdrop .mark.error[data-line='{line}']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#diagnostics li", new() { HasText = "COR0001" })).ToContainTextAsync($"line {line}: COR0001");
        await Expect(page.Locator("#generated")).ToContainTextAsync("No state machine was generated");
    }

    [Fact]
    public async Task An_endless_loop_ends_with_the_time_limit_message_and_the_page_stays_usable()
    {
        var page = await Open();
        await Expect(page.Locator("#diagram g.state")).ToHaveCountAsync(2);
        await page.Locator("#source").FillAsync("using System;\n\nConsole.WriteLine(\"spinning\");\nwhile (true) { }\n");
        await page.Locator("#run").ClickAsync();
        await Expect(page.Locator("#run-status")).ToContainTextAsync($"Time limit: the program ran for more than {PlaygroundServer.RunTimeLimit.TotalSeconds} s", RunTimeout);
        await Expect(page.Locator("#run")).ToBeEnabledAsync();

        await page.Locator("#examples").SelectOptionAsync("Calls");
        await Expect(page.Locator("#generated")).ToContainTextAsync("FibStateMachine");
    }

    private async Task<IPage> Open()
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(server.BaseAddress.ToString());
        await Expect(page.Locator("#generated")).ToContainTextAsync("CountStateMachine");
        return page;
    }
}
