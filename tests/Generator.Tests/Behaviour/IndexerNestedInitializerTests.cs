using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// An indexer's nested initializer that suspends (<c>[Key()] = { F(), G() }</c>), against the direct
/// call and the C# <c>async</c> twin: C# evaluates the index once, when it reaches that member, then
/// for each element reads the indexer again (its getter traces) before the element's values, and
/// adds or sets the element; a suspension in the index itself comes before any of that.
/// </summary>
public sealed class IndexerNestedInitializerTests
{
    private static readonly SharedProgram Program = new("using System.Linq;\nusing System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + """
        public sealed class Shelf
        {
            private readonly Dictionary<string, List<int>> _lists = new();
            private readonly Dictionary<int, Box> _boxes = new();

            public List<int> this[string key]
            {
                get
                {
                    Trace.Log($"get [{key}]");
                    if (!_lists.TryGetValue(key, out var list))
                        _lists[key] = list = new List<int>();
                    return list;
                }
            }

            public Box this[int at]
            {
                get
                {
                    Trace.Log($"get box [{at}]");
                    if (!_boxes.TryGetValue(at, out var box))
                        _boxes[at] = box = new Box();
                    return box;
                }
            }

            public string Items { get; set; } = "";

            public override string ToString() =>
                string.Join(" ", _lists.Select(p => $"{p.Key}:{string.Join(",", p.Value)}")) + " | " +
                string.Join(" ", _boxes.Select(p => $"{p.Key}:{p.Value}")) + " | " + Items;
        }

        public sealed class Box
        {
            private int _width;
            public int Width { get => _width; set { Trace.Log($"width = {value}"); _width = value; } }
            public List<int> Tags { get; } = new();
            public override string ToString() => $"{_width}/{string.Join(",", Tags)}";
        }

        private static int s_next;

        private static int Next()
        {
            s_next++;
            Trace.Log($"next {s_next}");
            return s_next;
        }

        private static string Key(string key)
        {
            Trace.Log($"key {key}");
            return key;
        }

        [Coroutine]
        private static int Fetch(int x)
        {
            Yield.Sleep(1);
            Trace.Log($"fetch {x}");
            return x * 10;
        }

        private static async Task<int> FetchAsync(int x)
        {
            await Task.Yield();
            Trace.Log($"fetch {x}");
            return x * 10;
        }

        [Coroutine]
        private static string KeyLater(string key)
        {
            Yield.Sleep(2);
            Trace.Log($"key later {key}");
            return key;
        }

        private static async Task<string> KeyLaterAsync(string key)
        {
            await Task.Yield();
            Trace.Log($"key later {key}");
            return key;
        }

        [Coroutine]
        public static string IndexerElements()
        {
            s_next = 0;
            var shelf = new Shelf
            {
                Items = "first",
                [Key("a")] = { Next(), Fetch(1), Next() },
                [KeyLater("b")] = { Fetch(2) },
                [Next()] = { Width = Fetch(3), Tags = { Next(), Fetch(4) } },
                ["c"] = { 5 },
            };
            return shelf.ToString();
        }

        public static async Task<string> IndexerElementsAsync()
        {
            s_next = 0;
            var shelf = new Shelf
            {
                Items = "first",
                [Key("a")] = { Next(), await FetchAsync(1), Next() },
                [await KeyLaterAsync("b")] = { await FetchAsync(2) },
                [Next()] = { Width = await FetchAsync(3), Tags = { Next(), await FetchAsync(4) } },
                ["c"] = { 5 },
            };
            return shelf.ToString();
        }

        [Coroutine]
        public static string NestedInMember(int rounds)
        {
            s_next = 0;
            var log = "";
            for (var i = 0; i < rounds; i++)
            {
                var holder = new Holder { Map = { [i] = { Fetch(i), Next() } } };
                log += holder;
            }
            return log;
        }

        public static async Task<string> NestedInMemberAsync(int rounds)
        {
            s_next = 0;
            var log = "";
            for (var i = 0; i < rounds; i++)
            {
                var holder = new Holder { Map = { [i] = { await FetchAsync(i), Next() } } };
                log += holder;
            }
            return log;
        }

        public sealed class Holder
        {
            private readonly Slots _map = new();
            public Slots Map { get { Trace.Log("get Map"); return _map; } }
            public override string ToString() => _map.ToString();
        }

        public sealed class Slots
        {
            private readonly SortedDictionary<int, List<int>> _slots = new();
            public List<int> this[int at]
            {
                get
                {
                    Trace.Log($"get slot [{at}]");
                    if (!_slots.TryGetValue(at, out var list))
                        _slots[at] = list = new List<int>();
                    return list;
                }
            }
            public override string ToString() => string.Join(" ", _slots.Select(p => $"{p.Key}:{string.Join(",", p.Value)}")) + ";";
        }
        """));

    [Fact]
    public void An_indexers_nested_initializer_evaluates_its_index_once_and_reads_the_indexer_for_each_element() =>
        AsyncTwin.Compare(Program, Programs.StaticType, "IndexerElements");

    [Theory]
    [InlineData(2)]
    public void An_indexers_nested_initializer_inside_a_members_nested_initializer_reads_the_path_for_each_element(int rounds) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "NestedInMember", rounds);
}
