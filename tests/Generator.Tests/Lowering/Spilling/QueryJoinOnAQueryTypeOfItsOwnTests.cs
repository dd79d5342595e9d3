using Coroutines.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Coroutines.Generator.Tests.Lowering.Spilling;

/// <summary>
/// A suspending <c>join</c> collection after a <c>let</c> on a query type of its own (<c>Seq&lt;T&gt;</c>, whose
/// <c>Select</c> returns <c>Seq&lt;R&gt;</c>): the query so far is kept as a <c>Seq</c> of a flat anonymous type, read
/// back through a shape method generic in that type, <c>Shape_Seq(new { ... })</c> (snapshot
/// Snapshots/QueryJoin.QueryTypeOfItsOwn.verified.cs). One whose type parameter has a constraint that such a
/// method cannot repeat is refused, COR0007.
/// </summary>
public sealed class QueryJoinOnAQueryTypeOfItsOwnTests
{
    private const string Source = """
        using System;
        using System.Linq;
        using Coroutines;
        using Coroutines.Testing;

        namespace Demo;

        public sealed class Seq<T>
        {
            public Seq<R> Select<R>(Func<T, R> selector) => new();

            public Seq<R> Join<U, K, R>(U[] inner, Func<T, K> outerKey, Func<U, K> innerKey, Func<T, U, R> result) => new();
        }

        public static partial class QueryJoin
        {
            [Coroutine]
            public static int[] Fetch(int count)
            {
                Yield.Sleep(1);
                return Enumerable.Range(0, count).ToArray();
            }

            [Coroutine]
            public static int QueryTypeOfItsOwn(Seq<int> numbers, int limit)
            {
                var pairs = from a in numbers
                            let twice = a * 2
                            join b in Fetch(limit) on twice equals b
                            select twice + b;
                return pairs is null ? 0 : 1;
            }
        }
        """;

    [Fact]
    public void The_query_before_the_join_is_kept_as_its_own_query_type_of_a_flat_anonymous_type()
    {
        var run = GeneratorHarness.Run(("QueryJoin.cs", Source));

        run.AssertNoErrorsOrWarnings();
        Snapshot.Verify(run.GeneratedSource(".QueryTypeOfItsOwnStateMachine.g.cs"), "QueryJoin.QueryTypeOfItsOwn");
    }

    [Fact]
    public void COR0007_a_query_type_whose_constraint_a_shape_method_cannot_repeat()
    {
        var run = DiagnosticAssert.Fires("COR0007", DiagnosticSeverity.Error, $$"""
            {{Programs.Usings}}
            using System.Linq;

            namespace Demo;

            public sealed class Pairs<T, U> where T : U
            {
                public Pairs<R, object> Select<R>(Func<T, R> selector) where R : class => new();

                public Pairs<R, object> Join<V, K, R>(V[] inner, Func<T, K> outerKey, Func<V, K> innerKey, Func<T, V, R> result) where R : class => new();
            }

            public static partial class Program
            {
                [Coroutine]
                public static int Next(int x)
                {
                    Yield.Sleep(1);
                    return x;
                }

                [Coroutine]
                public static void Run(Pairs<string, object> pairs)
                {
                    var q = from x in pairs let z = x + "!" join y in new[] { [|Next(1)|] } on z.Length equals y select x;
                }
            }
            """);
        Assert.Contains(
            "whose range variables cannot be kept because the anonymous type stands for 'T' of 'Demo.Pairs<T, U>', whose constraints generated code cannot repeat",
            run.GeneratorDiagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
