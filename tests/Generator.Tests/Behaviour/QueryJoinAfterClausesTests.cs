using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A query whose <c>join</c> collection suspends after <c>where</c> and <c>orderby</c> clauses, against the
/// direct call and the C# <c>async</c> twin (C# allows an <c>await</c> there, CS1995): on a query type whose
/// methods trace, the first collection, then <c>Where</c> and <c>OrderBy</c>, then the join's collection
/// (and its suspension), then <c>Join</c>; on LINQ to objects, with a local read by a clause.
/// </summary>
public sealed class QueryJoinAfterClausesTests
{
    private static readonly SharedProgram Program = new("using System.Linq;\nusing System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + """
        public sealed class Seq
        {
            private readonly int[] _items;
            private readonly string _name;

            public Seq(string name, params int[] items)
            {
                _name = name;
                _items = items;
                Trace.Log($"make {name}");
            }

            public Seq Where(Func<int, bool> predicate)
            {
                Trace.Log($"{_name}.Where");
                return new Seq(_name + "w", _items.Where(predicate).ToArray());
            }

            public Seq OrderBy(Func<int, int> key)
            {
                Trace.Log($"{_name}.OrderBy");
                return new Seq(_name + "o", _items.OrderBy(key).ToArray());
            }

            public List<R> Join<R>(Seq inner, Func<int, int> outerKey, Func<int, int> innerKey, Func<int, int, R> result)
            {
                Trace.Log($"{_name}.Join({inner._name})");
                return _items.Join(inner._items, outerKey, innerKey, result).ToList();
            }
        }

        private static Seq Numbers(int count)
        {
            Trace.Log($"numbers {count}");
            return new Seq("n" + count, Enumerable.Range(0, count).ToArray());
        }

        private static string[] Words(int count)
        {
            Trace.Log($"words {count}");
            return new[] { "", "a", "bb", "ccc" }.Take(count).ToArray();
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
            var pairs = from a in new Seq("a", 3, 1, 2)
                        where a <= limit
                        orderby -a
                        join b in Numbers(Fetch(3)) on a equals b
                        select a * 10 + b;
            var local = limit;
            var texts = from n in Enumerable.Range(0, 4)
                        where n < local
                        join t in Words(Fetch(4)) on n equals t.Length
                        select $"{n}{t}";
            local = 1;
            var both = from a in Numbers(Fetch(2) + 2) where a > 0 join b in Numbers(Fetch(5)) on a equals b select a + b;
            return $"{string.Join(",", pairs)} {string.Join(",", texts)} {string.Join(",", both)}";
        }

        public static async Task<string> JoinsAsync(int limit)
        {
            var pairs = from a in new Seq("a", 3, 1, 2)
                        where a <= limit
                        orderby -a
                        join b in Numbers(await FetchAsync(3)) on a equals b
                        select a * 10 + b;
            var local = limit;
            var texts = from n in Enumerable.Range(0, 4)
                        where n < local
                        join t in Words(await FetchAsync(4)) on n equals t.Length
                        select $"{n}{t}";
            local = 1;
            var both = from a in Numbers(await FetchAsync(2) + 2) where a > 0 join b in Numbers(await FetchAsync(5)) on a equals b select a + b;
            return $"{string.Join(",", pairs)} {string.Join(",", texts)} {string.Join(",", both)}";
        }
        """));

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_join_collection_suspends_after_the_clauses_before_it_ran(int limit) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Joins", limit);
}
