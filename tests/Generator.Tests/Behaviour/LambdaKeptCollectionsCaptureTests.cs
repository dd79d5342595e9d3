using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A lambda over an anonymous type that captures a per-iteration variable of a loop that suspends, given to a call whose value
/// is a ref struct kept in a local whose value holds a collection expression of a span type (C# makes it for the block the local
/// is declared in: it is kept in a local of its own declared there, before the block that keeps the environment and assigns the
/// local): in a later declarator (<c>Span&lt;int&gt; a = Filled([1], ...), b = Filled([2], ...);</c>: the declaration is written
/// one declarator at a time, so each collection is made after the values before it), or chosen by a <c>?:</c>
/// (<c>Filled(c ? [1] : [2], ...)</c>: the whole <c>?:</c> kept in that local, so only the chosen one is made). Each lambda keeps
/// its iteration's variables, also when the loop runs several iterations before it suspends. Against the C# <c>async</c> twin.
/// </summary>
public sealed class LambdaKeptCollectionsCaptureTests
{
    private const string Helpers = """
        private static List<Func<T, int>> ListOf<T>(T sample) => new List<Func<T, int>>();

        private static ref int Pick(ref int value)
        {
            Trace.Log($"pick {value}");
            return ref value;
        }

        """;

    // The coroutine; its C# async twin is made from its text (a sleep becomes `await Task.Yield()`, a call of Next an await of
    // NextAsync): the same body, compiled by C# itself.
    private const string Declarators = """
        [Coroutine]
        public static string Declarators(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var made = ListOf(rows[0]);
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                // Both declarators' values hold a collection: the second is made after the first value.
                Span<int> first = Filled([1, Index("first", 2)], rows, x => x.A * 3 + copy, made), second = Filled([copy, Index("second", 4)], rows, x => x.A * 5 + copy, made);
                // Only the last one does, after values that read another span and the first local.
                Span<int> buffer = stackalloc int[2];
                Span<int> plain = Filled(buffer, rows, x => x.A * 7 + copy, made), other = Filled(plain, rows, x => x.A * 9 + copy, made),
                    last = Filled([.. plain, Index("last", copy)], rows, x => x.A * 11 + copy, made);
                Trace.Log($"declared {first[0]} {first[1]} {second[0]} {second[1]} {plain[0]} {other[1]} {last[1]} {last[2]}");
                var fetched = Next(copy);
                later.Add(() => fetched + copy);
                // Several iterations run before a suspension: each lambda keeps its own iteration's variables.
                if (i % 3 == 2)
                {
                    Yield.Sleep(1);
                }
                copy += 100;
            }
            return string.Join(",", later.Select(f => f()).Concat(made.Select(f => f(rows[1]))));
        }
        """;

    private const string Chosen = """
        [Coroutine]
        public static string Chosen(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var made = ListOf(rows[0]);
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                // A collection chosen by a `?:`: only the chosen one is made, after the condition.
                var span = Filled(Test("chosen", copy % 2 == 0) ? [1, Index("true", 2)] : [copy, Index("false", 3), 5], rows, x => x.A * 3 + copy, made);
                // Nested, or against a span local; in a later declarator.
                Span<int> nested = Filled(copy > 1 ? (Test("nested", copy > 2) ? [7] : [8, Index("eight", 9)]) : span, rows, x => x.A * 5 + copy, made),
                    after = Filled(Test("after", copy % 3 == 0) ? [Index("after", copy), 1] : [2, 3], rows, x => x.A * 7 + copy, made);
                // Given by reference to another call that a ref local refers into.
                ref var picked = ref Pick(ref Filled(Test("picked", copy < 2) ? [20, 30] : [40], rows, x => x.A * 11 + copy, made)[0]);
                picked += 1000;
                Trace.Log($"chosen {span[0]} {span.Length} {nested[0]} {nested.Length} {after[0]} {after[1]} {picked}");
                var fetched = Next(copy);
                later.Add(() => fetched + copy);
                if (i % 3 == 2)
                {
                    Yield.Sleep(1);
                }
                copy += 100;
            }
            return string.Join(",", later.Select(f => f()).Concat(made.Select(f => f(rows[1]))));
        }
        """;

    // One program for each coroutine and its twin.
    private static readonly SharedProgram DeclaratorsProgram = ProgramOf(Declarators, "Declarators");
    private static readonly SharedProgram ChosenProgram = ProgramOf(Chosen, "Chosen");

    private static SharedProgram ProgramOf(string coroutine, string name) => LambdaCaptureHelpers.WithAsyncTwin(LambdaCaptureHelpers.Filled + Helpers, coroutine, name);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void A_later_declarators_collection_expression_of_a_span_type_is_made_after_the_values_before_it(int count) =>
        AsyncTwin.Compare(DeclaratorsProgram, Programs.StaticType, "Declarators", count);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void A_collection_expression_of_a_span_type_chosen_by_a_conditional_is_made_only_when_chosen(int count) =>
        AsyncTwin.Compare(ChosenProgram, Programs.StaticType, "Chosen", count);
}
