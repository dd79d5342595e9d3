using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Suspensions on the parts of a <c>?.</c> chain, each against the direct call (C#'s own chain) and
/// against its C# <c>async</c> twin (<see cref="AsyncTwin"/>), where the suspension point is a method
/// returning a task called on the same part and awaited when the chain is not null (<c>Maybe</c>):
/// a part that suspends (<c>gates?[Next()].Wait(1)</c>), a chain inside a chain (<c>a?.B?.C.Wait(1)</c>,
/// <c>a?.B?.Run()</c>), a nullable struct receiver (called on a copy of its value) and a struct part
/// (an array element or a field in place, a property's value on a copy). The struct <c>Door</c> counts
/// its openings in its factory and its result method reads the count after the resume, so a call on
/// the wrong copy shows in the trace.
/// </summary>
public sealed class ConditionalChainTests
{
    private static readonly SharedProgram Program = new("using System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + """
        private static int s_next;

        [Coroutine]
        private static int Next()
        {
            Yield.Sleep(1);
            s_next++;
            Trace.Log($"next {s_next}");
            return s_next;
        }

        private static async Task<int> NextAsync()
        {
            await Task.Yield();
            s_next++;
            Trace.Log($"next {s_next}");
            return s_next;
        }

        private static async Task<T> Later<T>(T value)
        {
            await Task.Yield();
            return value;
        }

        /// <summary><c>await</c> of a chain's task: nothing when the chain is null, as the suspension does not happen.</summary>
        private static async Task<int?> Maybe(Task<int>? task) => task is null ? null : await task;

        private static Task Maybe(Task? task) => task ?? Task.CompletedTask;

        public sealed class Gate
        {
            public Gate(string name) => Name = name;

            public string Name { get; }

            [SuspensionPoint(nameof(BeginWait), Result = nameof(EndWait))]
            public int Wait(int x)
            {
                Trace.Log($"{Name} waits {x}");
                Yield.Sleep(x);
                return EndWait(x);
            }

            public Suspension BeginWait(int x)
            {
                Trace.Log($"{Name} waits {x}");
                return Suspension.Sleep(x);
            }

            public int EndWait(int x) => 2 * x;

            public Task<int> WaitAsync(int x)
            {
                Trace.Log($"{Name} waits {x}");
                return Later(EndWait(x));
            }

            [SuspensionPoint(nameof(BeginPause))]
            public void Pause(int x)
            {
                Trace.Log($"{Name} pauses {x}");
                Yield.Sleep(x);
            }

            public Suspension BeginPause(int x)
            {
                Trace.Log($"{Name} pauses {x}");
                return Suspension.Sleep(x);
            }

            public Task PauseAsync(int x)
            {
                Trace.Log($"{Name} pauses {x}");
                return Later(0);
            }
        }

        public sealed partial class Holder
        {
            private readonly Gate _first;
            private readonly Holder? _inner;

            public Holder(string name, Holder? inner)
            {
                Name = name;
                _first = new Gate(name + ".first");
                _inner = inner;
            }

            public string Name { get; }

            public Holder? Inner { get { Trace.Log($"get {Name}.Inner"); return _inner; } }

            public Gate First { get { Trace.Log($"get {Name}.First"); return _first; } }

            public Gate Pick(int i)
            {
                Trace.Log($"{Name}.Pick({i})");
                return new Gate($"{Name}.gate{i}");
            }

            [Coroutine]
            public int Run(int x)
            {
                Trace.Log($"{Name} runs {x}");
                Yield.Sleep(x);
                return x * 3;
            }

            public async Task<int> RunAsync(int x)
            {
                Trace.Log($"{Name} runs {x}");
                await Task.Yield();
                return x * 3;
            }

            [Coroutine]
            public void Tick()
            {
                Trace.Log($"{Name} ticks");
                Yield.Sleep(1);
            }

            public async Task TickAsync()
            {
                Trace.Log($"{Name} ticks");
                await Task.Yield();
            }
        }

        /// <summary>A struct whose factory opens it (a change of the struct) and whose result method reads the count after the resume.</summary>
        public struct Door
        {
            public Door(string name)
            {
                Name = name;
                Opened = 0;
            }

            public string Name;
            public int Opened;

            [SuspensionPoint(nameof(BeginWait), Result = nameof(EndWait))]
            public int Wait(int x)
            {
                Opened++;
                Trace.Log($"{Name} opened {Opened} times, waits {x}");
                Yield.Sleep(x);
                return EndWait(x);
            }

            public Suspension BeginWait(int x)
            {
                Opened++;
                Trace.Log($"{Name} opened {Opened} times, waits {x}");
                return Suspension.Sleep(x);
            }

            public int EndWait(int x) => 100 * Opened + x;

            public Task<int> WaitAsync(int x)
            {
                Opened++;
                Trace.Log($"{Name} opened {Opened} times, waits {x}");
                return Later(EndWait(x));
            }

            [SuspensionPoint(nameof(BeginPause))]
            public void Pause(int x)
            {
                Opened++;
                Trace.Log($"{Name} opened {Opened} times, pauses {x}");
                Yield.Sleep(x);
            }

            public Suspension BeginPause(int x)
            {
                Opened++;
                Trace.Log($"{Name} opened {Opened} times, pauses {x}");
                return Suspension.Sleep(x);
            }

            public Task PauseAsync(int x)
            {
                Opened++;
                Trace.Log($"{Name} opened {Opened} times, pauses {x}");
                return Later(0);
            }
        }

        public sealed class DoorBox
        {
            private Door _door;

            public DoorBox(string name)
            {
                _door = new Door(name + ".prop");
                Field = new Door(name + ".field");
            }

            public Door Field;

            public Door Prop { get { Trace.Log("get Prop"); return _door; } }
        }

        [Coroutine]
        public static string SuspendingParts(bool present)
        {
            s_next = 0;
            var gates = present ? new[] { new Gate("g0"), new Gate("g1") } : null;
            var holder = present ? new Holder("h", null) : null;
            var a = gates?[Next() % 2].Wait(1);
            var b = holder?.Pick(Next()).Wait(Next());
            gates?[Next() % 2].Pause(2);
            holder?.Pick(Next()).Pause(Next());
            var text = $"{gates?[Next() % 2].Wait(3) ?? -1} {holder?.Pick(1).Wait(Next()) ?? -1} {(holder?.Pick(Next()).Name ?? "none")}";
            return $"{a} {b} {text} {s_next}";
        }

        public static async Task<string> SuspendingPartsAsync(bool present)
        {
            s_next = 0;
            var gates = present ? new[] { new Gate("g0"), new Gate("g1") } : null;
            var holder = present ? new Holder("h", null) : null;
            var a = await Maybe(gates?[await NextAsync() % 2].WaitAsync(1));
            var b = await Maybe(holder?.Pick(await NextAsync()).WaitAsync(await NextAsync()));
            await Maybe(gates?[await NextAsync() % 2].PauseAsync(2));
            await Maybe(holder?.Pick(await NextAsync()).PauseAsync(await NextAsync()));
            var text = $"{await Maybe(gates?[await NextAsync() % 2].WaitAsync(3)) ?? -1} {await Maybe(holder?.Pick(1).WaitAsync(await NextAsync())) ?? -1} {(holder?.Pick(await NextAsync()).Name ?? "none")}";
            return $"{a} {b} {text} {s_next}";
        }

        [Coroutine]
        public static string ChainsInChains(bool present, bool inner)
        {
            s_next = 0;
            var outer = present ? new Holder("o", inner ? new Holder("i", null) : null) : null;
            var n = outer?.Inner?.First.Wait(1);
            outer?.Inner?.First.Pause(Next());
            var m = outer?.Inner?.Run(Next());
            outer?.Inner?.Tick();
            var text = $"{outer?.Inner?.First.Wait(Next()) ?? -1} {Next() + (outer?.Inner?.Run(2) ?? 0)}";
            return $"{n} {m} {text} {s_next}";
        }

        public static async Task<string> ChainsInChainsAsync(bool present, bool inner)
        {
            s_next = 0;
            var outer = present ? new Holder("o", inner ? new Holder("i", null) : null) : null;
            var n = await Maybe(outer?.Inner?.First.WaitAsync(1));
            await Maybe(outer?.Inner?.First.PauseAsync(await NextAsync()));
            var m = await Maybe(outer?.Inner?.RunAsync(await NextAsync()));
            await Maybe(outer?.Inner?.TickAsync());
            var text = $"{await Maybe(outer?.Inner?.First.WaitAsync(await NextAsync())) ?? -1} {await NextAsync() + (await Maybe(outer?.Inner?.RunAsync(2)) ?? 0)}";
            return $"{n} {m} {text} {s_next}";
        }

        [Coroutine]
        public static string NullableStructReceivers(bool present)
        {
            s_next = 0;
            Door? door = present ? new Door("d") : null;
            var n = door?.Wait(1);
            door?.Pause(Next());
            var m = door?.Wait(Next());
            var text = $"{door?.Wait(2) ?? -1} {Next() + (door?.Wait(Next()) ?? 0)}";
            return $"{n} {m} {text} opened {door?.Opened} {s_next}";
        }

        public static async Task<string> NullableStructReceiversAsync(bool present)
        {
            s_next = 0;
            Door? door = present ? new Door("d") : null;
            var n = await Maybe(door?.WaitAsync(1));
            await Maybe(door?.PauseAsync(await NextAsync()));
            var m = await Maybe(door?.WaitAsync(await NextAsync()));
            var text = $"{await Maybe(door?.WaitAsync(2)) ?? -1} {await NextAsync() + (await Maybe(door?.WaitAsync(await NextAsync())) ?? 0)}";
            return $"{n} {m} {text} opened {door?.Opened} {s_next}";
        }

        [Coroutine]
        public static string StructParts(bool present)
        {
            s_next = 0;
            var doors = present ? new[] { new Door("d0"), new Door("d1") } : null;
            var box = present ? new DoorBox("b") : null;
            var a = doors?[0].Wait(1);
            var b = doors?[Next() % 2].Wait(Next());
            doors?[1].Pause(2);
            var c = box?.Prop.Wait(3);
            var d = box?.Field.Wait(Next());
            box?.Field.Pause(1);
            var e = $"{doors?[1].Wait(4) ?? -1} {box?.Prop.Wait(Next()) ?? -1}";
            Trace.Log($"opened: {doors?[0].Opened} {doors?[1].Opened} {box?.Prop.Opened} {box?.Field.Opened}");
            return $"{a} {b} {c} {d} {e} {s_next}";
        }

        public static async Task<string> StructPartsAsync(bool present)
        {
            s_next = 0;
            var doors = present ? new[] { new Door("d0"), new Door("d1") } : null;
            var box = present ? new DoorBox("b") : null;
            var a = await Maybe(doors?[0].WaitAsync(1));
            var b = await Maybe(doors?[await NextAsync() % 2].WaitAsync(await NextAsync()));
            await Maybe(doors?[1].PauseAsync(2));
            var c = await Maybe(box?.Prop.WaitAsync(3));
            var d = await Maybe(box?.Field.WaitAsync(await NextAsync()));
            await Maybe(box?.Field.PauseAsync(1));
            var e = $"{await Maybe(doors?[1].WaitAsync(4)) ?? -1} {await Maybe(box?.Prop.WaitAsync(await NextAsync())) ?? -1}";
            Trace.Log($"opened: {doors?[0].Opened} {doors?[1].Opened} {box?.Prop.Opened} {box?.Field.Opened}");
            return $"{a} {b} {c} {d} {e} {s_next}";
        }
        """));

    private static void Compare(string method, params object?[] args) => AsyncTwin.Compare(Program, Programs.StaticType, method, args);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_part_of_a_chain_that_suspends_runs_only_after_the_null_test(bool present) => Compare("SuspendingParts", present);

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, false)]
    public void A_chain_inside_a_chain_suspends_only_when_each_receiver_is_not_null(bool present, bool inner) => Compare("ChainsInChains", present, inner);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_nullable_struct_receiver_is_called_on_a_copy_of_its_value(bool present) => Compare("NullableStructReceivers", present);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_struct_part_is_called_in_place_when_it_is_a_variable_and_on_a_copy_otherwise(bool present) => Compare("StructParts", present);
}
