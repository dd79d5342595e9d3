using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A query whose <c>join</c> collection suspends after a clause that adds a range variable (<c>let</c>, a second
/// <c>from</c>, a <c>join</c>, a <c>join ... into</c>) or after a <c>from</c> with a type, against the direct call and
/// the C# <c>async</c> twin. C# (spec 12.20.3) calls the query so far (<c>A.Select(a =&gt; new { a, x })</c>,
/// <c>A.Join(B, ...)</c>, <c>A.Cast&lt;int&gt;()</c>) before it evaluates the join's collection: the program's own
/// LINQ to objects (extension methods on <c>IEnumerable&lt;T&gt;</c> that trace each call and forward to
/// <c>System.Linq.Enumerable</c>) shows that order, and the key and result functions trace their range variables.
/// Several joins of one query may suspend: the query up to each is called before its collection is evaluated; after an
/// <c>into</c>, the query before it is called first (C# reads it as <c>from v in (from a in A ... select S) ...</c>).
/// Elements of an anonymous type of the user's own (<c>from p in pairs where ...</c>, <c>select new { ... } into v</c>) are kept too.
/// </summary>
public sealed class QueryJoinAfterRangeVariablesTests
{
    /// <summary>
    /// Members for <see cref="Programs.Static"/>: LINQ to objects whose calls trace (extension methods on
    /// <c>IEnumerable&lt;T&gt;</c> that forward to <c>System.Linq.Enumerable</c>), collections that trace their
    /// evaluation (<c>Numbers</c>, <c>Boxed</c>), a key function that traces its value (<c>Key</c>), and
    /// <c>Fetch</c> with its async twin <c>FetchAsync</c>, which suspend once.
    /// </summary>
    internal const string TracedQueries = """
        public static IEnumerable<R> Select<T, R>(this IEnumerable<T> source, Func<T, R> selector)
        {
            Trace.Log("Select");
            return System.Linq.Enumerable.Select(source, selector);
        }

        public static IEnumerable<R> SelectMany<T, C, R>(this IEnumerable<T> source, Func<T, IEnumerable<C>> collection, Func<T, C, R> result)
        {
            Trace.Log("SelectMany");
            return System.Linq.Enumerable.SelectMany(source, collection, result);
        }

        public static IEnumerable<R> Join<T, U, K, R>(this IEnumerable<T> outer, IEnumerable<U> inner, Func<T, K> outerKey, Func<U, K> innerKey, Func<T, U, R> result)
        {
            Trace.Log("Join");
            return System.Linq.Enumerable.Join(outer, inner, outerKey, innerKey, result);
        }

        public static IEnumerable<R> GroupJoin<T, U, K, R>(this IEnumerable<T> outer, IEnumerable<U> inner, Func<T, K> outerKey, Func<U, K> innerKey, Func<T, IEnumerable<U>, R> result)
        {
            Trace.Log("GroupJoin");
            return System.Linq.Enumerable.GroupJoin(outer, inner, outerKey, innerKey, result);
        }

        public static IEnumerable<T> Where<T>(this IEnumerable<T> source, Func<T, bool> predicate)
        {
            Trace.Log("Where");
            return System.Linq.Enumerable.Where(source, predicate);
        }

        public static System.Linq.IOrderedEnumerable<T> OrderBy<T, K>(this IEnumerable<T> source, Func<T, K> key)
        {
            Trace.Log("OrderBy");
            return System.Linq.Enumerable.OrderBy(source, key);
        }

        public static System.Linq.IOrderedEnumerable<T> ThenBy<T, K>(this System.Linq.IOrderedEnumerable<T> source, Func<T, K> key)
        {
            Trace.Log("ThenBy");
            return System.Linq.Enumerable.ThenBy(source, key);
        }

        public static IEnumerable<System.Linq.IGrouping<K, T>> GroupBy<T, K>(this IEnumerable<T> source, Func<T, K> key)
        {
            Trace.Log("GroupBy");
            return System.Linq.Enumerable.GroupBy(source, key);
        }

        public static IEnumerable<System.Linq.IGrouping<K, E>> GroupBy<T, K, E>(this IEnumerable<T> source, Func<T, K> key, Func<T, E> element)
        {
            Trace.Log("GroupBy");
            return System.Linq.Enumerable.GroupBy(source, key, element);
        }

        public static System.Linq.IOrderedEnumerable<T> OrderByDescending<T, K>(this IEnumerable<T> source, Func<T, K> key)
        {
            Trace.Log("OrderByDescending");
            return System.Linq.Enumerable.OrderByDescending(source, key);
        }

        public static IEnumerable<T> Cast<T>(this System.Collections.IEnumerable source)
        {
            Trace.Log("Cast");
            return System.Linq.Enumerable.Cast<T>(source);
        }

        private static IEnumerable<int> Numbers(string name, int count)
        {
            Trace.Log($"numbers {name} {count}");
            return System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Range(0, count));
        }

        private static object[] Boxed(int count)
        {
            Trace.Log($"boxed {count}");
            return System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(System.Linq.Enumerable.Range(0, count), static i => (object)i));
        }

        private static int Key(string what, int value)
        {
            Trace.Log($"key {what} {value}");
            return value;
        }

        private static string Text<T>(IEnumerable<T> items) => string.Join(",", items);

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
        """;

    private static readonly SharedProgram Program = new("using System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + TracedQueries + "\n\n" + """
        [Coroutine]
        public static string AfterLet(int limit)
        {
            var query = from a in Numbers("a", limit)
                        let x = Key("x", a * 2)
                        join c in Numbers("c", Fetch(limit + 2)) on x equals Key("c", c)
                        select $"{a}{x}{c}";
            return Text(query);
        }

        public static async Task<string> AfterLetAsync(int limit)
        {
            var query = from a in Numbers("a", limit)
                        let x = Key("x", a * 2)
                        join c in Numbers("c", await FetchAsync(limit + 2)) on x equals Key("c", c)
                        select $"{a}{x}{c}";
            return Text(query);
        }

        [Coroutine]
        public static string AfterSecondFrom(int limit)
        {
            var query = from a in Numbers("a", limit)
                        from b in Numbers("b", a)
                        join c in Numbers("c", Fetch(limit)) on a + b equals c
                        select $"{a}{b}{c}";
            return Text(query);
        }

        public static async Task<string> AfterSecondFromAsync(int limit)
        {
            var query = from a in Numbers("a", limit)
                        from b in Numbers("b", a)
                        join c in Numbers("c", await FetchAsync(limit)) on a + b equals c
                        select $"{a}{b}{c}";
            return Text(query);
        }

        [Coroutine]
        public static string AfterJoin(int limit)
        {
            var query = from a in Numbers("a", limit)
                        join b in Numbers("b", limit - 1) on a equals b
                        join c in Numbers("c", Fetch(limit)) on a + b equals c
                        select $"{a}{b}{c}";
            return Text(query);
        }

        public static async Task<string> AfterJoinAsync(int limit)
        {
            var query = from a in Numbers("a", limit)
                        join b in Numbers("b", limit - 1) on a equals b
                        join c in Numbers("c", await FetchAsync(limit)) on a + b equals c
                        select $"{a}{b}{c}";
            return Text(query);
        }

        [Coroutine]
        public static string AfterTypedFrom(int limit)
        {
            var first = from int a in Boxed(limit)
                        join c in Numbers("c", Fetch(limit)) on a equals c
                        select a + c;
            var second = from int a in Boxed(limit)
                         where a > 0
                         join c in Numbers("c", Fetch(limit + 1)) on a equals c
                         select a * c;
            var third = from a in Numbers("a", limit)
                        from int b in Boxed(a)
                        join c in Numbers("c", Fetch(limit)) on b equals c
                        select $"{a}{b}{c}";
            return $"{Text(first)} {Text(second)} {Text(third)}";
        }

        public static async Task<string> AfterTypedFromAsync(int limit)
        {
            var first = from int a in Boxed(limit)
                        join c in Numbers("c", await FetchAsync(limit)) on a equals c
                        select a + c;
            var second = from int a in Boxed(limit)
                         where a > 0
                         join c in Numbers("c", await FetchAsync(limit + 1)) on a equals c
                         select a * c;
            var third = from a in Numbers("a", limit)
                        from int b in Boxed(a)
                        join c in Numbers("c", await FetchAsync(limit)) on b equals c
                        select $"{a}{b}{c}";
            return $"{Text(first)} {Text(second)} {Text(third)}";
        }

        [Coroutine]
        public static string ManyClauses(int limit)
        {
            var query = from a in Numbers("a", limit)
                        where a > 0
                        let x = a * 2
                        from b in Numbers("b", x)
                        join g in Numbers("g", limit) on b equals g into gs
                        let y = Key("y", a + b)
                        where y % 2 == 1
                        orderby -y, b
                        join c in Numbers("c", Fetch(limit * 2)) on y equals c
                        let z = c + x
                        select $"{a}{x}{b}[{Text(gs)}]{y}{c}{z}";
            return Text(query);
        }

        public static async Task<string> ManyClausesAsync(int limit)
        {
            var query = from a in Numbers("a", limit)
                        where a > 0
                        let x = a * 2
                        from b in Numbers("b", x)
                        join g in Numbers("g", limit) on b equals g into gs
                        let y = Key("y", a + b)
                        where y % 2 == 1
                        orderby -y, b
                        join c in Numbers("c", await FetchAsync(limit * 2)) on y equals c
                        let z = c + x
                        select $"{a}{x}{b}[{Text(gs)}]{y}{c}{z}";
            return Text(query);
        }

        [Coroutine]
        public static string TwoJoins(int limit)
        {
            var query = from a in Numbers("a", limit)
                        join b in Numbers("b", Fetch(limit)) on a equals b
                        let x = a + b
                        join c in Numbers("c", Fetch(limit * 2)) on x equals c
                        where c > 0
                        join d in Numbers("d", Fetch(limit * 3)) on c equals d
                        select $"{a}{b}{x}{c}{d}";
            var typed = from int a in Boxed(limit)
                        where a > 0
                        join c in Numbers("c", Fetch(2)) on a equals c
                        join d in Numbers("d", Fetch(3)) on c equals d
                        select a + c + d;
            return $"{Text(query)} {Text(typed)}";
        }

        public static async Task<string> TwoJoinsAsync(int limit)
        {
            var query = from a in Numbers("a", limit)
                        join b in Numbers("b", await FetchAsync(limit)) on a equals b
                        let x = a + b
                        join c in Numbers("c", await FetchAsync(limit * 2)) on x equals c
                        where c > 0
                        join d in Numbers("d", await FetchAsync(limit * 3)) on c equals d
                        select $"{a}{b}{x}{c}{d}";
            var typed = from int a in Boxed(limit)
                        where a > 0
                        join c in Numbers("c", await FetchAsync(2)) on a equals c
                        join d in Numbers("d", await FetchAsync(3)) on c equals d
                        select a + c + d;
            return $"{Text(query)} {Text(typed)}";
        }

        [Coroutine]
        public static string AfterInto(int limit)
        {
            var query = from a in Numbers("a", limit)
                        where a > 0
                        select a * 2 into v
                        let w = Key("w", v + 1)
                        join c in Numbers("c", Fetch(limit * 3)) on w equals c
                        select $"{v}{w}{c}";
            var grouped = from a in Numbers("a", limit)
                          group a by a % 2 into g
                          join c in Numbers("c", Fetch(2)) on g.Key equals c
                          select $"{g.Key}:{Text(g)}:{c}";
            return $"{Text(query)} {Text(grouped)}";
        }

        public static async Task<string> AfterIntoAsync(int limit)
        {
            var query = from a in Numbers("a", limit)
                        where a > 0
                        select a * 2 into v
                        let w = Key("w", v + 1)
                        join c in Numbers("c", await FetchAsync(limit * 3)) on w equals c
                        select $"{v}{w}{c}";
            var grouped = from a in Numbers("a", limit)
                          group a by a % 2 into g
                          join c in Numbers("c", await FetchAsync(2)) on g.Key equals c
                          select $"{g.Key}:{Text(g)}:{c}";
            return $"{Text(query)} {Text(grouped)}";
        }

        [Coroutine]
        public static string AnonymousElements(int limit)
        {
            var pairs = Numbers("p", limit).Select(n => new { A = n, B = n * 2 });
            var filtered = from p in pairs
                           where p.A > 0
                           join c in Numbers("c", Fetch(limit * 2)) on p.B equals c
                           select $"{p.A}{p.B}{c}";
            var projected = from a in Numbers("a", limit)
                            select new { A = a, D = a * 2 } into v
                            join c in Numbers("c", Fetch(limit * 2)) on v.D equals c
                            select $"{v.A}{v.D}{c}";
            return $"{Text(filtered)} {Text(projected)}";
        }

        public static async Task<string> AnonymousElementsAsync(int limit)
        {
            var pairs = Numbers("p", limit).Select(n => new { A = n, B = n * 2 });
            var filtered = from p in pairs
                           where p.A > 0
                           join c in Numbers("c", await FetchAsync(limit * 2)) on p.B equals c
                           select $"{p.A}{p.B}{c}";
            var projected = from a in Numbers("a", limit)
                            select new { A = a, D = a * 2 } into v
                            join c in Numbers("c", await FetchAsync(limit * 2)) on v.D equals c
                            select $"{v.A}{v.D}{c}";
            return $"{Text(filtered)} {Text(projected)}";
        }

        [Coroutine]
        public static string NullSource(int limit)
        {
            IEnumerable<int> none = null!;
            var query = from a in none let x = a join c in Numbers("c", Fetch(limit)) on x equals c select c;
            return Text(query);
        }

        public static async Task<string> NullSourceAsync(int limit)
        {
            IEnumerable<int> none = null!;
            var query = from a in none let x = a join c in Numbers("c", await FetchAsync(limit)) on x equals c select c;
            return Text(query);
        }
        """));

    [Theory]
    [InlineData("AfterLet", 3)]
    [InlineData("AfterSecondFrom", 3)]
    [InlineData("AfterJoin", 3)]
    [InlineData("AfterTypedFrom", 3)]
    [InlineData("ManyClauses", 3)]
    [InlineData("TwoJoins", 3)]
    [InlineData("AfterInto", 3)]
    [InlineData("AnonymousElements", 3)]
    [InlineData("NullSource", 1)]
    public void The_query_before_the_join_is_called_before_its_collection_suspends(string method, int limit) =>
        AsyncTwin.Compare(Program, Programs.StaticType, method, limit);
}
