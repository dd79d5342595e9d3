using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Locals of anonymous types (and of types that hold them) that C# uses as variables across suspensions, against the
/// direct call and the C# <c>async</c> twin (<see cref="AsyncTwin"/>): passed by <c>ref</c> and <c>out</c>, assigned by
/// <c>??=</c> and by a deconstruction, declared by <c>out var</c>, a pattern or a deconstruction, captured per iteration;
/// <c>foreach</c> variables over arrays, lists, queries, dictionaries (deconstructed too) and groupings of them.
/// Their <c>object</c> field holds a box of the variable, reached as <c>AsAnonymousVariable(ref field, false ? shape : null!)</c>.
/// </summary>
public sealed class AnonymousTypeVariableTests
{
    private const string Body = """
            var item = new { A = start };
            var map = new[] { item }.ToDictionary(x => x.A);
            var pair = (Item: item, N: 1);
            SUSPEND;
            Touch(ref item);
            Replace(ref item, new { A = item.A + 1 });
            Replace(ref map, new[] { item, new { A = 40 } }.ToDictionary(x => x.A));
            Replace(ref pair.Item, item);
            SUSPEND;
            Trace.Log($"{item} {map.Count} {pair}");
            Make(new { A = 10 }, out item);
            var maybe = start > 1 ? null : new { A = 5 };
            SUSPEND;
            maybe ??= new { A = 6 };
            int n;
            (item, n) = (new { A = maybe.A + 1 }, 3);
            SUSPEND;
            Trace.Log($"{item} {n} {maybe}");
            Make(new { B = "b" }, out var made);
            var found = TryFirst(map.Values, out var first);
            var (left, right) = (new { L = start }, new { R = "r" });
            SUSPEND;
            Trace.Log($"{made} {found} {first} {left} {right}");
            if (map.Values.Last() is { A: > 0 } last)
            {
                SUSPEND;
                Trace.Log($"last {last}");
                last = new { A = -1 };
            }
            var readers = new List<Func<string>>();
            for (var i = 0; i < 2; i++)
            {
                var cell = new { A = i };
                readers.Add(() => $"{cell.A}");
                SUSPEND;
                Replace(ref cell, new { A = cell.A + 100 });
            }
            return $"{item} {string.Join(",", readers.Select(r => r()))}";
        """;

    private const string Loops = """
            var rows = new[] { new { K = start, Name = "a" }, new { K = start + 1, Name = "b" } };
            var readers = new List<Func<string>>();
            foreach (var row in rows)
            {
                readers.Add(() => row.Name);
                SUSPEND;
                Trace.Log($"array {row}");
            }
            foreach (var row in rows.ToList())
            {
                SUSPEND;
                Trace.Log($"list {row.K}");
            }
            foreach (var named in rows.Select(r => new { Upper = r.Name.ToUpperInvariant() }))
            {
                SUSPEND;
                Trace.Log($"select {named.Upper}");
            }
            var byKey = rows.ToDictionary(r => r.K);
            foreach (var entry in byKey)
            {
                SUSPEND;
                Trace.Log($"entry {entry.Key} {entry.Value.Name}");
            }
            foreach (var (key, value) in byKey)
            {
                SUSPEND;
                Trace.Log($"pair {key} {value}");
            }
            foreach (var group in rows.GroupBy(r => r.K % 2))
            {
                SUSPEND;
                Trace.Log($"group {group.Key} {group.Count()}");
            }
            return string.Join(",", readers.Select(r => r()));
        """;

    private static readonly SharedProgram Program = new("using System.Linq;\nusing System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + $$"""
        private static void Touch<T>(ref T value) => Trace.Log($"touch {value}");

        private static void Replace<T>(ref T value, T with) => value = with;

        private static void Make<T>(T shape, out T value) => value = shape;

        private static bool TryFirst<T>(IEnumerable<T> items, out T value)
        {
            value = items.First();
            return true;
        }

        [Coroutine]
        public static string Variables(int start)
        {
        {{Body.Replace("SUSPEND", "Yield.Sleep(1)")}}
        }

        public static async Task<string> VariablesAsync(int start)
        {
        {{Body.Replace("SUSPEND", "await Task.Yield()")}}
        }

        [Coroutine]
        public static string ForEachVariables(int start)
        {
        {{Loops.Replace("SUSPEND", "Yield.Sleep(1)")}}
        }

        public static async Task<string> ForEachVariablesAsync(int start)
        {
        {{Loops.Replace("SUSPEND", "await Task.Yield()")}}
        }
        """));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Locals_of_anonymous_types_used_as_variables_across_suspensions(int start) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Variables", start);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Foreach_variables_of_anonymous_types_across_suspensions(int start) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "ForEachVariables", start);
}
