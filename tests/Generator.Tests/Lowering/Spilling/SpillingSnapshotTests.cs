using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Lowering.Spilling;

/// <summary>
/// Snapshots of spilled code (Snapshots/*.verified.cs next to this file), one program per kind of
/// position, for a reader learning how a suspension inside an expression is split out of it: each
/// suspension becomes a statement of its own storing its value in a temporary named after the
/// called method (<c>fetch1</c>), and what C# evaluates before it is kept in a temporary named after
/// what it holds (<c>total_before2</c>), each field commented with the expression and line it holds.
/// Each program also runs against the original (C#'s own evaluation order).
/// </summary>
public sealed class SpillingSnapshotTests
{
    /// <summary>The programs of the snapshots, in one file.</summary>
    public const string Source = """
        using System;
        using System.Collections.Generic;
        using Coroutines;
        using Coroutines.Testing;

        namespace Demo;

        public static partial class Spilled
        {
            private static int s_total = 1;
            private static int[] s_scores = { 10, 20, 30 };

            [Coroutine]
            public static void Arguments(int id)
            {
                Trace.Log($"{id}: {Fetch(id)} then {Fetch(id + 1)}");
                Console.WriteLine(s_total + Fetch(Fetch(id)));
            }

            [Coroutine]
            public static int CompoundAssignment(int i)
            {
                s_scores[i] += Fetch(i);
                s_total *= Fetch(2);
                return s_scores[i] + s_total;
            }

            [Coroutine]
            public static string ShortCircuit(string? name, bool ready)
            {
                var known = ready && Check(name);
                var shown = name ?? Lookup();
                return known ? shown : Lookup() + "?";
            }

            [Coroutine]
            public static int Loop(int limit)
            {
                int tries = 0;
                while (Fetch(tries) < limit)
                {
                    tries++;
                }
                return tries;
            }

            [Coroutine]
            public static string Positions(int kind)
            {
                var label = kind switch
                {
                    0 => "none",
                    int n when n > 5 => "many " + Fetch(n),
                    _ => Lookup(),
                };
                Console.WriteLine(s_total += Fetch(kind));
                return label;
            }

            [Coroutine]
            private static int Fetch(int id)
            {
                Yield.Sleep(10);
                s_total += 100; // changes what the caller read before the call
                return id * 2;
            }

            [Coroutine]
            private static bool Check(string? name)
            {
                Yield.Sleep(1);
                return name is not null;
            }

            [Coroutine]
            private static string Lookup()
            {
                Yield.Sleep(5);
                return "anonymous";
            }
        }
        """;

    [Theory]
    [InlineData("Arguments")]
    [InlineData("CompoundAssignment")]
    [InlineData("ShortCircuit")]
    [InlineData("Loop")]
    [InlineData("Positions")]
    public void Spilled_form(string method)
    {
        var run = GeneratorHarness.Run(("Spilled.cs", Source));

        run.AssertNoErrorsOrWarnings();
        Snapshot.Verify(run.GeneratedSource($".{method}StateMachine.g.cs"), $"Spilled.{method}");
    }

    [Theory]
    [InlineData("Arguments", 3)]
    [InlineData("CompoundAssignment", 1)]
    [InlineData("ShortCircuit", null, false)]
    [InlineData("ShortCircuit", "ada", true)]
    [InlineData("Loop", 5)]
    [InlineData("Positions", 0)]
    [InlineData("Positions", 7)]
    [InlineData("Positions", 3)]
    public void Spilled_forms_run_like_the_original(string method, params object?[] args)
    {
        Oracle.Compare(new OracleCase { Sources = [("Spilled.cs", Source)], TypeName = "Demo.Spilled", MethodName = method, Args = args });
    }
}
