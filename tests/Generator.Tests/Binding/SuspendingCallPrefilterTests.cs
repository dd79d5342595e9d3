using System.Linq;
using Coroutines.Generator.Binding;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Binding;

/// <summary>
/// The syntactic pre-filter before binding a call (issue 16): a call is bound only when a method of its
/// name may be marked <c>[SuspensionPoint]</c> or <c>[Coroutine]</c>; every suspending call must still be found.
/// </summary>
public sealed class SuspendingCallPrefilterTests
{
    [Fact]
    public void Names_of_the_runtime_and_of_attributed_source_methods_may_suspend_others_do_not()
    {
        var source = """
            using System;
            using Coroutines;

            public static partial class Workers
            {
                [Coroutine]
                public static void Run()
                {
                    Console.WriteLine(Helper());
                    Yield.Sleep(1);
                }

                [Obsolete]
                public static int Marked() => 1;

                public static int Helper() => 2;
            }
            """;
        var compilation = GeneratorHarness.CreateCompilation(new[] { new SourceFile(GeneratorHarness.DefaultPath, source) });
        var facts = CompilationFacts.Of(compilation);

        Assert.True(facts.MayBeSuspending("Sleep")); // the runtime's suspension point
        Assert.True(facts.MayBeSuspending("Run")); // a [Coroutine] of this compilation
        Assert.True(facts.MayBeSuspending("Marked")); // any attribute: an alias may spell the marker
        Assert.False(facts.MayBeSuspending("Helper"));
        Assert.False(facts.MayBeSuspending("WriteLine")); // System.Console's assembly cannot apply the markers
    }

    [Fact]
    public void A_coroutine_marked_through_an_alias_is_still_found()
    {
        var bound = Passes.Bind("""
            using System;
            using Coroutines;
            using Marked = Coroutines.CoroutineAttribute;

            public static partial class Workers
            {
                [Marked]
                public static void Inner()
                {
                    Yield.Sleep(1);
                }

                [Coroutine]
                public static void Run()
                {
                    Console.WriteLine(1);
                    Inner();
                }
            }
            """, "Run");

        Assert.True(bound.Succeeded, string.Join("; ", bound.Diagnostics));
        var site = Assert.Single(bound.Suspensions!.Statements.Values);
        Assert.Equal(SuspendingCallKind.CoroutineCall, site.Binding.Kind);
        Assert.Equal("Inner", site.Binding.Method.Name);
    }

    [Fact]
    public void A_call_of_a_coroutine_local_function_is_still_found()
    {
        var bound = Passes.Bind(Passes.Program("""
                    Console.WriteLine(1);
                    Wait();
                    Yield.Sleep(2);

                    [Coroutine]
                    static void Wait()
                    {
                        Yield.Sleep(1);
                    }
            """), "Run");

        Assert.True(bound.Succeeded, string.Join("; ", bound.Diagnostics));
        Assert.Equal(
            new[] { SuspendingCallKind.CoroutineCall, SuspendingCallKind.StaticPoint },
            bound.Suspensions!.Statements.Values.OrderBy(static s => s.Call.SpanStart).Select(static s => s.Binding.Kind).ToArray());
    }
}
