using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A query with suspending <c>join</c> collections after other clauses or an <c>into</c>, whose clauses read a local
/// that a closure captures in a loop (a fresh variable per iteration), against the direct call and the C# <c>async</c>
/// twin. Each part kept before a join is made through the closure environment of its iteration, so that its lambdas,
/// run only when the query is enumerated after the loop, read that iteration's variable, with the changes made to it
/// after the query was made. The traced LINQ to objects of <see cref="QueryJoinAfterRangeVariablesTests.TracedQueries"/>
/// shows the order of the calls and of the collections' evaluation (with their side effects).
/// </summary>
public sealed class QueryJoinReadingALoopCapturedLocalTests
{
    private static readonly SharedProgram Program = new("using System.Threading.Tasks;\n" + Programs.Static(
        Programs.TestTypes + QueryJoinAfterRangeVariablesTests.TracedQueries + "\n\n" + """
        [Coroutine]
        public static string AcrossAnInto(int limit)
        {
            var queries = new List<IEnumerable<string>>();
            var reads = new List<Func<int>>();
            for (var i = 0; i < limit; i++)
            {
                var k = i;
                reads.Add(() => k);
                var query = from a in Numbers("a", limit)
                            where Key("w", a + k) > 0
                            let x = Key("x", a * 2 + k)
                            join c in Numbers("c", Fetch(limit + k)) on x equals Key("c", c + k)
                            select x + c + k into v
                            where v > k
                            join d in Numbers("d", Fetch(limit * 4 + k)) on v equals Key("d", d - k)
                            select $"{v}{d}{k}";
                queries.Add(query);
                k += 10;
            }
            var text = "";
            foreach (var query in queries)
            {
                text += "[" + Text(query) + "]";
            }
            foreach (var read in reads)
            {
                text += read();
            }
            return text;
        }

        public static async Task<string> AcrossAnIntoAsync(int limit)
        {
            var queries = new List<IEnumerable<string>>();
            var reads = new List<Func<int>>();
            for (var i = 0; i < limit; i++)
            {
                var k = i;
                reads.Add(() => k);
                var query = from a in Numbers("a", limit)
                            where Key("w", a + k) > 0
                            let x = Key("x", a * 2 + k)
                            join c in Numbers("c", await FetchAsync(limit + k)) on x equals Key("c", c + k)
                            select x + c + k into v
                            where v > k
                            join d in Numbers("d", await FetchAsync(limit * 4 + k)) on v equals Key("d", d - k)
                            select $"{v}{d}{k}";
                queries.Add(query);
                k += 10;
            }
            var text = "";
            foreach (var query in queries)
            {
                text += "[" + Text(query) + "]";
            }
            foreach (var read in reads)
            {
                text += read();
            }
            return text;
        }

        [Coroutine]
        public static string AfterClausesAndAfterASecondInto(int limit)
        {
            var queries = new List<IEnumerable<int>>();
            foreach (var n in Numbers("n", limit))
            {
                var m = n * 3;
                Func<int> read = () => m;
                var afterWhere = from a in Numbers("a", limit)
                                 where a != m
                                 join b in Numbers("b", Fetch(limit + m)) on a + m equals b
                                 select a * 100 + b + read();
                var afterInto = from a in Numbers("a", limit)
                                select a + m into v
                                where v > m
                                select v * 2 into w
                                let y = Key("y", w + m)
                                join c in Numbers("c", Fetch(limit * 6 + m)) on y equals c
                                select w + y + c + m;
                queries.Add(afterWhere);
                queries.Add(afterInto);
                m++;
            }
            var text = "";
            foreach (var query in queries)
            {
                text += "[" + Text(query) + "]";
            }
            return text;
        }

        public static async Task<string> AfterClausesAndAfterASecondIntoAsync(int limit)
        {
            var queries = new List<IEnumerable<int>>();
            foreach (var n in Numbers("n", limit))
            {
                var m = n * 3;
                Func<int> read = () => m;
                var afterWhere = from a in Numbers("a", limit)
                                 where a != m
                                 join b in Numbers("b", await FetchAsync(limit + m)) on a + m equals b
                                 select a * 100 + b + read();
                var afterInto = from a in Numbers("a", limit)
                                select a + m into v
                                where v > m
                                select v * 2 into w
                                let y = Key("y", w + m)
                                join c in Numbers("c", await FetchAsync(limit * 6 + m)) on y equals c
                                select w + y + c + m;
                queries.Add(afterWhere);
                queries.Add(afterInto);
                m++;
            }
            var text = "";
            foreach (var query in queries)
            {
                text += "[" + Text(query) + "]";
            }
            return text;
        }
        [Coroutine]
        public static string NestedLoops(int limit)
        {
            var queries = new List<IEnumerable<string>>();
            for (var i = 0; i < limit; i++)
            {
                var outer = i;
                for (var j = 0; j < 2; j++)
                {
                    var inner = j * 10;
                    Func<int> read = () => outer + inner;
                    var query = from a in Numbers("a", limit)
                                join b in Numbers("b", Fetch(limit + outer)) on a + outer equals b
                                where System.Linq.Enumerable.Any(Numbers("n", 2), n => n + inner == Key("any", a + inner))
                                let x = a + b + inner
                                join c in Numbers("c", Fetch(limit * 30 + inner)) on x equals c
                                select x + c into v
                                where v > outer
                                join d in Numbers("d", Fetch(limit * 60)) on v equals d - inner
                                select $"{v}{d}{outer}{inner}{read()}";
                    queries.Add(query);
                    inner++;
                }
                outer--;
            }
            var text = "";
            foreach (var query in queries)
            {
                text += "[" + Text(query) + "]";
            }
            return text;
        }

        public static async Task<string> NestedLoopsAsync(int limit)
        {
            var queries = new List<IEnumerable<string>>();
            for (var i = 0; i < limit; i++)
            {
                var outer = i;
                for (var j = 0; j < 2; j++)
                {
                    var inner = j * 10;
                    Func<int> read = () => outer + inner;
                    var query = from a in Numbers("a", limit)
                                join b in Numbers("b", await FetchAsync(limit + outer)) on a + outer equals b
                                where System.Linq.Enumerable.Any(Numbers("n", 2), n => n + inner == Key("any", a + inner))
                                let x = a + b + inner
                                join c in Numbers("c", await FetchAsync(limit * 30 + inner)) on x equals c
                                select x + c into v
                                where v > outer
                                join d in Numbers("d", await FetchAsync(limit * 60)) on v equals d - inner
                                select $"{v}{d}{outer}{inner}{read()}";
                    queries.Add(query);
                    inner++;
                }
                outer--;
            }
            var text = "";
            foreach (var query in queries)
            {
                text += "[" + Text(query) + "]";
            }
            return text;
        }
        """));

    [Theory]
    [InlineData("AcrossAnInto", 3)]
    [InlineData("AcrossAnInto", 1)]
    [InlineData("AfterClausesAndAfterASecondInto", 3)]
    [InlineData("NestedLoops", 2)]
    public void Each_kept_part_reads_the_variable_of_its_own_iteration(string method, int limit) =>
        AsyncTwin.Compare(Program, Programs.StaticType, method, limit);
}
