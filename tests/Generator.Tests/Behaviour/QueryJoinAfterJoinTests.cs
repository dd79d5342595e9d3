using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Joins in a row right after the first <c>from</c>, against the direct call and the C# <c>async</c> twin:
/// C# evaluates the first collection and the first join's, calls <c>A.Join(B, ...)</c>, and only then evaluates
/// the second join's collection. On a query type whose <c>Join</c> traces, the first join's collection suspends;
/// the second's (traced) is made after the first <c>Join</c>. A second join that itself suspends:
/// QueryJoinAfterRangeVariablesTests.
/// </summary>
public sealed class QueryJoinAfterJoinTests
{
    private static readonly SharedProgram Program = new("using System.Linq;\nusing System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + """
        public sealed class Seq<T>
        {
            private readonly T[] _items;
            private readonly string _name;

            public Seq(string name, params T[] items)
            {
                _name = name;
                _items = items;
                Trace.Log($"make {name}");
            }

            public Seq<R> Join<U, K, R>(Seq<U> inner, Func<T, K> outerKey, Func<U, K> innerKey, Func<T, U, R> result)
            {
                Trace.Log($"{_name}.Join({inner.Name})");
                return new Seq<R>(_name + inner.Name, _items.Join(inner.Items, outerKey, innerKey, result).ToArray());
            }

            public string Name => _name;

            public T[] Items => _items;

            public override string ToString() => string.Join(",", _items);
        }

        private static Seq<int> Numbers(int count)
        {
            Trace.Log($"numbers {count}");
            return new Seq<int>("n" + count, Enumerable.Range(0, count).ToArray());
        }

        [Coroutine]
        private static int Fetch(int x)
        {
            Yield.Sleep(1);
            Trace.Log($"fetch {x}");
            return x;
        }

        private static async Task<int> FetchAsync(int x)
        {
            await Task.Yield();
            Trace.Log($"fetch {x}");
            return x;
        }

        [Coroutine]
        public static string Joins(int limit)
        {
            var joined = from a in new Seq<int>("a", 3, 1, 2)
                         join b in Numbers(Fetch(limit)) on a equals b
                         join c in Numbers(limit + 1) on a equals c
                         select a * 10 + c;
            return joined.ToString();
        }

        public static async Task<string> JoinsAsync(int limit)
        {
            var joined = from a in new Seq<int>("a", 3, 1, 2)
                         join b in Numbers(await FetchAsync(limit)) on a equals b
                         join c in Numbers(limit + 1) on a equals c
                         select a * 10 + c;
            return joined.ToString();
        }
        """));

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void The_second_join_collection_is_evaluated_after_the_first_Join_call(int limit) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Joins", limit);
}
