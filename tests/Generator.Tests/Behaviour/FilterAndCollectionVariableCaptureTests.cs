using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Variables declared in a catch filter or in a <c>foreach</c>'s collection, captured by a closure
/// in a loop that suspends, against the direct call and the C# <c>async</c> twin: a filter's
/// variable is new each time the filter is tested (each catch), a collection's variable is one
/// for the whole run of its <c>foreach</c> (the collection is evaluated once) and new on the
/// next run of it, as C# scopes them.
/// </summary>
public sealed class FilterAndCollectionVariableCaptureTests
{
    private static readonly SharedProgram Program = new("using System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + """

        static bool Keep(List<Func<string>> readers, Func<string> read)
        {
            readers.Add(read);
            return true;
        }

        [Coroutine]
        public static string FilterVariables(int count)
        {
            var readers = new List<Func<string>>();
            for (int i = 0; i < count; i++)
            {
                try
                {
                    Yield.Sleep(1);
                    throw new InvalidOperationException($"failure {i}");
                }
                catch (Exception e) when (e.Message is string text && text.EndsWith(i.ToString()) && Keep(readers, () => "filter " + text))
                {
                    readers.Add(() => "handler " + text);
                    Yield.Sleep(1);
                    text += "!";
                    Trace.Log($"caught {text}");
                }
            }
            string seen = "";
            foreach (var read in readers)
                seen += read() + " ";
            return seen;
        }

        public static async Task<string> FilterVariablesAsync(int count)
        {
            var readers = new List<Func<string>>();
            for (int i = 0; i < count; i++)
            {
                try
                {
                    await Task.Yield();
                    throw new InvalidOperationException($"failure {i}");
                }
                catch (Exception e) when (e.Message is string text && text.EndsWith(i.ToString()) && Keep(readers, () => "filter " + text))
                {
                    readers.Add(() => "handler " + text);
                    await Task.Yield();
                    text += "!";
                    Trace.Log($"caught {text}");
                }
            }
            string seen = "";
            foreach (var read in readers)
                seen += read() + " ";
            return seen;
        }

        static int[] Pair(int round, out int[] items)
        {
            Trace.Log($"collection of round {round}");
            items = new[] { round, round + 1 };
            return items;
        }

        [Coroutine]
        public static string CollectionVariables(int count)
        {
            var readers = new List<Func<string>>();
            for (int round = 0; round < count; round++)
            {
                foreach (var x in Pair(round, out var items))
                {
                    readers.Add(() => $"{x}/{items.Length}");
                    Yield.Sleep(1);
                    items = new int[items.Length + 1];
                    Trace.Log($"round {round}, item {x}: {items.Length}");
                }
            }
            string seen = "";
            foreach (var read in readers)
                seen += read() + " ";
            return seen;
        }

        public static async Task<string> CollectionVariablesAsync(int count)
        {
            var readers = new List<Func<string>>();
            for (int round = 0; round < count; round++)
            {
                foreach (var x in Pair(round, out var items))
                {
                    readers.Add(() => $"{x}/{items.Length}");
                    await Task.Yield();
                    items = new int[items.Length + 1];
                    Trace.Log($"round {round}, item {x}: {items.Length}");
                }
            }
            string seen = "";
            foreach (var read in readers)
                seen += read() + " ";
            return seen;
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
        public static string SuspendingCollection(int count)
        {
            var readers = new List<Func<string>>();
            for (int round = 0; round < count; round++)
            {
                foreach (var x in Pair(Fetch(round), out var items))
                {
                    readers.Add(() => $"{x}/{items.Length}");
                    items = new int[items.Length + 1];
                }
            }
            string seen = "";
            foreach (var read in readers)
                seen += read() + " ";
            return seen;
        }

        public static async Task<string> SuspendingCollectionAsync(int count)
        {
            var readers = new List<Func<string>>();
            for (int round = 0; round < count; round++)
            {
                foreach (var x in Pair(await FetchAsync(round), out var items))
                {
                    readers.Add(() => $"{x}/{items.Length}");
                    items = new int[items.Length + 1];
                }
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
    public void A_catch_filters_variable_is_new_for_each_catch(int count) => Compare("FilterVariables", count);

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void A_foreach_collections_variable_is_one_per_run_of_the_foreach(int count)
    {
        Compare("CollectionVariables", count);
        Compare("SuspendingCollection", count); // the collection suspends, the body does not
    }
}
