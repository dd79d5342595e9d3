using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Coroutines.Generator.Suppressors;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Coroutines.Generator.Tests.Suppressors;

/// <summary>
/// CS8321 ("declared but never used") on a <c>[Coroutine]</c> local function that an ordinary
/// method makes only through its factory is suppressed; on one nothing makes, and on a plain local
/// function, it stays.
/// </summary>
public sealed class UnusedLocalFunctionCoroutineSuppressorTests
{
    private const string Source = """
        using Coroutines;

        namespace Demo;

        public static partial class Program
        {
            public static Coroutine<int> MakeTicker(int ticks)
            {
                return TickCoroutine(ticks);

                [Coroutine]
                static int Tick(int ticks)
                {
                    Yield.Sleep(ticks);
                    return ticks;
                }
            }

            public static int Unused(int ticks)
            {
                return ticks;

                [Coroutine]
                static int Idle(int ticks)
                {
                    Yield.Sleep(ticks);
                    return ticks;
                }

                static int Plain(int x) => x;
            }
        }
        """;

    [Fact]
    public async Task CS8321_is_suppressed_only_on_a_coroutine_local_function_made_by_its_factory()
    {
        var run = GeneratorHarness.Run(Source);
        Assert.Empty(run.GeneratorDiagnostics);
        var compilation = run.OutputCompilation;
        Assert.Equal(3, compilation.GetDiagnostics().Count(static d => d.Id == "CS8321")); // the compiler's own, Tick's included
        var all = await compilation
            .WithAnalyzers(
                ImmutableArray.Create<DiagnosticAnalyzer>(new UnusedLocalFunctionCoroutineSuppressor()),
                new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: true))
            .GetAllDiagnosticsAsync();
        var diagnostics = all.Where(static d => d.Id == "CS8321").ToList();

        var byName = diagnostics.ToDictionary(static d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan), static d => d);
        Assert.Equal(["Idle", "Plain", "Tick"], byName.Keys.Order());
        Assert.True(byName["Tick"].IsSuppressed); // by the suppressor, the only one here (no #pragma in the source)
        Assert.False(byName["Idle"].IsSuppressed);
        Assert.False(byName["Plain"].IsSuppressed);
    }
}
