using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Ref locals in a coroutine, with C# 13's rule for <c>async</c> (CS9217): declared and used between
/// two suspensions, or as the receiver of the suspension itself (<c>ref Door d = ref doors[i]; d.Knock(1);</c>),
/// they stay locals of <c>Step()</c> and work on the variable they refer to; against the direct call and
/// the C# <c>async</c> twin (which the compiler accepts only because no ref local lives across an await).
/// </summary>
public sealed class RefLocalTests
{
    private static readonly SharedProgram Program = new("using System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + Programs.NextAndItsAsyncTwin + """
        private static async Task<T> Later<T>(T value)
        {
            await Task.Yield();
            return value;
        }

        /// <summary>A struct whose suspension point (no result method) and coroutine change it when they start.</summary>
        public partial struct Door
        {
            public Door(string name)
            {
                Name = name;
                Opened = 0;
            }

            public string Name;
            public int Opened;

            [SuspensionPoint(nameof(BeginKnock))]
            public void Knock(int x)
            {
                Opened++;
                Trace.Log($"{Name} knocked {Opened} times, waits {x}");
                Yield.Sleep(x);
            }

            public Suspension BeginKnock(int x)
            {
                Opened++;
                Trace.Log($"{Name} knocked {Opened} times, waits {x}");
                return Suspension.Sleep(x);
            }

            public Task KnockAsync(int x)
            {
                Opened++;
                Trace.Log($"{Name} knocked {Opened} times, waits {x}");
                return Later(x);
            }

            /// <summary>A struct coroutine: as a C# async method, it runs on a copy of the struct it is called on.</summary>
            [Coroutine]
            public int Wait(int x)
            {
                Opened++;
                Trace.Log($"{Name} opened {Opened} times (its copy), waits {x}");
                Yield.Sleep(x);
                return 100 * Opened + x;
            }

            public async Task<int> WaitAsync(int x)
            {
                Opened++;
                Trace.Log($"{Name} opened {Opened} times (its copy), waits {x}");
                await Task.Yield();
                return 100 * Opened + x;
            }
        }

        [Coroutine]
        public static string Receiver(int i)
        {
            var doors = new[] { new Door("d0"), new Door("d1") };
            ref Door d = ref doors[i];
            d.Opened += 10;
            d.Knock(1);
            Trace.Log($"after the knock: {doors[0].Opened} {doors[1].Opened}");
            var wait = Next(2);
            ref Door e = ref doors[1 - i];
            e.Knock(wait + e.Opened);
            return $"{doors[0].Opened} {doors[1].Opened}";
        }

        public static async Task<string> ReceiverAsync(int i)
        {
            var doors = new[] { new Door("d0"), new Door("d1") };
            ref Door d = ref doors[i];
            d.Opened += 10;
            await d.KnockAsync(1);
            Trace.Log($"after the knock: {doors[0].Opened} {doors[1].Opened}");
            var wait = await NextAsync(2);
            ref Door e = ref doors[1 - i];
            await e.KnockAsync(wait + e.Opened);
            return $"{doors[0].Opened} {doors[1].Opened}";
        }

        [Coroutine]
        public static string CoroutineReceiver(int i)
        {
            var doors = new[] { new Door("d0"), new Door("d1") };
            ref Door d = ref doors[i];
            d.Opened += 5;
            var a = d.Wait(3);
            Trace.Log($"after the wait: {doors[0].Opened} {doors[1].Opened}");
            return $"{a} {doors[0].Opened} {doors[1].Opened}";
        }

        public static async Task<string> CoroutineReceiverAsync(int i)
        {
            var doors = new[] { new Door("d0"), new Door("d1") };
            ref Door d = ref doors[i];
            d.Opened += 5;
            var a = await d.WaitAsync(3);
            Trace.Log($"after the wait: {doors[0].Opened} {doors[1].Opened}");
            return $"{a} {doors[0].Opened} {doors[1].Opened}";
        }

        /// <summary>Ref locals between suspensions: in a loop (a new reference each turn), read before a suspension in the same statement, the same name in two blocks, and a plain local of that name in a block kept as written.</summary>
        [Coroutine]
        public static string Between(int n)
        {
            var numbers = new[] { 1, 2, 3 };
            var total = 0;
            for (var i = 0; i < n; i++)
            {
                Yield.Sleep(1);
                ref int slot = ref numbers[i % 3];
                slot *= 10;
                Trace.Log($"slot {slot}");
                ref readonly int first = ref numbers[0];
                total += first + Next(slot);
            }
            {
                ref int slot = ref numbers[2];
                slot = -slot;
                Trace.Log($"last {numbers[2]}");
                Yield.Sleep(1);
            }
            Yield.Sleep(1);
            {
                int slot = 4;
                total += slot;
            }
            return $"{total} {string.Join(",", numbers)}";
        }

        public static async Task<string> BetweenAsync(int n)
        {
            var numbers = new[] { 1, 2, 3 };
            var total = 0;
            for (var i = 0; i < n; i++)
            {
                await Task.Yield();
                ref int slot = ref numbers[i % 3];
                slot *= 10;
                Trace.Log($"slot {slot}");
                ref readonly int first = ref numbers[0];
                total += first + await NextAsync(slot);
            }
            {
                ref int slot = ref numbers[2];
                slot = -slot;
                Trace.Log($"last {numbers[2]}");
                await Task.Yield();
            }
            await Task.Yield();
            {
                int slot = 4;
                total += slot;
            }
            return $"{total} {string.Join(",", numbers)}";
        }
        """));

    private static void Compare(string method, params object?[] args) => AsyncTwin.Compare(Program, Programs.StaticType, method, args);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_ref_local_receiver_of_a_suspension_point_is_called_in_place(int i) => Compare("Receiver", i);

    /// <summary>Only against the async twin: a direct call of a struct's method changes the element, a coroutine (as an async method) a copy.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_ref_local_receiver_of_a_struct_coroutine_is_called_on_the_element(int i) =>
        AsyncTwin.Compare(Program, new OracleCase { Sources = [.. Program.Sources], TypeName = Programs.StaticType, MethodName = "CoroutineReceiver", Args = [i] }, alsoDirect: false);

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void Ref_locals_declared_and_used_between_suspensions(int n) => Compare("Between", n);
}
