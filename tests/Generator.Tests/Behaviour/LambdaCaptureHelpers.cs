using System.Collections.Generic;
using System;
using System.Linq;
using Coroutines.Generator.Tests.Infrastructure;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Members of the programs of the tests of lambdas that capture a per-iteration variable: calls that log what they are
/// evaluated for (a receiver, an index, a condition), so that a test sees C#'s order, a class whose members are assigned lambdas, and a call whose value is a ref struct made from a lambda.
/// </summary>
internal static class LambdaCaptureHelpers
{
    public const string Logged = """
        private static T Receiver<T>(string what, T value)
        {
            Trace.Log($"receiver {what}");
            return value;
        }

        private static int Index(string what, int i)
        {
            Trace.Log($"index {what} {i}");
            return i;
        }

        private static bool Test(string what, bool value)
        {
            Trace.Log($"test {what} {value}");
            return value;
        }

        public sealed class Box<T>
        {
            private Func<T, int>? _slot;

            public Func<T, int>? Slot
            {
                get => _slot;
                set
                {
                    Trace.Log("set slot");
                    _slot = value;
                }
            }

            public Box<T>? Inner { get; set; }

            public Func<T, int>? Plain;

            public event Action<T>? Changed;

            public void Raise(T value) => Changed?.Invoke(value);
        }

        private static Box<T> BoxOf<T>(T sample) => new Box<T>();

        // A ref struct made from the lambda: the lambda is kept in `later` too, and called after later iterations.
        private static ReadOnlySpan<int> Spanned<T>(T[] items, Func<T, int> value, List<Func<T, int>> later)
        {
            Trace.Log("spanned");
            later.Add(value);
            return Array.ConvertAll(items, x => value(x));
        }

        """;

    /// <summary>A span given in, filled from the lambda (kept in <c>later</c> too, and called after later iterations) and given back.</summary>
    public const string Filled = """
        private static Span<int> Filled<T>(Span<int> into, T[] items, Func<T, int> value, List<Func<T, int>> later)
        {
            Trace.Log("filled");
            later.Add(value);
            for (var k = 0; k < into.Length && k < items.Length; k++)
            {
                into[k] = value(items[k]);
            }
            return into;
        }

        """;

    /// <summary>Methods a ref local refers into through their last argument, given by reference after others: they log what they are given.</summary>
    public const string Referring = """
        private static ref int Second(int first, ref int value)
        {
            Trace.Log($"second {first} {value}");
            return ref value;
        }

        private static ref int Third(int first, string second, ref int value)
        {
            Trace.Log($"third {first} {second} {value}");
            return ref value;
        }

        """;

    /// <summary>
    /// A program of <paramref name="members"/> and <paramref name="coroutine"/> (a <c>[Coroutine]</c> method <paramref name="name"/> returning a string)
    /// with its C# async twin made from its text (a sleep becomes <c>await Task.Yield()</c>, a call of Next an await of NextAsync, and each of
    /// <paramref name="twin"/>'s texts its async twin's): the same body, compiled by C# itself.
    /// </summary>
    public static SharedProgram WithAsyncTwin(string members, string coroutine, string name, params (string Text, string Async)[] twin) => new("using System.Linq;\nusing System.Threading.Tasks;\n" + Programs.Static(
        Programs.TestTypes + Programs.NextAndItsAsyncTwin + Logged + members + coroutine + "\n" + AsyncTwinOf(coroutine, new[] { name }, twin)));

    /// <summary>
    /// The C# async twin of <paramref name="coroutines"/>' text: each of <paramref name="twin"/>'s texts its async twin's first (<c>Yield.Sleep(</c> as
    /// <c>await Slept(</c>, a suspension point's call as its async method's), then each <c>[Coroutine]</c> method of <paramref name="names"/> (returning a
    /// string) an <c>async Task&lt;string&gt;</c> one named with <c>Async</c>, a sleep of 1 <c>await Task.Yield()</c>, a call of Next an await of NextAsync.
    /// </summary>
    public static string AsyncTwinOf(string coroutines, IEnumerable<string> names, params (string Text, string Async)[] twin) =>
        names.Aggregate(twin.Aggregate(coroutines, static (text, pair) => text.Replace(pair.Text, pair.Async, StringComparison.Ordinal)),
                static (text, name) => text.Replace($"[Coroutine]\npublic static string {name}(", $"public static async Task<string> {name}Async(", StringComparison.Ordinal))
            .Replace("Yield.Sleep(1)", "await Task.Yield()", StringComparison.Ordinal)
            .Replace("Next(", "await NextAsync(", StringComparison.Ordinal);
}
