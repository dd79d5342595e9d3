using System.Linq;
using Coroutines.Playground.Api;

namespace Coroutines.Playground.Tests;

/// <summary>Programs the tests send, and the lines they expect things at.</summary>
internal static class Programs
{
    /// <summary>The page's first example (tools/Playground/Examples/SeedDemo.cs).</summary>
    public static string SeedDemo { get; } = Examples.All.Single(static e => e.Id == "SeedDemo").Source;

    /// <summary>The line of <c>Yield.Sleep(delayMs);</c>, the statement state 1 resumes after.</summary>
    public static int SleepLine { get; } = LineOf(SeedDemo, "Yield.Sleep(delayMs);");

    /// <summary>The line of <c>int total = 0;</c>.</summary>
    public static int TotalLine { get; } = LineOf(SeedDemo, "int total = 0;");

    /// <summary>The seed demo with its class not partial: COR0001 on the class.</summary>
    public static string NotPartial { get; } = SeedDemo.Replace("public static partial class Workers", "public static class Workers", System.StringComparison.Ordinal);

    public static int NotPartialLine { get; } = LineOf(NotPartial, "public static class Workers");

    public static int LineOf(string source, string text) =>
        source.Split('\n').Select(static (line, index) => (line, index)).First(l => l.line.Contains(text, System.StringComparison.Ordinal)).index + 1;
}
