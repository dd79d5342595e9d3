using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A query continued by <c>into</c> whose <c>join</c> collections suspend both before and after an <c>into</c>, or
/// after a second <c>into</c>, against the direct call and the C# <c>async</c> twin. C# reads each <c>into</c> as
/// <c>from v in (the query before it) ...</c> (spec 12.20.3.2): the query before it is called (its joins, each
/// after the calls before it and its collection), then the next part's clauses up to its join, then that join's
/// collection. The traced LINQ to objects of <see cref="QueryJoinAfterRangeVariablesTests.TracedQueries"/> shows the
/// order of the calls and of the collections' evaluation (with their side effects), the key functions their values.
/// </summary>
public sealed class QueryJoinAcrossContinuationsTests
{
    private static readonly SharedProgram Program = new("using System.Threading.Tasks;\n" + Programs.Static(
        Programs.TestTypes + QueryJoinAfterRangeVariablesTests.TracedQueries + "\n\n" + """
        [Coroutine]
        public static string BeforeAndAfterInto(int limit)
        {
            var query = from a in Numbers("a", limit)
                        let x = Key("x", a * 2)
                        join c in Numbers("c", Fetch(limit + 2)) on x equals Key("c", c)
                        select x + c into v
                        where v > 0
                        join d in Numbers("d", Fetch(limit * 3)) on v equals Key("d", d)
                        select $"{v}{d}";
            return Text(query);
        }

        public static async Task<string> BeforeAndAfterIntoAsync(int limit)
        {
            var query = from a in Numbers("a", limit)
                        let x = Key("x", a * 2)
                        join c in Numbers("c", await FetchAsync(limit + 2)) on x equals Key("c", c)
                        select x + c into v
                        where v > 0
                        join d in Numbers("d", await FetchAsync(limit * 3)) on v equals Key("d", d)
                        select $"{v}{d}";
            return Text(query);
        }

        [Coroutine]
        public static string AfterSecondInto(int limit)
        {
            var query = from a in Numbers("a", limit)
                        select a + 1 into v
                        where v > 1
                        select v * 2 into w
                        let y = Key("y", w + 1)
                        join c in Numbers("c", Fetch(limit * 4)) on y equals c
                        select $"{w}{y}{c}";
            return Text(query);
        }

        public static async Task<string> AfterSecondIntoAsync(int limit)
        {
            var query = from a in Numbers("a", limit)
                        select a + 1 into v
                        where v > 1
                        select v * 2 into w
                        let y = Key("y", w + 1)
                        join c in Numbers("c", await FetchAsync(limit * 4)) on y equals c
                        select $"{w}{y}{c}";
            return Text(query);
        }

        [Coroutine]
        public static string ThreeParts(int limit)
        {
            var query = from a in Numbers("a", limit)
                        join b in Numbers("b", Fetch(limit)) on a equals b
                        group a + b by (a + b) % 2 into g
                        join c in Numbers("c", Fetch(2)) on g.Key equals c
                        select System.Linq.Enumerable.Count(g) * 10 + c into h
                        let k = Key("k", h + 1)
                        join d in Numbers("d", Fetch(limit * 20)) on k equals d
                        select $"{h}{k}{d}";
            var typed = from int a in Boxed(limit)
                        select a * 3 into v
                        join c in Numbers("c", Fetch(limit * 3)) on v equals c
                        select v into w
                        from e in Numbers("e", 2)
                        join d in Numbers("d", Fetch(limit * 3)) on w + e equals d
                        select w + e + d;
            return $"{Text(query)} {Text(typed)}";
        }

        public static async Task<string> ThreePartsAsync(int limit)
        {
            var query = from a in Numbers("a", limit)
                        join b in Numbers("b", await FetchAsync(limit)) on a equals b
                        group a + b by (a + b) % 2 into g
                        join c in Numbers("c", await FetchAsync(2)) on g.Key equals c
                        select System.Linq.Enumerable.Count(g) * 10 + c into h
                        let k = Key("k", h + 1)
                        join d in Numbers("d", await FetchAsync(limit * 20)) on k equals d
                        select $"{h}{k}{d}";
            var typed = from int a in Boxed(limit)
                        select a * 3 into v
                        join c in Numbers("c", await FetchAsync(limit * 3)) on v equals c
                        select v into w
                        from e in Numbers("e", 2)
                        join d in Numbers("d", await FetchAsync(limit * 3)) on w + e equals d
                        select w + e + d;
            return $"{Text(query)} {Text(typed)}";
        }

        [Coroutine]
        public static string SeveralJoinsPerPart(int limit)
        {
            var query = from a in Numbers("a", limit)
                        where a > 0
                        join b in Numbers("b", Fetch(limit)) on a equals b
                        let x = a + b
                        join c in Numbers("c", Fetch(limit * 2)) on x equals c
                        select new { a, c } into p
                        where p.c > 1
                        join d in Numbers("d", Fetch(limit * 2)) on p.c equals d
                        join e in Numbers("e", Fetch(limit * 2)) on d equals Key("e", e) into es
                        select $"{p.a}{p.c}{d}[{Text(es)}]" into s
                        orderby s descending
                        select s + "!" into t
                        join f in Numbers("f", Fetch(1)) on t.Length > 0 equals f == 0
                        select t + f;
            return Text(query);
        }

        public static async Task<string> SeveralJoinsPerPartAsync(int limit)
        {
            var query = from a in Numbers("a", limit)
                        where a > 0
                        join b in Numbers("b", await FetchAsync(limit)) on a equals b
                        let x = a + b
                        join c in Numbers("c", await FetchAsync(limit * 2)) on x equals c
                        select new { a, c } into p
                        where p.c > 1
                        join d in Numbers("d", await FetchAsync(limit * 2)) on p.c equals d
                        join e in Numbers("e", await FetchAsync(limit * 2)) on d equals Key("e", e) into es
                        select $"{p.a}{p.c}{d}[{Text(es)}]" into s
                        orderby s descending
                        select s + "!" into t
                        join f in Numbers("f", await FetchAsync(1)) on t.Length > 0 equals f == 0
                        select t + f;
            return Text(query);
        }

        [Coroutine]
        public static string ThrowsInAPartBefore(int limit)
        {
            var query = from a in Numbers("a", limit)
                        let x = Key("x", 10 / a)
                        join c in Numbers("c", Fetch(limit)) on x equals c
                        select x into v
                        join d in Numbers("d", Fetch(Key("d", 100 / (limit - 3)))) on v equals d
                        select v + d;
            return Text(query);
        }

        public static async Task<string> ThrowsInAPartBeforeAsync(int limit)
        {
            var query = from a in Numbers("a", limit)
                        let x = Key("x", 10 / a)
                        join c in Numbers("c", await FetchAsync(limit)) on x equals c
                        select x into v
                        join d in Numbers("d", await FetchAsync(Key("d", 100 / (limit - 3)))) on v equals d
                        select v + d;
            return Text(query);
        }
        """));

    [Theory]
    [InlineData("BeforeAndAfterInto", 3)]
    [InlineData("BeforeAndAfterInto", 1)]
    [InlineData("AfterSecondInto", 3)]
    [InlineData("ThreeParts", 3)]
    [InlineData("SeveralJoinsPerPart", 3)]
    [InlineData("ThrowsInAPartBefore", 3)]
    [InlineData("ThrowsInAPartBefore", 4)]
    public void Each_part_before_an_into_is_called_before_the_next_join_collection_suspends(string method, int limit) =>
        AsyncTwin.Compare(Program, Programs.StaticType, method, limit);
}
