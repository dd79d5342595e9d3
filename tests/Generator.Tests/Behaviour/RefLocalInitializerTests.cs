using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A ref local whose initializer suspends (<c>ref int slot = ref numbers[Next(1)];</c>), accepted as C#
/// <c>async</c> accepts <c>ref int slot = ref numbers[await F()];</c> when the local lives across no
/// later suspension: the array (or the object holding it) is evaluated before the suspension, the
/// reference is taken after the resume (its index checked then, a null array found then), and the
/// local is declared there, a local of <c>Step()</c>. Against the direct call and the C# async twin.
/// </summary>
public sealed class RefLocalInitializerTests
{
    private static readonly SharedProgram Program = new("using System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + Programs.NextAndItsAsyncTwin + """
        private static int[] Shared = { 1, 2, 3 };

        public struct Door
        {
            public int Opened;
        }

        /// <summary>Replaces the shared array while it waits: a reference taken after the resume is still into the array read before.</summary>
        [Coroutine]
        private static int Replace(int x)
        {
            Yield.Sleep(1);
            Trace.Log($"replace, index {x}");
            Shared = new[] { -1, -2, -3 };
            return x;
        }

        private static async Task<int> ReplaceAsync(int x)
        {
            await Task.Yield();
            Trace.Log($"replace, index {x}");
            Shared = new[] { -1, -2, -3 };
            return x;
        }

        private static int[] Pick(int[] numbers)
        {
            Trace.Log("pick the array");
            return numbers;
        }

        [Coroutine]
        public static string Elements(int n)
        {
            Shared = new[] { 1, 2, 3 };
            var old = Shared;
            ref int first = ref Shared[Replace(1)];
            first += 100;
            Trace.Log($"old {string.Join(",", old)}, new {string.Join(",", Shared)}");
            var numbers = new[] { 10, 20, 30 };
            var total = 0;
            for (var i = 0; i < n; i++)
            {
                ref int slot = ref Pick(numbers)[Next(i % 3)];
                slot *= 2;
                total += slot;
                ref readonly int read = ref numbers[Next(2) - 1];
                total += read;
            }
            var doors = new Door[2];
            ref int opened = ref doors[Next(1)].Opened;
            opened += 7;
            return $"{total} {string.Join(",", numbers)} {doors[0].Opened} {doors[1].Opened}";
        }

        public static async Task<string> ElementsAsync(int n)
        {
            Shared = new[] { 1, 2, 3 };
            var old = Shared;
            ref int first = ref Shared[await ReplaceAsync(1)];
            first += 100;
            Trace.Log($"old {string.Join(",", old)}, new {string.Join(",", Shared)}");
            var numbers = new[] { 10, 20, 30 };
            var total = 0;
            for (var i = 0; i < n; i++)
            {
                ref int slot = ref Pick(numbers)[await NextAsync(i % 3)];
                slot *= 2;
                total += slot;
                ref readonly int read = ref numbers[await NextAsync(2) - 1];
                total += read;
            }
            var doors = new Door[2];
            ref int opened = ref doors[await NextAsync(1)].Opened;
            opened += 7;
            return $"{total} {string.Join(",", numbers)} {doors[0].Opened} {doors[1].Opened}";
        }

        /// <summary>An index out of range, or a null array, throws after the suspension, when the reference is taken.</summary>
        [Coroutine]
        public static int Fails(int index, bool none)
        {
            var numbers = none ? null! : new[] { 1, 2 };
            ref int slot = ref Pick(numbers)[Next(index)];
            Trace.Log("taken");
            return slot;
        }

        public static async Task<int> FailsAsync(int index, bool none)
        {
            var numbers = none ? null! : new[] { 1, 2 };
            ref int slot = ref Pick(numbers)[await NextAsync(index)];
            Trace.Log("taken");
            return slot;
        }
        """));

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void Ref_locals_whose_initializer_suspends_take_the_reference_after_the_resume(int n) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Elements", n);

    [Theory]
    [InlineData(1, false)]
    [InlineData(5, false)]
    [InlineData(0, true)]
    public void An_index_out_of_range_or_a_null_array_throws_after_the_suspension(int index, bool none) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Fails", index, none);
}
