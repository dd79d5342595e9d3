using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Coroutines.Tests.Snapshots;

/// <summary>
/// A saveable <c>[Coroutine]</c> local function two levels deep (issue 14, point 7): inside a saveable
/// local function that shares the method's variables, it shares both coroutines' variables. Its state
/// machine is nested in the outer local function's, itself nested in the method's; its snapshot
/// registration is written in the user's class, two levels out. Saved at every millisecond of the run,
/// restored and cloned, the program ends with what the uninterrupted run returns: after a restore the
/// inner one still reads and writes the variables of both coroutines around it.
/// </summary>
public static partial class NestedLocalFunctionSnapshotTests
{
    [Coroutine(Saveable = true)]
    public static string Nest(int start)
    {
        int count = start;
        string log = "";
        for (int i = 0; i < 2; i++)
        {
            Outer(i + 1);
            log += $"<{count}>";
        }
        return $"{count} {log}";

        [Coroutine(Saveable = true)]
        void Outer(int times)
        {
            int seen = times * 10;
            for (int k = 0; k < times; k++)
            {
                Inner(k);
                Yield.Sleep(1);
            }
            log += $"[{seen}]";

            [Coroutine(Saveable = true)]
            void Inner(int k)
            {
                Yield.Sleep(1);
                seen += k + 1;
                count++;
                Yield.Sleep(1);
                log += $"{count}.{seen} ";
            }
        }
    }

    private static readonly SavedProgram<string> Program = new("nest", () => NestCoroutine(5));

    // Every millisecond of the run, while it is live (it ends at 9 ms).
    public static IEnumerable<object[]> Moments() => Enumerable.Range(0, 9).Select(at => new object[] { at });

    public sealed class Tests
    {
        [Fact]
        public void The_uninterrupted_run_goes_through_both_levels() =>
            Assert.Equal("8 6.11 [11]<6>7.21 8.23 [23]<8>", Program.Uninterrupted());

        [Theory]
        [MemberData(nameof(Moments), MemberType = typeof(NestedLocalFunctionSnapshotTests))]
        public void Restored_at_any_moment_it_ends_as_the_uninterrupted_run(int at) => Program.AssertRestoredAtEndsAsUninterrupted(at);

        [Theory]
        [InlineData(1, true)]
        [InlineData(4, false)]
        [InlineData(7, true)]
        public void A_clone_and_its_original_end_as_the_uninterrupted_run(int at, bool originalFirst) => Program.AssertCloneAndOriginalEndAsUninterrupted(at, originalFirst);
    }
}
