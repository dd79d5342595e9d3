using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// Locals of a ref struct type (<c>Span&lt;T&gt;</c>, <c>ReadOnlySpan&lt;T&gt;</c>) declared in a block that suspends, in loop bodies
/// too, and used only before each suspension: as C# 13 <c>async</c> accepts them (no field holds them), they stay locals of
/// <c>Step()</c>, declared again on each turn; against the direct call and the C# <c>async</c> twin.
/// </summary>
public sealed class RefStructLocalTests
{
    private static readonly SharedProgram Program = new("using System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + Programs.NextAndItsAsyncTwin + """
        /// <summary>In for, foreach, while and do bodies: declared before the suspension and used only before it, declared after it, read before a suspension in the same statement; a method-level one; the same name in two loops.</summary>
        [Coroutine]
        public static int Loops(int n)
        {
            Span<int> top = stackalloc int[2];
            top[1] = n;
            Trace.Log($"top {top[1]}");
            Yield.Sleep(1);
            var total = 0;
            for (var i = 0; i < n; i++)
            {
                Span<int> s = stackalloc int[2];
                s[0] = i;
                s[1] = s[0] * 10;
                Trace.Log($"for {s[0]} {s[1]}");
                Yield.Sleep(1);
                total += i;
            }
            foreach (var word in new[] { "ab", "cde" })
            {
                ReadOnlySpan<char> s = word.AsSpan(1);
                total += s.Length + Next(s.Length);
            }
            var j = 0;
            while (j < n)
            {
                Next(j);
                var s = new Span<int>(new[] { j, j + 1 });
                Trace.Log($"while {s[0] + s[1]}");
                j++;
            }
            do
            {
                Span<int> s = stackalloc int[3];
                s.Fill(j);
                if (j > 1)
                {
                    Trace.Log($"do {s[2]}");
                    Yield.Sleep(1);
                }
                j--;
            }
            while (j > 0);
            return total;
        }

        public static async Task<int> LoopsAsync(int n)
        {
            Span<int> top = stackalloc int[2];
            top[1] = n;
            Trace.Log($"top {top[1]}");
            await Task.Yield();
            var total = 0;
            for (var i = 0; i < n; i++)
            {
                Span<int> s = stackalloc int[2];
                s[0] = i;
                s[1] = s[0] * 10;
                Trace.Log($"for {s[0]} {s[1]}");
                await Task.Yield();
                total += i;
            }
            foreach (var word in new[] { "ab", "cde" })
            {
                ReadOnlySpan<char> s = word.AsSpan(1);
                total += s.Length + await NextAsync(s.Length);
            }
            var j = 0;
            while (j < n)
            {
                await NextAsync(j);
                var s = new Span<int>(new[] { j, j + 1 });
                Trace.Log($"while {s[0] + s[1]}");
                j++;
            }
            do
            {
                Span<int> s = stackalloc int[3];
                s.Fill(j);
                if (j > 1)
                {
                    Trace.Log($"do {s[2]}");
                    await Task.Yield();
                }
                j--;
            }
            while (j > 0);
            return total;
        }

        /// <summary>In a try whose body suspends (its finally runs on each turn), and in a switch section.</summary>
        [Coroutine]
        public static int Handlers(int n)
        {
            var total = 0;
            for (var i = 0; i < n; i++)
            {
                try
                {
                    Span<int> s = stackalloc int[1];
                    s[0] = i;
                    total += s[0];
                    Yield.Sleep(1);
                    if (i == 2)
                    {
                        throw new InvalidOperationException("two");
                    }
                }
                catch (InvalidOperationException e)
                {
                    Trace.Log($"caught {e.Message}");
                }
                finally
                {
                    Trace.Log($"finally {i}");
                }
                switch (i % 2)
                {
                    case 0:
                        Span<int> s = stackalloc int[2];
                        s[1] = i;
                        Trace.Log($"even {s[1]}");
                        total += Next(i);
                        break;
                    default:
                        Yield.Sleep(1);
                        break;
                }
            }
            return total;
        }

        public static async Task<int> HandlersAsync(int n)
        {
            var total = 0;
            for (var i = 0; i < n; i++)
            {
                try
                {
                    Span<int> s = stackalloc int[1];
                    s[0] = i;
                    total += s[0];
                    await Task.Yield();
                    if (i == 2)
                    {
                        throw new InvalidOperationException("two");
                    }
                }
                catch (InvalidOperationException e)
                {
                    Trace.Log($"caught {e.Message}");
                }
                finally
                {
                    Trace.Log($"finally {i}");
                }
                switch (i % 2)
                {
                    case 0:
                        Span<int> s = stackalloc int[2];
                        s[1] = i;
                        Trace.Log($"even {s[1]}");
                        total += await NextAsync(i);
                        break;
                    default:
                        await Task.Yield();
                        break;
                }
            }
            return total;
        }

        /// <summary>Assigned again after the suspension before any read (a span, and a ref local by ref reassignment): the value from before is dead there, as C# finds.</summary>
        [Coroutine]
        public static string Overwritten(int n)
        {
            var numbers = new[] { 1, 2, 3 };
            for (var i = 0; i < n; i++)
            {
                Span<int> s = stackalloc int[2];
                s[0] = i;
                ref int r = ref numbers[i % 3];
                r += s[0];
                Yield.Sleep(1);
                s = new Span<int>(numbers, 1, 2);
                r = ref numbers[0];
                r += s[0] + s.Length;
                Trace.Log($"overwritten {r} {s[1]}");
            }
            return string.Join(",", numbers);
        }

        public static async Task<string> OverwrittenAsync(int n)
        {
            var numbers = new[] { 1, 2, 3 };
            for (var i = 0; i < n; i++)
            {
                Span<int> s = stackalloc int[2];
                s[0] = i;
                ref int r = ref numbers[i % 3];
                r += s[0];
                await Task.Yield();
                s = new Span<int>(numbers, 1, 2);
                r = ref numbers[0];
                r += s[0] + s.Length;
                Trace.Log($"overwritten {r} {s[1]}");
            }
            return string.Join(",", numbers);
        }
        """));

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Ref_struct_locals_used_only_before_each_suspension_in_loop_bodies(int n) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Loops", n);

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void Ref_struct_locals_in_a_suspending_try_and_a_switch_section(int n) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Handlers", n);

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void Ref_struct_and_ref_locals_assigned_again_after_the_suspension_before_any_read(int n) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Overwritten", n);
}
