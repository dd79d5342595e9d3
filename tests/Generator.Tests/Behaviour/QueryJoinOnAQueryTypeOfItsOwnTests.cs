using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A suspending <c>join</c> collection after a clause that adds a range variable, on a query type of its own
/// (<c>Seq&lt;T&gt;</c>, whose instance methods <c>Select</c>, <c>SelectMany</c>, <c>Join</c>, <c>GroupJoin</c> and
/// <c>Where</c> return <c>Seq&lt;R&gt;</c> and trace their calls), against the direct call and the C# <c>async</c> twin:
/// the query so far is called first and kept as a <c>Seq</c> of a flat anonymous type, read back through a generic
/// shape method (<c>Shape_Seq(new { ... })</c>), also where C# nests transparent identifiers (two clauses that add
/// range variables), after an <c>into</c>, and with several suspending joins.
/// </summary>
public sealed class QueryJoinOnAQueryTypeOfItsOwnTests
{
    private static readonly SharedProgram Program = new("using System.Threading.Tasks;\n" + Programs.Static(
        Programs.TestTypes + QueryJoinAfterRangeVariablesTests.TracedQueries + "\n\n" + """
        public sealed class Seq<T>
        {
            private readonly IEnumerable<T> _items;

            public Seq(IEnumerable<T> items) => _items = items;

            public IEnumerable<T> Items => _items;

            public Seq<R> Select<R>(Func<T, R> selector)
            {
                Trace.Log("Seq.Select");
                return new(System.Linq.Enumerable.Select(_items, selector));
            }

            public Seq<R> SelectMany<C, R>(Func<T, Seq<C>> collection, Func<T, C, R> result)
            {
                Trace.Log("Seq.SelectMany");
                return new(System.Linq.Enumerable.SelectMany(_items, x => collection(x)._items, result));
            }

            public Seq<R> Join<U, K, R>(Seq<U> inner, Func<T, K> outerKey, Func<U, K> innerKey, Func<T, U, R> result)
            {
                Trace.Log("Seq.Join");
                return new(System.Linq.Enumerable.Join(_items, inner._items, outerKey, innerKey, result));
            }

            public Seq<R> GroupJoin<U, K, R>(Seq<U> inner, Func<T, K> outerKey, Func<U, K> innerKey, Func<T, IEnumerable<U>, R> result)
            {
                Trace.Log("Seq.GroupJoin");
                return new(System.Linq.Enumerable.GroupJoin(_items, inner._items, outerKey, innerKey, result));
            }

            public Seq<T> Where(Func<T, bool> predicate)
            {
                Trace.Log("Seq.Where");
                return new(System.Linq.Enumerable.Where(_items, predicate));
            }
        }

        private static Seq<int> Items(string name, int count) => new(Numbers(name, count));

        [Coroutine]
        public static string AfterLet(int limit)
        {
            var query = from a in Items("a", limit)
                        let x = Key("x", a * 2)
                        where x > 0
                        join c in Items("c", Fetch(limit + 2)) on x equals Key("c", c)
                        select $"{a}{x}{c}";
            return Text(query.Items);
        }

        public static async Task<string> AfterLetAsync(int limit)
        {
            var query = from a in Items("a", limit)
                        let x = Key("x", a * 2)
                        where x > 0
                        join c in Items("c", await FetchAsync(limit + 2)) on x equals Key("c", c)
                        select $"{a}{x}{c}";
            return Text(query.Items);
        }

        [Coroutine]
        public static string NestedRangeVariables(int limit)
        {
            var query = from a in Items("a", limit)
                        from b in Items("b", a)
                        join g in Items("g", limit) on b equals g into gs
                        let y = Key("y", a + b)
                        join c in Items("c", Fetch(limit * 2)) on y equals c
                        select $"{a}{b}[{Text(gs)}]{y}{c}";
            return Text(query.Items);
        }

        public static async Task<string> NestedRangeVariablesAsync(int limit)
        {
            var query = from a in Items("a", limit)
                        from b in Items("b", a)
                        join g in Items("g", limit) on b equals g into gs
                        let y = Key("y", a + b)
                        join c in Items("c", await FetchAsync(limit * 2)) on y equals c
                        select $"{a}{b}[{Text(gs)}]{y}{c}";
            return Text(query.Items);
        }

        [Coroutine]
        public static string TwoJoinsAndInto(int limit)
        {
            var query = from a in Items("a", limit)
                        join b in Items("b", Fetch(limit)) on a equals b
                        let x = a + b
                        join c in Items("c", Fetch(limit * 2)) on x equals c
                        select new { a, c } into p
                        let z = p.c + 1
                        join d in Items("d", Fetch(limit * 3)) on z equals d
                        select $"{p.a}{p.c}{z}{d}";
            return Text(query.Items);
        }

        public static async Task<string> TwoJoinsAndIntoAsync(int limit)
        {
            var query = from a in Items("a", limit)
                        join b in Items("b", await FetchAsync(limit)) on a equals b
                        let x = a + b
                        join c in Items("c", await FetchAsync(limit * 2)) on x equals c
                        select new { a, c } into p
                        let z = p.c + 1
                        join d in Items("d", await FetchAsync(limit * 3)) on z equals d
                        select $"{p.a}{p.c}{z}{d}";
            return Text(query.Items);
        }
        """));

    /// <summary>The standard query type other than <c>IEnumerable&lt;T&gt;</c>: <c>IQueryable&lt;T&gt;</c> (LINQ to objects' <c>EnumerableQuery</c>), whose clauses are expression trees.</summary>
    private static readonly SharedProgram Queryable = new("using System.Linq;\nusing System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + """
        private static IQueryable<int> Source(string name, int count)
        {
            Trace.Log($"source {name} {count}");
            return Enumerable.Range(0, count).ToArray().AsQueryable();
        }

        private static int Key(string what, int value)
        {
            Trace.Log($"key {what} {value}");
            return value;
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
        public static string AfterLet(int limit)
        {
            var query = from a in Source("a", limit)
                        let x = Key("x", a * 2)
                        where x > 0
                        join c in Source("c", Fetch(limit + 2)) on x equals Key("c", c)
                        select a * 100 + x * 10 + c;
            var nested = from a in Source("a", limit)
                         from b in Source("b", 2)
                         let y = Key("y", a + b)
                         join c in Source("c", Fetch(limit * 2)) on y equals c
                         select a * 100 + b * 10 + c;
            return string.Join(",", query) + " " + string.Join(",", nested);
        }

        public static async Task<string> AfterLetAsync(int limit)
        {
            var query = from a in Source("a", limit)
                        let x = Key("x", a * 2)
                        where x > 0
                        join c in Source("c", await FetchAsync(limit + 2)) on x equals Key("c", c)
                        select a * 100 + x * 10 + c;
            var nested = from a in Source("a", limit)
                         from b in Source("b", 2)
                         let y = Key("y", a + b)
                         join c in Source("c", await FetchAsync(limit * 2)) on y equals c
                         select a * 100 + b * 10 + c;
            return string.Join(",", query) + " " + string.Join(",", nested);
        }
        """));

    [Fact]
    public void An_IQueryable_before_the_join_is_called_before_its_collection_suspends() =>
        AsyncTwin.Compare(Queryable, Programs.StaticType, "AfterLet", 3);

    [Theory]
    [InlineData("AfterLet", 3)]
    [InlineData("NestedRangeVariables", 3)]
    [InlineData("TwoJoinsAndInto", 3)]
    public void The_query_of_its_own_type_before_the_join_is_called_before_its_collection_suspends(string method, int limit) =>
        AsyncTwin.Compare(Program, Programs.StaticType, method, limit);
}
