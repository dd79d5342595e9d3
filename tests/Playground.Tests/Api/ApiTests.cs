using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace Coroutines.Playground.Tests.Api;

/// <summary>Each endpoint, with good, oversized and malformed requests.</summary>
[Collection(PlaygroundCollection.Name)]
public sealed class ApiTests(PlaygroundServer server)
{
    private readonly HttpClient _client = server.CreateClient();

    [Fact]
    public async Task Index_page_is_served()
    {
        var html = await _client.GetStringAsync("/");
        Assert.Contains("<textarea id=\"source\"", html);
        Assert.Contains("app.js", html);
        Assert.Contains("function link(", await _client.GetStringAsync("/app.js"));
    }

    [Fact]
    public async Task About_gives_the_limits_and_how_the_runner_is_kept_off_the_network()
    {
        var about = await _client.GetFromJsonAsync<JsonElement>("/api/about");
        Assert.Equal(64 * 1024, about.GetProperty("limits").GetProperty("maxRequestBytes").GetInt32());
        Assert.Equal(20_000, about.GetProperty("limits").GetProperty("maxSourceChars").GetInt32());
        Assert.Contains("network", about.GetProperty("network").GetString());
    }

    [Fact]
    public async Task Examples_start_with_the_seed_demo_and_each_generates_without_errors()
    {
        var examples = await _client.GetFromJsonAsync<JsonElement>("/api/examples");
        Assert.Equal("SeedDemo", examples[0].GetProperty("id").GetString());
        Assert.True(examples.GetArrayLength() >= 4);
        foreach (var example in examples.EnumerateArray())
        {
            var result = await Generate(example.GetProperty("source").GetString()!);
            Assert.Empty(result.GetProperty("diagnostics").EnumerateArray());
            Assert.NotEmpty(result.GetProperty("machines").EnumerateArray());
        }
    }

    [Fact]
    public async Task Generate_returns_the_class_the_states_with_their_lines_and_the_diagram()
    {
        var result = await Generate(Programs.SeedDemo);
        var machine = Assert.Single(result.GetProperty("machines").EnumerateArray());
        Assert.Equal("CountStateMachine", machine.GetProperty("machineName").GetString());
        var state = Assert.Single(machine.GetProperty("states").EnumerateArray());
        Assert.Equal(1, state.GetProperty("number").GetInt32());
        Assert.Equal(Programs.SleepLine, state.GetProperty("line").GetInt32());
        Assert.Contains("Yield.Sleep(delayMs)", state.GetProperty("sourceText").GetString());

        var lines = machine.GetProperty("lines").EnumerateArray().ToList();
        Assert.Contains(lines, l => l.GetProperty("text").GetString()!.Contains("return SuspendAt(1,") && l.GetProperty("state").GetInt32() == 1);
        Assert.Contains(lines, l => l.GetProperty("text").GetString()!.Trim() == "resume1:" && l.GetProperty("state").GetInt32() == 1);

        var transitions = machine.GetProperty("transitions").EnumerateArray()
            .Select(t => (t.GetProperty("from").GetInt32(), t.GetProperty("to").ValueKind == JsonValueKind.Null ? -1 : t.GetProperty("to").GetInt32()))
            .ToList();
        Assert.Equal(new[] { (0, 1), (0, -1), (1, 1), (1, -1) }, transitions);

        var diagram = machine.GetProperty("diagram").GetString()!;
        Assert.StartsWith("<svg", diagram);
        Assert.Contains($"data-state=\"1\" data-line=\"{Programs.SleepLine}\"", diagram);
        Assert.Contains("1: after Yield.Sleep(delayMs)", diagram);
    }

    [Fact]
    public async Task Generate_reports_a_COR_diagnostic_at_its_line()
    {
        var result = await Generate(Programs.NotPartial);
        var diagnostic = result.GetProperty("diagnostics").EnumerateArray().First(d => d.GetProperty("id").GetString()!.StartsWith("COR"));
        Assert.Equal("error", diagnostic.GetProperty("severity").GetString());
        Assert.Equal(Programs.NotPartialLine, diagnostic.GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Generate_reports_a_syntax_error_at_its_line()
    {
        var result = await Generate(Programs.SeedDemo.Replace("int total = 0;", "int total = ;"));
        var diagnostic = Assert.Single(result.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("id").GetString() == "CS1525");
        Assert.Equal(Programs.TotalLine, diagnostic.GetProperty("line").GetInt32());
    }

    [Theory]
    [InlineData("/api/generate")]
    [InlineData("/api/run")]
    public async Task Malformed_json_is_a_400_that_says_what_to_send(string endpoint)
    {
        var response = await _client.PostAsync(endpoint, new StringContent("{\"source\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid JSON", await Error(response));
    }

    [Theory]
    [InlineData("/api/generate", "{}")]
    [InlineData("/api/generate", "{\"source\": 42}")]
    [InlineData("/api/run", "")]
    [InlineData("/api/run", "[1, 2]")]
    public async Task A_request_without_a_source_string_is_a_400(string endpoint, string body)
    {
        var response = await _client.PostAsync(endpoint, new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("{\"source\": \"...\"}", await Error(response));
    }

    [Theory]
    [InlineData("/api/generate")]
    [InlineData("/api/run")]
    public async Task An_oversized_request_is_a_413(string endpoint)
    {
        var body = JsonSerializer.Serialize(new { source = new string('x', 70_000) });
        var response = await _client.PostAsync(endpoint, new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("64 KiB", await Error(response));
    }

    [Fact]
    public async Task A_program_over_the_character_limit_is_a_413()
    {
        var response = await _client.PostAsJsonAsync("/api/generate", new { source = "//" + new string('x', 30_000) });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("at most 20000", await Error(response));
    }

    [Fact]
    public async Task Run_gives_the_output_the_timeline_and_a_snapshot_per_step()
    {
        var report = await Run(Programs.SeedDemo);
        Assert.Equal("completed", report.GetProperty("outcome").GetString());
        Assert.Contains("Both finished after 5 s: fast counted 15, slow counted 1.", report.GetProperty("output").GetString());
        Assert.Contains("<svg", Assert.Single(report.GetProperty("timelines").EnumerateArray()).GetString());

        var steps = report.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(8, steps.Count); // fast: 5 sleeps and the end; slow: 1 sleep and the end
        var third = steps[2];
        Assert.Equal("fast", third.GetProperty("coroutine").GetString());
        Assert.Equal(1, third.GetProperty("resumedIn").GetInt32());
        Assert.Equal(1.0, third.GetProperty("timeSeconds").GetDouble());
        var fields = third.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("value").GetString());
        Assert.Equal("1", fields["total"]);
        Assert.Equal("2", fields["i"]);
        Assert.Equal("\"fast\"", fields["name"]);
        Assert.Equal("completed", steps[^1].GetProperty("ended").GetString());
    }

    [Fact]
    public async Task Every_example_runs_to_its_end()
    {
        var examples = await _client.GetFromJsonAsync<JsonElement>("/api/examples");
        var reports = await Task.WhenAll(examples.EnumerateArray()
            .Where(e => e.GetProperty("id").GetString() != "SeedDemo") // run in the test above
            .Select(e => Run(e.GetProperty("source").GetString()!)));
        Assert.All(reports, r => Assert.Equal("completed", r.GetProperty("outcome").GetString()));
        Assert.All(reports, r => Assert.NotEmpty(r.GetProperty("steps").EnumerateArray()));
    }

    [Fact]
    public async Task Every_scheduler_runs_on_a_virtual_clock_and_is_recorded()
    {
        var report = await Run("""
            using System;
            using Coroutines;

            var scheduler = new Scheduler(); // a system clock, outside the playground
            scheduler.Spawn(Waits.HourCoroutine());
            scheduler.Run();
            Console.WriteLine($"{scheduler.Now.TotalHours} h");

            public static partial class Waits
            {
                [Coroutine]
                public static void Hour() => Yield.Sleep(3_600_000);
            }
            """);
        Assert.Equal("completed", report.GetProperty("outcome").GetString());
        Assert.Equal("1 h\n", report.GetProperty("output").GetString());
        Assert.Single(report.GetProperty("timelines").EnumerateArray());
        Assert.Equal(2, report.GetProperty("steps").GetArrayLength());
    }

    [Fact]
    public async Task Run_reports_compile_errors_with_their_lines()
    {
        var report = await Run(Programs.SeedDemo.Replace("int total = 0;", "int total = ;"));
        Assert.Equal("compile-errors", report.GetProperty("outcome").GetString());
        Assert.Contains(report.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("line").GetInt32() == Programs.TotalLine);
    }

    [Fact]
    public async Task Run_refuses_files_and_network_at_compile_time()
    {
        var report = await Run("System.IO.File.WriteAllText(\"x\", \"y\");\nvar c = new System.Net.Http.HttpClient();\n");
        Assert.Equal("compile-errors", report.GetProperty("outcome").GetString());
        var denied = report.GetProperty("diagnostics").EnumerateArray().Where(d => d.GetProperty("id").GetString() == "PLAY001").ToList();
        Assert.Contains(denied, d => d.GetProperty("line").GetInt32() == 1 && d.GetProperty("message").GetString()!.Contains("System.IO.File"));
        Assert.Contains(denied, d => d.GetProperty("line").GetInt32() == 2 && d.GetProperty("message").GetString()!.Contains("HttpClient"));
    }

    [Fact]
    public async Task An_endless_loop_is_stopped_at_the_time_limit_and_the_server_carries_on()
    {
        var report = await Run("while (true) { }\n");
        Assert.Equal("time-limit", report.GetProperty("outcome").GetString());
        Assert.Contains("Time limit", report.GetProperty("message").GetString());

        var next = await Run("System.Console.WriteLine(\"still here\");\n");
        Assert.Equal("completed", next.GetProperty("outcome").GetString());
        Assert.Equal("still here\n", next.GetProperty("output").GetString());
    }

    [Fact]
    public async Task A_crash_is_reported_and_the_server_carries_on()
    {
        var report = await Run("static int Down(int n) => Down(n + 1) + 1;\nSystem.Console.WriteLine(Down(0));\n");
        Assert.Equal("crashed", report.GetProperty("outcome").GetString());
        Assert.Contains("crash such as a stack overflow", report.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_program_that_allocates_without_end_meets_the_memory_limit()
    {
        var report = await Run("var list = new System.Collections.Generic.List<byte[]>();\nwhile (true) list.Add(new byte[1 << 20]);\n");
        var outcome = report.GetProperty("outcome").GetString();
        var message = report.GetProperty("message").GetString()!;
        Assert.True(
            (outcome == "faulted" && message.Contains("OutOfMemoryException")) || (outcome == "crashed" && message.Contains("memory limit")),
            $"{outcome}: {message}");
    }

    [Fact]
    public async Task A_faulting_program_reports_its_exception()
    {
        var report = await Run("System.Console.WriteLine(\"before\");\nthrow new System.InvalidOperationException(\"boom\");\n");
        Assert.Equal("faulted", report.GetProperty("outcome").GetString());
        Assert.Contains("InvalidOperationException: boom", report.GetProperty("message").GetString());
        Assert.StartsWith("before\n", report.GetProperty("output").GetString());
    }

    private async Task<JsonElement> Generate(string source)
    {
        var response = await _client.PostAsJsonAsync("/api/generate", new { source });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> Run(string source)
    {
        var response = await _client.PostAsJsonAsync("/api/run", new { source });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<string> Error(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
}
