using System;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Coroutines.Generator.Tests;

/// <summary>
/// Where a value of an anonymous type cannot live across a suspension, the refusal says why: the
/// state machine keeps such a value in an <c>object</c> field read back through a shape (see
/// Behaviour/AnonymousTypeTests), which needs an expression of its type (a delegate type the compiler made for a lambda in
/// it is declared by the state machine, see Behaviour/UnnamedDelegateFlowTests, or where its signature holds an anonymous type
/// shaped by a lambda of that signature, see Behaviour/UnnamedDelegateAnonymousSignatureTests). Locals declared in a <c>for</c>
/// or <c>using</c> header are kept (Behaviour/AnonymousTypeHeaderVariableTests).
/// </summary>
public sealed class AnonymousTypeRefusalTests
{
    private static string Program(string body) => $$"""
        {{Programs.Usings}}
        using System.Linq;

        namespace Demo;

        public static partial class Program
        {
            [Coroutine]
            public static int Next(int n)
            {
                Yield.Sleep(n);
                return n;
            }

            private static void Touch<T>(ref T value) => Trace.Log($"{value}");

            private static void Make<T>(T shape, out T value) => value = shape;

            [Coroutine]
            public static void Run()
            {
                {{body}}
            }
        }
        """;

    private static string MessageOf(GeneratorRun run, string id) =>
        run.AllDiagnosticsWithAnalyzers.First(d => d.Id == id).GetMessage(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void COR0030_a_saveable_coroutine_cannot_save_a_value_of_an_anonymous_type()
    {
        var run = DiagnosticAssert.Fires("COR0030", DiagnosticSeverity.Error, $$"""
            {{Programs.Usings}}

            namespace Demo;

            public static partial class Program
            {
                [Coroutine(Saveable = true)]
                public static int Run()
                {
                    [|var point = new { X = 1 };|]
                    Yield.Sleep(1);
                    return point.X;
                }
            }
            """);
        Assert.Equal(
            "'point' of saveable coroutine 'Run' lives across the suspension `Yield.Sleep(1)` (line 14), but a value of an anonymous type (kept in an 'object' field, and a snapshot reads values as their declared type) cannot be saved. " +
            "Hold it in a Rebuilt<T> (rebuilt by name on restore), register it as a permanent, or do not keep it across the suspension",
            MessageOf(run, "COR0030"));
    }
}
