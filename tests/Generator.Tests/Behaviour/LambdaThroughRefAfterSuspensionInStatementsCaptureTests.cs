using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A lambda over an anonymous type that captures a per-iteration variable of a loop that suspends, assigned to an element of a span made after
/// the first suspension of a statement, evaluated after the resume in a block that keeps the environments: a <c>?.</c> statement anywhere in what
/// it evaluates after that suspension (an argument of a later call of the chain, an argument after the one that suspends, a call on a receiver that
/// suspends, also before a suspension of the call: its call under the null test), a declaration of ref struct locals (declared without its value, assigned in that block), of ref locals
/// (the index or argument that holds the suspension, evaluated first, stored in that block, the declaration reading it; of several, the lambda in a later one), a declaration
/// with an array initializer (assigned as <c>new int[] { ... }</c>), any <c>for</c> initializer or incrementor (a simple assignment, a call, one
/// after a suspension in another part of the header). Against the direct call and the C# <c>async</c> twin, each run required to return a value.
/// </summary>
public sealed class LambdaThroughRefAfterSuspensionInStatementsCaptureTests
{
    private const string Helpers = """
        public sealed class Holder(int id)
        {
            public Holder Inner(int value)
            {
                Trace.Log($"inner {id} {value}");
                return new Holder(id * 10 + value);
            }

            public Holder? Peek(int value)
            {
                Trace.Log($"peek {id} {value}");
                return value % 4 == 3 ? null : new Holder(id * 10 + value);
            }

            public void Take(int first, int value, int last) => Trace.Log($"takes {id}: {first} {value} {last}");
        }

        private static Holder? Maybe(int value)
        {
            Trace.Log($"maybe {value}");
            return value % 3 == 1 ? null : new Holder(value);
        }

        private static Func<T, int>[] Readers<T>(T sample) => new Func<T, int>[3];

        private static ref int Pick(ref int value, int tag)
        {
            Trace.Log($"pick {value} {tag}");
            return ref value;
        }

        private static void Step(int value, int other) => Trace.Log($"step {value} {other}");

        private static ReadOnlySpan<int> Made(int first, int second)
        {
            Trace.Log($"made {first} {second}");
            return new[] { first, second };
        }

        """;

    private const string ConditionalStatements = """
        [Coroutine]
        public static string ConditionalStatements(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var slots = Readers(rows[0]);
            var made = Readers(rows[0]).ToList();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                var holder = copy % 3 == 2 ? null : new Holder(copy);
                // An argument of a later call of the chain: made after the call that suspends returns.
                holder?.Inner(Next(copy)).Take(copy, (slots.AsSpan()[0] = x => x.A * 3 + copy) is null ? 0 : 1, Index("last", copy));
                made.Add(slots[0]!);
                // An argument after the one that suspends, after another one evaluated after the resume.
                holder?.Take(Next(copy), Index("between", copy), (slots.AsSpan()[1] = x => x.A * 5 + copy) is null ? 0 : 2);
                made.Add(slots[1]!);
                // A receiver that suspends, and a chain of two tests.
                Maybe(Next(copy))?.Take(Index("first", copy), (slots.AsSpan()[2] = x => x.A * 7 + copy) is null ? 0 : 3, copy);
                made.Add(slots[2]!);
                holder?.Peek(Next(copy + 1))?.Take(copy, Next(copy) + ((slots.AsSpan()[0] = x => x.A * 9 + copy) is null ? 0 : 4), Index("after", copy));
                made.Add(slots[0]!);
                // In the receiver after its suspension, with a suspension in the call too: the receiver kept before it.
                Maybe(Next(copy) + ((slots.AsSpan()[1] = x => x.A * 11 + copy) is null ? 0 : 1))?.Take(copy, Next(copy + 2), Index("last", copy));
                made.Add(slots[1]!);
                copy += 100;
            }
            return string.Join(",", made.Where(f => f is not null).Select(f => f!(rows[1])));
        }
        """;

    private const string RefStructDeclarations = """
        [Coroutine]
        public static string RefStructDeclarations(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var slots = Readers(rows[0]);
            var made = Readers(rows[0]).ToList();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                // A local of a ref struct type: declared without its value, assigned after the resume.
                ReadOnlySpan<int> values = Made(Index("first", copy), Next(copy) + ((slots.AsSpan()[0] = x => x.A * 3 + copy) is null ? 0 : 1));
                Trace.Log($"values {values.Length} {values[0]} {values[1]}");
                made.Add(slots[0]!);
                var others = Made(Next(copy), (slots.AsSpan()[1] = x => x.A * 5 + copy) is null ? 0 : Index("second", copy));
                Trace.Log($"others {others[0] + others[1]}");
                made.Add(slots[1]!);
                // Of several, the lambda in a later one, and a value of another type.
                ReadOnlySpan<int> first = Made(Next(copy), 1), second = Made(copy, (slots.AsSpan()[2] = x => x.A * 7 + copy) is null ? 0 : Index("second", 2));
                Trace.Log($"first {first[0]} second {second[1]}");
                made.Add(slots[2]!);
                ReadOnlySpan<int> converted = new[] { Next(copy), (slots.AsSpan()[0] = x => x.A * 9 + copy) is null ? 0 : 1 };
                Trace.Log($"converted {converted[0] + converted[1]}");
                made.Add(slots[0]!);
                copy += 100;
            }
            return string.Join(",", made.Where(f => f is not null).Select(f => f!(rows[1])));
        }
        """;

    private const string RefLocals = """
        [Coroutine]
        public static string RefLocals(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var slots = Readers(rows[0]);
            var made = Readers(rows[0]).ToList();
            var cells = new int[4];
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                // A ref local into an element whose index holds the lambda: the index stored after the resume.
                ref int cell = ref cells[Next(copy) % 2 + ((slots.AsSpan()[0] = x => x.A * 3 + copy) is null ? 0 : Index("cell", 1))];
                cell += copy + 1;
                made.Add(slots[0]!);
                // Through a call given the element by reference.
                ref int picked = ref Pick(ref cells[Next(copy) % 2 + ((slots.AsSpan()[1] = x => x.A * 5 + copy) is null ? 0 : 2)], copy);
                picked = picked * 2 + 1;
                made.Add(slots[1]!);
                // Of several, the lambda in a later one.
                ref int low = ref cells[Next(copy) % 2], high = ref cells[(slots.AsSpan()[2] = x => x.A * 7 + copy) is null ? 2 : Index("high", 3)];
                low += 1;
                high += 10;
                made.Add(slots[2]!);
                Trace.Log($"cells {string.Join(" ", cells)}");
                copy += 100;
            }
            return string.Join(",", made.Where(f => f is not null).Select(f => f!(rows[1]))) + ";" + string.Join(" ", cells);
        }
        """;

    private const string ArraysAndForHeaders = """
        [Coroutine]
        public static string ArraysAndForHeaders(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var slots = Readers(rows[0]);
            var made = Readers(rows[0]).ToList();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                // A declaration with an array initializer: made as `new int[] { ... }` after the resume.
                int[] values = { Index("first", copy), Next(copy), (slots.AsSpan()[0] = x => x.A * 3 + copy) is null ? 0 : Index("third", copy) };
                Trace.Log($"values {string.Join(" ", values)}");
                made.Add(slots[0]!);
                // A for initializer and incrementor that are simple assignments.
                int k;
                for (k = Next(copy) + ((slots.AsSpan()[1] = x => x.A * 5 + copy) is null ? 0 : 1); k < copy + 3; k = Next(k) + ((slots.AsSpan()[2] = x => x.A * 7 + copy + k) is null ? 1 : 2))
                {
                    made.Add(slots[1]!);
                    made.Add(slots[2]!);
                }
                // An initializer before the condition's suspension, an incrementor that suspends only in the condition, one whose lambda comes before its own suspension.
                var m = 0;
                for (m += (slots.AsSpan()[0] = x => x.A * 9 + copy) is null ? 0 : 1; m < Next(copy) + 3; m += (slots.AsSpan()[1] = x => x.A * 11 + copy + m) is null ? 1 : 2)
                {
                    made.Add(slots[0]!);
                    made.Add(slots[1]!);
                }
                for (var n = 0; n < Next(copy) + 2; n += ((slots.AsSpan()[2] = x => x.A * 13 + copy + n) is null ? 1 : 2) + Next(0))
                {
                    made.Add(slots[2]!);
                }
                // Calls as incrementors, and a declared array.
                for (int[] p = { Next(copy), (slots.AsSpan()[1] = x => x.A * 15 + copy) is null ? 0 : 1 }; p[0] < copy + 2; p[0]++, Step(Next(p[0]), (slots.AsSpan()[0] = x => x.A * 17 + copy) is null ? 0 : p[1]))
                {
                    made.Add(slots[0]!);
                    made.Add(slots[1]!);
                }
                copy += 100;
            }
            return string.Join(",", made.Where(f => f is not null).Select(f => f!(rows[1])));
        }
        """;

    private static readonly SharedProgram Program = LambdaCaptureHelpers.WithAsyncTwin(Helpers, ConditionalStatements, "ConditionalStatements");

    private static readonly SharedProgram Declarations = LambdaCaptureHelpers.WithAsyncTwin(Helpers, RefStructDeclarations, "RefStructDeclarations");

    private static readonly SharedProgram References = LambdaCaptureHelpers.WithAsyncTwin(Helpers, RefLocals, "RefLocals");

    private static readonly SharedProgram Headers = LambdaCaptureHelpers.WithAsyncTwin(Helpers, ArraysAndForHeaders, "ArraysAndForHeaders");

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void A_lambda_assigned_to_an_element_of_a_span_after_the_first_suspension_of_a_null_conditional_statement_keeps_each_iterations_variable(int count) =>
        Compared("ConditionalStatements", count);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void A_lambda_assigned_to_an_element_of_a_span_after_the_first_suspension_of_a_declaration_of_a_ref_struct_local_keeps_each_iterations_variable(int count) =>
        Compared(Declarations, "RefStructDeclarations", count);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void A_lambda_assigned_to_an_element_of_a_span_after_the_first_suspension_of_a_declaration_of_a_ref_local_keeps_each_iterations_variable(int count) =>
        Compared(References, "RefLocals", count);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void A_lambda_assigned_to_an_element_of_a_span_after_the_first_suspension_of_an_array_initializer_or_of_any_for_initializer_or_incrementor_keeps_each_iterations_variable(int count) =>
        Compared(Headers, "ArraysAndForHeaders", count);

    /// <summary>Compares with the C# async twin and requires a returned value (a throw in both would leave the rest of the run unchecked).</summary>
    private static void Compared(string method, params object?[] args) => Compared(Program, method, args);

    private static void Compared(SharedProgram program, string method, params object?[] args) =>
        Assert.Null(AsyncTwin.Compare(program, Programs.StaticType, method, args).Exception);
}
