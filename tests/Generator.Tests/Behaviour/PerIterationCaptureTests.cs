using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// More places where C# gives each iteration a fresh variable that a closure captures, across
/// sleeps, against the direct call and the C# <c>async</c> twin (<see cref="AsyncTwin"/>): a
/// query expression that reads a loop-body local (its clauses run later, when it is enumerated),
/// a variable of a <c>while</c> or <c>do</c> condition (new at each test), a variable declared in
/// an embedded statement (a loop body that is not a block), a lambda whose delegate type has no
/// name (a <c>ref</c> parameter, a default value, an anonymous type returned), a local function
/// made a delegate or called from a lambda (also through another local function, or itself).
/// </summary>
public sealed class PerIterationCaptureTests
{
    private static readonly SharedProgram Program = new("using System.Linq;\nusing System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + """

        [Coroutine]
        public static string QueryOverALoopLocal(int count)
        {
            var queries = new List<IEnumerable<int>>();
            var pairs = new List<IEnumerable<string>>();
            foreach (var limit in Enumerable.Range(1, count))
            {
                int twice = limit * 2;
                queries.Add(from x in new[] { 1, 2, 3, 4, 5 } where x <= twice select x + limit);
                pairs.Add(from x in new[] { 1, 2 } let both = new { x, limit } select $"{both.x}/{both.limit}");
                Yield.Sleep(1);
                twice--;
                Trace.Log($"limit {limit}: {string.Join(",", queries[queries.Count - 1])}");
            }
            string seen = "";
            foreach (var query in queries)
                seen += string.Join(",", query) + " ";
            foreach (var pair in pairs)
                seen += string.Join(",", pair) + " ";
            return seen;
        }

        [Coroutine]
        public static string LoopConditionVariables(int count)
        {
            var readers = new List<Func<int>>();
            object next = count;
            while (next is int n && n > 0)
            {
                readers.Add(() => n * 10);
                Yield.Sleep(1);
                next = n - 1;
            }
            int k = 0;
            do
            {
                k++;
                Yield.Sleep(1);
            }
            while (k is int seenK && Keep(readers, () => seenK) < count + 2);
            string seen = "";
            foreach (var read in readers)
                seen += read() + " ";
            return seen;
        }

        static int Keep(List<Func<int>> readers, Func<int> read)
        {
            readers.Add(read);
            return read();
        }

        [Coroutine]
        public static string EmbeddedStatementVariables(int count)
        {
            var readers = new List<Func<string>>();
            for (int i = 0; i < count; i++)
                if ((object)$"item {i}" is string text && text.Length > 0)
                {
                    readers.Add(() => text);
                    Yield.Sleep(1);
                    text += "!";
                }
            string seen = "";
            foreach (var read in readers)
                seen += read() + " ";
            return seen;
        }

        [Coroutine]
        public static string LambdasOfUnnamedDelegateTypes(int count)
        {
            var kept = new List<Delegate>();
            for (int i = 0; i < count; i++)
            {
                int copy = i + 1;
                {
                    var add = (ref int total) => total += copy;
                    var scaled = (int scale = 10) => copy * scale;
                    var pair = () => new { copy, square = copy * copy };
                    kept.Add(add);
                    kept.Add(scaled);
                    kept.Add(pair);
                    int total = 100;
                    add(ref total);
                    Trace.Log($"{total} {scaled()} {pair()}");
                }
                Yield.Sleep(1);
                copy += 1000;
            }
            string seen = "";
            for (int k = 0; k < kept.Count; k++)
                seen += kept[k].DynamicInvoke(k % 3 == 0 ? new object[] { 100 } : k % 3 == 1 ? new object[] { 3 } : null) + " ";
            return seen;
        }

        public static async Task<string> LambdasOfUnnamedDelegateTypesAsync(int count)
        {
            var kept = new List<Delegate>();
            for (int i = 0; i < count; i++)
            {
                int copy = i + 1;
                {
                    var add = (ref int total) => total += copy;
                    var scaled = (int scale = 10) => copy * scale;
                    var pair = () => new { copy, square = copy * copy };
                    kept.Add(add);
                    kept.Add(scaled);
                    kept.Add(pair);
                    int total = 100;
                    add(ref total);
                    Trace.Log($"{total} {scaled()} {pair()}");
                }
                await Task.Yield();
                copy += 1000;
            }
            string seen = "";
            for (int k = 0; k < kept.Count; k++)
                seen += kept[k].DynamicInvoke(k % 3 == 0 ? new object[] { 100 } : k % 3 == 1 ? new object[] { 3 } : null) + " ";
            return seen;
        }

        [Coroutine]
        public static string LocalFunctionsKeptForLater(int count)
        {
            var readers = new List<Func<int>>();
            var later = new List<Func<string>>();
            Action<int>? last = null;
            for (int i = 0; i < count; i++)
            {
                int copy = i * 10;
                int Read() => copy;
                string Describe(string prefix) => $"{prefix}{Read()}";
                int Countdown(int n) => n <= 0 ? copy : Countdown(n - 1) + 1;
                void Add(int more) => copy += more;
                readers.Add(Read);
                later.Add(() => Describe("seen ") + " " + Countdown(2));
                last = Add;
                Yield.Sleep(1);
                copy++;
                Trace.Log($"iteration {i}: {Read()} {Describe("now ")}");
            }
            last?.Invoke(1000);
            string seen = "";
            foreach (var read in readers)
                seen += read() + " ";
            foreach (var describe in later)
                seen += describe() + "; ";
            return seen;
        }

        public static async Task<string> LocalFunctionsKeptForLaterAsync(int count)
        {
            var readers = new List<Func<int>>();
            var later = new List<Func<string>>();
            Action<int>? last = null;
            for (int i = 0; i < count; i++)
            {
                int copy = i * 10;
                int Read() => copy;
                string Describe(string prefix) => $"{prefix}{Read()}";
                int Countdown(int n) => n <= 0 ? copy : Countdown(n - 1) + 1;
                void Add(int more) => copy += more;
                readers.Add(Read);
                later.Add(() => Describe("seen ") + " " + Countdown(2));
                last = Add;
                await Task.Yield();
                copy++;
                Trace.Log($"iteration {i}: {Read()} {Describe("now ")}");
            }
            last?.Invoke(1000);
            string seen = "";
            foreach (var read in readers)
                seen += read() + " ";
            foreach (var describe in later)
                seen += describe() + "; ";
            return seen;
        }

        public static async Task<string> QueryOverALoopLocalAsync(int count)
        {
            var queries = new List<IEnumerable<int>>();
            var pairs = new List<IEnumerable<string>>();
            foreach (var limit in Enumerable.Range(1, count))
            {
                int twice = limit * 2;
                queries.Add(from x in new[] { 1, 2, 3, 4, 5 } where x <= twice select x + limit);
                pairs.Add(from x in new[] { 1, 2 } let both = new { x, limit } select $"{both.x}/{both.limit}");
                await Task.Yield();
                twice--;
                Trace.Log($"limit {limit}: {string.Join(",", queries[queries.Count - 1])}");
            }
            string seen = "";
            foreach (var query in queries)
                seen += string.Join(",", query) + " ";
            foreach (var pair in pairs)
                seen += string.Join(",", pair) + " ";
            return seen;
        }

        public static async Task<string> LoopConditionVariablesAsync(int count)
        {
            var readers = new List<Func<int>>();
            object next = count;
            while (next is int n && n > 0)
            {
                readers.Add(() => n * 10);
                await Task.Yield();
                next = n - 1;
            }
            int k = 0;
            do
            {
                k++;
                await Task.Yield();
            }
            while (k is int seenK && Keep(readers, () => seenK) < count + 2);
            string seen = "";
            foreach (var read in readers)
                seen += read() + " ";
            return seen;
        }

        public static async Task<string> EmbeddedStatementVariablesAsync(int count)
        {
            var readers = new List<Func<string>>();
            for (int i = 0; i < count; i++)
                if ((object)$"item {i}" is string text && text.Length > 0)
                {
                    readers.Add(() => text);
                    await Task.Yield();
                    text += "!";
                }
            string seen = "";
            foreach (var read in readers)
                seen += read() + " ";
            return seen;
        }
        """));

    private static void Compare(string method, params object?[] args) => AsyncTwin.Compare(Program, Programs.StaticType, method, args);

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void A_query_reads_the_variables_of_the_iteration_it_was_made_in(int count) => Compare("QueryOverALoopLocal", count);

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Variables_of_a_while_or_do_condition_are_new_at_each_test(int count) => Compare("LoopConditionVariables", count);

    [Theory]
    [InlineData(3)]
    public void Lambdas_whose_delegate_type_has_no_name_keep_their_iteration(int count) => Compare("LambdasOfUnnamedDelegateTypes", count);

    [Theory]
    [InlineData(3)]
    public void Local_functions_made_delegates_or_called_from_closures_keep_their_iteration(int count) => Compare("LocalFunctionsKeptForLater", count);

    [Theory]
    [InlineData(3)]
    public void Variables_of_an_embedded_statement_are_new_each_time_it_runs(int count) => Compare("EmbeddedStatementVariables", count);
}
