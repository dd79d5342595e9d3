using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// The one ordering a state machine cannot keep (COR0019): C# runs the <c>when</c> filter of an
/// enclosing catch before an inner finally (two-pass exception handling), but a finally that
/// sleeps runs only after its exception was caught, so the filter runs after it. These tests pin
/// the documented behaviour, and show that a filter that does not depend on the finally's side
/// effects chooses the same handler as in the original.
/// </summary>
public sealed class FilterOrderTests
{
    private static readonly SharedProgram Program = new(Programs.Static(Programs.TestTypes + """
        private static bool Filter(string what, bool result)
        {
            Trace.Log($"filter {what}: {result}");
            return result;
        }

        [Coroutine]
        public static string FilterReadsWhatTheFinallyChanged(int mode)
        {
            int stage = 0;
            try
            {
                try
                {
                    Yield.Sleep(1);
                    stage = 1;
                    throw new AppException("inner", mode);
                }
                finally
                {
                    Trace.Log($"inner finally sees stage {stage}");
                    stage = 2;
                    Yield.Sleep(2);
                }
            }
            catch (AppException) when (Filter($"stage {stage}", stage == 1))
            {
                Trace.Log($"caught with stage {stage}");
            }
            return $"stage {stage}";
        }

        [Coroutine]
        public static string FilterReadsOnlyTheException(int code)
        {
            string path = "";
            try
            {
                try
                {
                    Yield.Sleep(1);
                    throw new AppException("inner", code);
                }
                finally
                {
                    path += "finally;";
                    Yield.Sleep(2);
                    Trace.Log("inner finally done");
                }
            }
            catch (AppException e) when (e.Code > 1)
            {
                Yield.Sleep(3);
                path += $"caught {e.Code}";
            }
            return path;
        }
        """))
    {
        AllowedDiagnosticIds = ["COR0019"],
    };

    [Fact]
    public void The_generator_warns_about_both_methods()
    {
        var run = Program.Program.Run;
        var warnings = run.DiagnosticsById("COR0019");

        Assert.Equal(2, warnings.Length);
        var tree = run.InputCompilation.SyntaxTrees.Single(t => t.FilePath == GeneratorHarness.DefaultPath);
        Assert.All(warnings, w => Assert.Equal("finally", tree.GetText().ToString(w.Location.SourceSpan))); // at the finally keyword
    }

    [Fact]
    public void An_outer_filter_runs_after_a_finally_that_sleeps_and_sees_what_it_changed()
    {
        using var loaded = Program.Program.Load();
        var test = new OracleCase { Sources = Program.Sources, TypeName = Programs.StaticType, MethodName = "FilterReadsWhatTheFinallyChanged", Args = [0] };

        var original = Oracle.RunOriginal(loaded, test);
        var stateMachine = Oracle.RunStateMachine(loaded, test, original);

        // C#: the filter first (stage 1: it matches), then the finally, then the handler.
        Assert.Equal(
            ["1ms: filter stage 1: True", "1ms: inner finally sees stage 1", "3ms: caught with stage 2", "returned: stage 2", "final clock: 3ms"],
            original.Lines);
        // The state machine: the finally first, then the filter, which now sees stage 2 and does not match.
        Assert.Equal(
            ["1ms: inner finally sees stage 1", "3ms: filter stage 2: False", "threw: Demo.Program+AppException: inner", "final clock: 3ms"],
            stateMachine.Lines);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_filter_that_reads_only_the_exception_chooses_the_same_handler(int code)
    {
        var result = Program.Compare(Programs.StaticType, "FilterReadsOnlyTheException", code);

        Assert.Contains(result.Original.Lines, l => l.EndsWith("inner finally done", System.StringComparison.Ordinal));
        Assert.Equal(code > 1, result.Original.Lines.Any(l => l.StartsWith("returned:", System.StringComparison.Ordinal)));
    }
}
