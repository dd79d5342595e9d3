using System;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Coroutines.Generator.Tests;

/// <summary>
/// Where a value of an anonymous type cannot live across a suspension, the refusal says why: the
/// state machine keeps such a value in an <c>object</c> field read back through a shape (see
/// Behaviour/AnonymousTypeTests), which needs an expression of its type (none where a part of its
/// type has no name: a delegate type the compiler made for a lambda whose signature holds an anonymous type; other such
/// delegate types, also inside another type, are declared by the state machine, see Behaviour/UnnamedDelegateFlowTests). Locals declared in a <c>for</c> or <c>using</c>
/// header are kept (Behaviour/AnonymousTypeHeaderVariableTests).
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

    [Theory]
    [InlineData("[|var map = new[] { new { A = 1 } }.ToDictionary(x => x, x => Tuple.Create((ref int y) => new { B = y + x.A }));|] Yield.Sleep(1); Trace.Log($\"{map.Count}\");",
                "Local 'map' cannot be kept in a field across a suspension: its type is anonymous and the delegate type '<anonymous delegate>' that the compiler made for a lambda has no name in C#, and no delegate type of the same signature can be declared: its part '<anonymous type: int B>' has no name in C# either. Declare it inside a block that contains no suspension")]
    [InlineData("[|var pair = (new { A = 1 }, Tuple.Create((ref int y) => new { B = y }));|] Yield.Sleep(1); Trace.Log($\"{pair.Item1}\");",
                "Local 'pair' cannot be kept in a field across a suspension: its type is anonymous and the delegate type '<anonymous delegate>' that the compiler made for a lambda has no name in C#, and no delegate type of the same signature can be declared: its part '<anonymous type: int B>' has no name in C# either. Declare it inside a block that contains no suspension")]
    public void COR0009_says_why_a_local_of_an_anonymous_type_cannot_be_kept(string body, string message)
    {
        var run = DiagnosticAssert.Fires("COR0009", DiagnosticSeverity.Error, Program(body));
        Assert.Equal(message, MessageOf(run, "COR0009"));
    }

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
