using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Ref locals declared in a <c>for</c> loop's header, with a suspension in an initializer
/// (<c>for (ref int x = ref numbers[Next(1)]; x &lt; 25; x++)</c>, several declarators
/// <c>ref int a = ref numbers[0], b = ref numbers[Next(2)]</c>) or in the loop's body: accepted as C#
/// <c>async</c> accepts them with an <c>await</c> there, when no use of them lives across a suspension
/// (RefLocalForHeaderDiagnosticsTests checks the refused ones against the compiler). The header's
/// declarators are lowered like a block's: each a local of <c>Step()</c>, declared after its own
/// initializer's suspensions, left to right. Against the direct call and the C# async twin.
/// </summary>
public sealed class RefLocalForHeaderTests
{
    private static readonly SharedProgram Program = new("using System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + Programs.NextAndItsAsyncTwin + """
        [Coroutine]
        public static string Header(int n)
        {
            int[] numbers = { 10, 20, 30, 40 };
            var total = 0;
            for (ref int x = ref numbers[Next(1)]; x < 25 + n; x++)
            {
                total += x;
            }
            Trace.Log($"{total} {string.Join(",", numbers)}");
            for (ref int a = ref numbers[0], b = ref numbers[Next(2)]; b < 33 + n; b += 2)
            {
                total += b;
            }
            for (ref int a = ref numbers[Next(0)], b = ref numbers[(a++ - 10) + Next(2)]; b < 40 + n; b += 3)
            {
                total += b;
            }
            Trace.Log($"{total} {string.Join(",", numbers)}");
            for (ref int x = ref numbers[Next(3)]; total < 300 + n * 10; total += 50)
            {
                Next(total % 7);
            }
            for (ref readonly int r = ref numbers[Next(1)], s = ref numbers[3]; total < 400 + r + s; total += r + s)
            {
            }
            for (var i = 0; i < n; i++)
            {
                for (ref int x = ref numbers[Next(i % 4)]; x < 100; x *= 3)
                {
                    total += x;
                }
                Next(i);
            }
            return $"{total} {string.Join(",", numbers)}";
        }

        public static async Task<string> HeaderAsync(int n)
        {
            int[] numbers = { 10, 20, 30, 40 };
            var total = 0;
            for (ref int x = ref numbers[await NextAsync(1)]; x < 25 + n; x++)
            {
                total += x;
            }
            Trace.Log($"{total} {string.Join(",", numbers)}");
            for (ref int a = ref numbers[0], b = ref numbers[await NextAsync(2)]; b < 33 + n; b += 2)
            {
                total += b;
            }
            for (ref int a = ref numbers[await NextAsync(0)], b = ref numbers[(a++ - 10) + await NextAsync(2)]; b < 40 + n; b += 3)
            {
                total += b;
            }
            Trace.Log($"{total} {string.Join(",", numbers)}");
            for (ref int x = ref numbers[await NextAsync(3)]; total < 300 + n * 10; total += 50)
            {
                await NextAsync(total % 7);
            }
            for (ref readonly int r = ref numbers[await NextAsync(1)], s = ref numbers[3]; total < 400 + r + s; total += r + s)
            {
            }
            for (var i = 0; i < n; i++)
            {
                for (ref int x = ref numbers[await NextAsync(i % 4)]; x < 100; x *= 3)
                {
                    total += x;
                }
                await NextAsync(i);
            }
            return $"{total} {string.Join(",", numbers)}";
        }

        /// <summary>An index out of range throws after the suspension, when its own declarator takes the reference; the earlier one is taken before.</summary>
        [Coroutine]
        public static int Fails(int index)
        {
            var numbers = new[] { 1, 2 };
            var total = 0;
            for (ref int good = ref numbers[Next(0)], bad = ref numbers[Next(index)]; bad < 5; bad++)
            {
                total += bad;
            }
            Trace.Log("taken");
            return total + numbers[0];
        }

        public static async Task<int> FailsAsync(int index)
        {
            var numbers = new[] { 1, 2 };
            var total = 0;
            for (ref int good = ref numbers[await NextAsync(0)], bad = ref numbers[await NextAsync(index)]; bad < 5; bad++)
            {
                total += bad;
            }
            Trace.Log("taken");
            return total + numbers[0];
        }
        """));

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Ref_locals_of_a_for_header_take_their_references_around_the_suspensions(int n) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Header", n);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void An_index_out_of_range_in_a_for_header_throws_after_its_own_suspension(int index) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Fails", index);
}
