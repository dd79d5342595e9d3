using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// <c>doors?[i].Wait(F())</c>: a struct array element of a <c>?.</c> chain called in place, whose argument suspends.
/// C# (and its <c>async</c>) takes the element by reference when the chain reaches it, so an index out of range
/// throws before <c>F()</c> runs and suspends; against the direct call and the C# <c>async</c> twin.
/// </summary>
public sealed class ConditionalChainStructIndexTests
{
    private static readonly SharedProgram Program = new("using System.Threading.Tasks;\n" + Programs.Static(Programs.TestTypes + """
        [Coroutine]
        private static int Arg(int x)
        {
            Yield.Sleep(1);
            Trace.Log($"arg {x}");
            return x;
        }

        private static async Task<int> ArgAsync(int x)
        {
            await Task.Yield();
            Trace.Log($"arg {x}");
            return x;
        }

        private static async Task<T> Later<T>(T value)
        {
            await Task.Yield();
            return value;
        }

        private static async Task<int?> Maybe(Task<int>? task) => task is null ? null : await task;

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
        }

        [Coroutine]
        public static string Open(bool present, int index)
        {
            var doors = present ? new[] { new Door("d0"), new Door("d1") } : null;
            var a = doors?[index].Wait(Arg(1));
            Trace.Log($"opened: {doors?[0].Opened} {doors?[1].Opened}");
            return $"{a}";
        }

        public static async Task<string> OpenAsync(bool present, int index)
        {
            var doors = present ? new[] { new Door("d0"), new Door("d1") } : null;
            var a = await Maybe(doors?[index].WaitAsync(await ArgAsync(1)));
            Trace.Log($"opened: {doors?[0].Opened} {doors?[1].Opened}");
            return $"{a}";
        }
        """));

    [Theory]
    [InlineData(true, 1)]
    [InlineData(true, 2)]
    [InlineData(true, -1)]
    [InlineData(false, 5)]
    public void The_element_index_is_checked_before_the_arguments(bool present, int index) =>
        AsyncTwin.Compare(Program, Programs.StaticType, "Open", present, index);
}
