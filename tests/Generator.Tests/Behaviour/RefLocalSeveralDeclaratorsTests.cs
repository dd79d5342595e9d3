using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A ref local declaration of several variables, one of whose initializers suspends
/// (<c>ref int first = ref numbers[0], slot = ref numbers[Next(1)];</c>), accepted as C# <c>async</c>
/// accepts it with an <c>await</c> there: the declarators are evaluated left to right, each after its
/// own initializer's suspension (an earlier one refers to its element before a later one suspends and
/// may be read or written in that one's initializer before the suspension; a later one's array is read
/// before it and the reference taken after the resume), the writes through each reference seen in the
/// array. As in C#, an earlier one may not be used after a later one's suspension (COR0009, CS9217).
/// Against the direct call and the C# async twin.
/// </summary>
public sealed class RefLocalSeveralDeclaratorsTests
{
    private static readonly SharedProgram Program = new("using System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + Programs.NextAndItsAsyncTwin + """
        private static int[] Shared = { 1, 2, 3 };
        private static int Position;

        /// <summary>Replaces the shared array and moves the position while it waits: `before` refers to the old array's first element, taken before; `after` into the old array too, at the index computed around it; `last` reads the new position and array.</summary>
        [Coroutine]
        private static int Replace(int x)
        {
            Yield.Sleep(1);
            Trace.Log($"replace, index {x}");
            Shared = new[] { -1, -2, -3 };
            Position = 2;
            return x;
        }

        private static async Task<int> ReplaceAsync(int x)
        {
            await Task.Yield();
            Trace.Log($"replace, index {x}");
            Shared = new[] { -1, -2, -3 };
            Position = 2;
            return x;
        }

        private static int[] Pick(int[] numbers, string which)
        {
            Trace.Log($"pick {which}");
            return numbers;
        }

        [Coroutine]
        public static string Several(int n)
        {
            int[] numbers = { 10, 20, 30 };
            ref int first = ref numbers[0], slot = ref numbers[Next(1)];
            slot++;
            Trace.Log($"{string.Join(",", numbers)}");

            Shared = new[] { 1, 2, 3 };
            Position = 0;
            var old = Shared;
            ref int before = ref Pick(Shared, "before")[Position], after = ref Pick(Shared, "after")[before++ + Replace(1)], last = ref Shared[Position];
            after += 200;
            last += 300;
            Trace.Log($"old {string.Join(",", old)}, new {string.Join(",", Shared)}");

            var total = 0;
            for (var i = 0; i < n; i++)
            {
                ref int a = ref numbers[Next(i % 3)], b = ref numbers[(i + 1) % 3];
                a *= 2;
                b += a;
                total += a + b;
                ref int c = ref numbers[(i + 2) % 3], d = ref numbers[Next(c % 3)];
                d -= 1;
                total += d;
            }
            ref readonly int x = ref numbers[Next(0)], y = ref numbers[1];
            return $"{total} {x} {y} {string.Join(",", numbers)}";
        }

        public static async Task<string> SeveralAsync(int n)
        {
            int[] numbers = { 10, 20, 30 };
            ref int first = ref numbers[0], slot = ref numbers[await NextAsync(1)];
            slot++;
            Trace.Log($"{string.Join(",", numbers)}");

            Shared = new[] { 1, 2, 3 };
            Position = 0;
            var old = Shared;
            ref int before = ref Pick(Shared, "before")[Position], after = ref Pick(Shared, "after")[before++ + await ReplaceAsync(1)], last = ref Shared[Position];
            after += 200;
            last += 300;
            Trace.Log($"old {string.Join(",", old)}, new {string.Join(",", Shared)}");

            var total = 0;
            for (var i = 0; i < n; i++)
            {
                ref int a = ref numbers[await NextAsync(i % 3)], b = ref numbers[(i + 1) % 3];
                a *= 2;
                b += a;
                total += a + b;
                ref int c = ref numbers[(i + 2) % 3], d = ref numbers[await NextAsync(c % 3)];
                d -= 1;
                total += d;
            }
            ref readonly int x = ref numbers[await NextAsync(0)], y = ref numbers[1];
            return $"{total} {x} {y} {string.Join(",", numbers)}";
        }

        /// <summary>An index out of range throws when its own declarator is evaluated: after the earlier ones, before the later suspensions.</summary>
        [Coroutine]
        public static int Fails(int index)
        {
            var numbers = new[] { 1, 2 };
            ref int good = ref numbers[Next(0)], bad = ref numbers[index], never = ref numbers[Next(1)];
            Trace.Log("taken");
            return never;
        }

        public static async Task<int> FailsAsync(int index)
        {
            var numbers = new[] { 1, 2 };
            ref int good = ref numbers[await NextAsync(0)], bad = ref numbers[index], never = ref numbers[await NextAsync(1)];
            Trace.Log("taken");
            return never;
        }
        """));

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void Each_ref_local_of_a_declaration_takes_its_reference_in_order_around_the_suspensions(int n) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Several", n);

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void An_index_out_of_range_throws_when_its_own_declarator_is_evaluated(int index) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Fails", index);
}
