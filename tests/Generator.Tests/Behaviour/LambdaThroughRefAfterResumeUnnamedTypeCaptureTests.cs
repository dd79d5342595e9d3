using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A lambda over an anonymous type that captures a per-iteration variable of a loop that suspends, assigned to an element of a span made after
/// the first suspension of a part of its statement whose value has a type a field cannot name: an anonymous type (a <c>switch</c> or <c>lock</c>
/// value, a <c>foreach</c> collection, a thrown value, the value of a compound assignment, also a <c>for</c> incrementor, an argument of the call
/// a <c>?.</c> statement makes: kept in an <c>object</c> field read back through its
/// shape), or a ref struct C# converts where the statement reads it (a condition, a returned value, the value of a compound assignment: the
/// converted value kept, as C# converts it right away; a condition C# tests by the ref struct's own <c>operator true</c>: the test's result kept).
/// Against the direct call and the C# <c>async</c> twin.
/// </summary>
public sealed class LambdaThroughRefAfterResumeUnnamedTypeCaptureTests
{
    private const string Helpers = """
        private static Func<T, int>[] Readers<T>(T sample) => new Func<T, int>[3];

        public sealed class Failed<T> : Exception
        {
            public Failed(T value)
                : base($"failed {value}")
            {
                Value = value;
            }

            public T Value { get; }
        }

        private static Failed<T> Failure<T>(T value) => new Failed<T>(value);

        // Ref structs C# converts implicitly where a statement reads them: each conversion logs, so a test sees when it runs.
        public readonly ref struct Flag
        {
            private readonly ReadOnlySpan<int> _values;

            private Flag(ReadOnlySpan<int> values) => _values = values;

            public static Flag Of(int value, int made) => new Flag(new[] { value, made });

            public static implicit operator bool(Flag flag)
            {
                Trace.Log($"flag {flag._values[0]} {flag._values[1]}");
                return (flag._values[0] + flag._values[1]) % 2 == 0;
            }
        }

        // One C# tests by its own operator true, not converted.
        public readonly ref struct Truth
        {
            private readonly ReadOnlySpan<int> _values;

            private Truth(ReadOnlySpan<int> values) => _values = values;

            public static Truth Of(int value, int made) => new Truth(new[] { value, made });

            public static bool operator true(Truth truth)
            {
                Trace.Log($"truth {truth._values[0]} {truth._values[1]}");
                return truth._values[0] % 3 != 1;
            }

            public static bool operator false(Truth truth) => truth._values[0] % 3 == 1;
        }

        public readonly ref struct Counted
        {
            private readonly ReadOnlySpan<int> _values;

            private Counted(ReadOnlySpan<int> values) => _values = values;

            public static Counted Of(int value, int made) => new Counted(new[] { value, made });

            public static implicit operator int(Counted counted)
            {
                Trace.Log($"counted {counted._values[0]} {counted._values[1]}");
                return counted._values[0] * 10 + counted._values[1];
            }
        }

        public readonly ref struct Note
        {
            private readonly ReadOnlySpan<char> _text;

            private Note(ReadOnlySpan<char> text) => _text = text;

            public static Note Of(string text) => new Note(text.AsSpan());

            public static implicit operator string(Note note)
            {
                Trace.Log("note");
                return "note " + note._text.ToString();
            }
        }

        """;

    // Each one's C# async twin is made from its text (LambdaCaptureHelpers.WithAsyncTwin): the same body, compiled by C# itself.
    private const string Anonymous = """
        [Coroutine]
        public static string Anonymous(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var slots = Readers(rows[0]);
            var made = Readers(rows[0]).ToList();
            var text = "";
            var picked = count > 3 ? rows[0] : null;
            var sink = count > 2 ? new[] { new { A = 0, B = 0 } }.ToList() : null;
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                // The value of a switch, of an anonymous type, tested by its labels.
                switch (new { A = Next(copy) % 3, B = (slots.AsSpan()[0] = x => x.A * 5 + copy) is null })
                {
                    case { A: 0, B: false }:
                        made.Add(slots[0]!);
                        break;
                    case { A: 1 }:
                        Trace.Log("switch one");
                        break;
                    default:
                        Trace.Log($"switch {slots[0]!(rows[0])}");
                        made.Add(slots[0]!);
                        break;
                }
                // The collection of a foreach that suspends, an array of an anonymous type.
                foreach (var row in Next(copy) % 2 == 1 && (slots.AsSpan()[1] = x => x.A * 7 + copy) is not null ? rows : rows.Reverse().ToArray())
                {
                    Trace.Log($"foreach {row.A}");
                    Yield.Sleep(1);
                    made.Add(slots[1]!);
                }
                // The value of a lock, of an anonymous type.
                lock (Next(copy) > 2 || (slots.AsSpan()[2] = x => x.A * 9 + copy) is null ? rows[0] : rows[1])
                {
                    made.Add(slots[2]!);
                }
                // The value of a compound assignment, of an anonymous type, and of a ??= whose target is of one.
                text += new { A = Next(copy), B = (slots.AsSpan()[0] = x => x.A * 11 + copy)(rows[1]) };
                made.Add(slots[0]!);
                picked ??= Next(copy) > 0 && (slots.AsSpan()[1] = x => x.A * 13 + copy) is not null ? rows[1] : rows[0];
                made.Add(slots[1]!);
                // A for incrementor that is such a compound assignment; an argument of the call a ?. statement makes.
                for (var k = 0; k < 2; k++, text += new { K = Next(k), B = (slots.AsSpan()[0] = x => x.A * 17 + copy)(rows[0]) })
                {
                    made.Add(slots[0]!);
                }
                sink?.Add(new { A = Next(copy), B = (slots.AsSpan()[1] = x => x.A * 19 + copy)(rows[0]) });
                made.Add(slots[1]!);
                // A thrown value whose type holds an anonymous type.
                try
                {
                    if (copy % 2 == 1)
                    {
                        throw Failure(new { A = Next(copy), B = (slots.AsSpan()[2] = x => x.A * 15 + copy) is null });
                    }
                }
                catch (Exception e)
                {
                    Trace.Log($"caught {e.Message} {slots[2]!(rows[0])}");
                    made.Add(slots[2]!);
                }
                copy += 100;
            }
            // Called after later iterations: each lambda reads its own iteration's variables.
            return text + ":" + picked + ":" + (sink is null ? "none" : string.Join(";", sink)) + ":" + string.Join(",", made.Where(f => f is not null).Select(f => f(rows[1])));
        }
        """;

    private const string Converted = """
        [Coroutine]
        public static string Converted(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var slots = Readers(rows[0]);
            var made = Readers(rows[0]).ToList();
            var total = 0;
            for (int i = 0; ; i++)
            {
                int copy = i;
                // The condition of an if, a while, a do or a for, a ref struct converted to bool.
                if (Flag.Of(Next(copy), (slots.AsSpan()[0] = x => x.A * 5 + copy) is null ? 0 : 1))
                {
                    made.Add(slots[0]!);
                }
                var tries = 0;
                while (Flag.Of(Next(tries) % 2, (slots.AsSpan()[1] = x => x.A * 7 + copy + tries) is null ? 1 : 0))
                {
                    made.Add(slots[1]!);
                    tries++;
                }
                do
                {
                    tries++;
                }
                while (Flag.Of(Next(tries) % 3 == 0 ? 0 : 1, (slots.AsSpan()[2] = x => x.A * 9 + copy) is null ? 1 : 0));
                made.Add(slots[2]!);
                for (var k = 0; Flag.Of(Next(k) / 2, (slots.AsSpan()[0] = x => x.A * 19 + copy + k) is null ? 1 : 0); k++)
                {
                    made.Add(slots[0]!);
                }
                // Tested by its own operator true.
                if (Truth.Of(Next(copy), (slots.AsSpan()[1] = x => x.A * 21 + copy) is null ? 0 : 1))
                {
                    made.Add(slots[1]!);
                }
                for (var k = 0; Truth.Of(Next(k), (slots.AsSpan()[2] = x => x.A * 23 + copy + k) is null ? 0 : 1); k++)
                {
                    made.Add(slots[2]!);
                }
                // The value of a compound assignment, a ref struct converted to int.
                total += Counted.Of(Next(copy), (slots.AsSpan()[1] = x => x.A * 11 + copy) is null ? 0 : 1);
                made.Add(slots[1]!);
                // A returned value, a ref struct converted to string.
                if (i == count)
                {
                    return Note.Of(Next(copy) + ":" + total + ":" + ((slots.AsSpan()[2] = x => x.A * 13 + copy) is null ? "" : string.Join(",", made.Append(slots[2]).Where(f => f is not null).Select(f => f!(rows[1])))));
                }
                copy += 100;
            }
        }
        """;

    private static readonly SharedProgram AnonymousProgram = LambdaCaptureHelpers.WithAsyncTwin(Helpers, Anonymous, "Anonymous");

    private static readonly SharedProgram ConvertedProgram = LambdaCaptureHelpers.WithAsyncTwin(Helpers, Converted, "Converted");

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void A_lambda_assigned_to_an_element_of_a_span_after_the_first_suspension_of_a_value_of_an_anonymous_type_keeps_each_iterations_variable(int count) =>
        AsyncTwin.Compare(AnonymousProgram, Programs.StaticType, "Anonymous", count);

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void A_lambda_assigned_to_an_element_of_a_span_after_the_first_suspension_of_a_ref_struct_converted_where_it_is_read_keeps_each_iterations_variable(int count) =>
        AsyncTwin.Compare(ConvertedProgram, Programs.StaticType, "Converted", count);
}
