using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Coroutines.Tests.Snapshots;

/// <summary>
/// Saveable <c>[Coroutine]</c> local functions (issue 14, point 7): one that captures nothing (a
/// state machine of the containing type, registered as a method's), and ones that share the
/// variables of the saveable coroutine around them (their state machines hold that coroutine's,
/// saved as a reference to its frame, so after a restore or a clone they still read and write the
/// same variables). Saved at every millisecond of the run, restored and cloned, the program ends
/// with what the uninterrupted run returns.
/// </summary>
public static partial class LocalFunctionSnapshotTests
{
    [Coroutine(Saveable = true)]
    public static string Tally(int start)
    {
        int count = start;
        string log = "";
        for (int i = 0; i < 3; i++)
        {
            Add(i + 1);
            log += $"<{count}>";
            Yield.Sleep(1);
        }
        var doubled = Double(count);
        Note("end");
        return $"{count} {doubled} {log}";

        [Coroutine(Saveable = true)]
        void Add(int times)
        {
            for (int k = 0; k < times; k++)
            {
                count++;
                Yield.Sleep(2);
                log += count;
            }
            Note($"add {times}");
        }

        [Coroutine(Saveable = true)]
        void Note(string what)
        {
            Yield.Sleep(1);
            log += $"({what}: {count})";
        }

        [Coroutine(Saveable = true)]
        static int Double(int x)
        {
            Yield.Sleep(3);
            return x * 2;
        }
    }

    private static readonly SavedProgram<string> Program = new("tally", () => TallyCoroutine(5));

    // Every millisecond of the run, while it is live (it ends at 22 ms).
    public static IEnumerable<object[]> Moments() => Enumerable.Range(0, 22).Select(at => new object[] { at });

    public sealed class Tests
    {
        [Fact]
        public void The_uninterrupted_run_goes_through_every_local_function() =>
            Assert.Equal("11 22 6(add 1: 6)<6>78(add 2: 8)<8>91011(add 3: 11)<11>(end: 11)", Program.Uninterrupted());

        [Theory]
        [MemberData(nameof(Moments), MemberType = typeof(LocalFunctionSnapshotTests))]
        public void Restored_at_any_moment_it_ends_as_the_uninterrupted_run(int at) => Program.AssertRestoredAtEndsAsUninterrupted(at);

        [Theory]
        [InlineData(3, true)]
        [InlineData(8, false)]
        [InlineData(20, true)]
        public void A_clone_and_its_original_end_as_the_uninterrupted_run(int at, bool originalFirst) => Program.AssertCloneAndOriginalEndAsUninterrupted(at, originalFirst);
    }
}
