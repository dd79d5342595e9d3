using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A <c>with</c> expression whose members suspend, on a record with a copy constructor of its own
/// and init accessors of its own (both trace), a record whose copy is of a derived record, and a
/// struct with an init accessor; against the direct call and the C# <c>async</c> twin. C# evaluates
/// the receiver, makes the copy (the copy constructor runs), then evaluates each member's value and
/// sets it, in order; the generated code keeps that order and copies exactly once.
/// </summary>
public sealed class WithCopyOrderTests
{
    private static readonly SharedProgram Program = new("using System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + """
        public record Settings
        {
            private int _a;
            private string _b = "";

            public Settings()
            {
            }

            protected Settings(Settings original)
            {
                Trace.Log($"copy of {original}");
                _a = original._a;
                _b = original._b;
                D = original.D;
                E = original.E;
            }

            public int A { get => _a; init { Trace.Log($"init A = {value}"); _a = value; } }
            public string B { get => _b; init { Trace.Log($"init B = {value}"); _b = value; } }
            public int D { get; set; }
            public int E;

            public override string ToString() => $"[{_a} {_b} {D} {E}]";
        }

        public sealed record Special : Settings
        {
            public Special()
            {
            }

            private Special(Special original)
                : base(original)
            {
                Trace.Log("copy of a special one");
            }
        }

        public struct Size
        {
            private int _width;
            public int Width { get => _width; init { Trace.Log($"init Width = {value}"); _width = value; } }
            public int Height;
        }

        private static int s_next;
        private static Settings s_settings = new();

        private static int Next()
        {
            s_next++;
            Trace.Log($"next {s_next}");
            return s_next;
        }

        [Coroutine]
        private static string Swap(string text)
        {
            Yield.Sleep(1);
            s_settings = new Settings { A = 99, B = "swapped" };
            Trace.Log($"swap {text}");
            return text;
        }

        private static async Task<string> SwapAsync(string text)
        {
            await Task.Yield();
            s_settings = new Settings { A = 99, B = "swapped" };
            Trace.Log($"swap {text}");
            return text;
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
        private static Settings Current()
        {
            Yield.Sleep(1);
            Trace.Log("current");
            return s_settings;
        }

        private static async Task<Settings> CurrentAsync()
        {
            await Task.Yield();
            Trace.Log("current");
            return s_settings;
        }

        [Coroutine]
        public static string Copies(int rounds)
        {
            var log = "";
            s_next = 0;
            for (var i = 0; i < rounds; i++)
            {
                s_settings = new Settings { A = 1, B = "one" };
                var changed = s_settings with { A = Next(), B = Swap("two"), D = Fetch(3), E = Next() };
                var first = s_settings with { B = Swap("first"), A = Next() };
                Settings special = new Special { A = 5 };
                var copied = special with { D = Next(), A = Fetch(i) };
                var size = new Size { Width = 1, Height = 2 };
                var bigger = size with { Height = Next(), Width = Fetch(4) };
                var fetched = Current() with { D = 7 };
                log += $"{changed} {first} {copied} {copied.GetType().Name} {bigger.Width}x{bigger.Height} {size.Width}x{size.Height} {fetched}; ";
            }
            return log;
        }

        public static async Task<string> CopiesAsync(int rounds)
        {
            var log = "";
            s_next = 0;
            for (var i = 0; i < rounds; i++)
            {
                s_settings = new Settings { A = 1, B = "one" };
                var changed = s_settings with { A = Next(), B = await SwapAsync("two"), D = await FetchAsync(3), E = Next() };
                var first = s_settings with { B = await SwapAsync("first"), A = Next() };
                Settings special = new Special { A = 5 };
                var copied = special with { D = Next(), A = await FetchAsync(i) };
                var size = new Size { Width = 1, Height = 2 };
                var bigger = size with { Height = Next(), Width = await FetchAsync(4) };
                var fetched = (await CurrentAsync()) with { D = 7 };
                log += $"{changed} {first} {copied} {copied.GetType().Name} {bigger.Width}x{bigger.Height} {size.Width}x{size.Height} {fetched}; ";
            }
            return log;
        }
        """));

    [Theory]
    [InlineData(2)]
    public void A_with_expression_copies_once_then_sets_its_members_in_order_around_its_suspensions(int rounds) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Copies", rounds);
}
