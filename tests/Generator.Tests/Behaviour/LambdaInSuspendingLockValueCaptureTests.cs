using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A lambda over an anonymous type that captures a per-iteration variable of a loop that suspends, assigned to an element of
/// a span before or after a suspension of a <c>lock</c>'s value that declares a variable (by an <c>out</c> argument) that
/// closures in the lock's body and after the lock capture: the variable is the enclosing block's, as an <c>if</c> condition's.
/// Against the direct call and the C# <c>async</c> twin (with LambdaInSuspendingConditionCaptureTests' helpers).
/// </summary>
public sealed class LambdaInSuspendingLockValueCaptureTests
{
    private const string Locks = """
        [Coroutine]
        public static string Locks(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var slots = SlotsOf(rows[0]);
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                // After the suspension: its variable is the block's.
                lock (Next(copy) + (Parsed(copy + 30, out var lk) ? 0 : 1) >= 0 && (slots.AsSpan()[0] = x => x.A * 19 + copy + lk) is not null ? later : new object())
                {
                    var nineteenth = slots[0];
                    later.Add(() => nineteenth(rows[1]) + lk);
                }
                later.Add(() => lk * 2);
                // Before the suspension.
                lock ((Parsed(copy + 40, out var lb) && (slots.AsSpan()[0] = x => x.A * 29 + copy + lb) is not null ? Next(lb) : 0) > 0 ? later : new object())
                {
                    var twentyninth = slots[0];
                    later.Add(() => twentyninth(rows[0]) + lb);
                    lb++;
                }
                later.Add(() => lb * 3);
                // Without such a lambda: the variable is read in the body and after the lock.
                int total = 0;
                lock (Next(copy) + (Parsed(copy + 50, out var ln) ? ln : 0) > 0 ? later : new object())
                {
                    total += ln;
                    later.Add(() => ln);
                }
                total += ln * 5;
                later.Add(() => total);
                if (i % 2 == 1)
                {
                    Yield.Sleep(1);
                }
                copy += 100;
            }
            return string.Join(",", later.Select(f => f()));
        }
        """;

    private static readonly SharedProgram LocksProgram =
        LambdaCaptureHelpers.WithAsyncTwin(LambdaInSuspendingConditionCaptureTests.Helpers, Locks, "Locks");

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void A_lambda_assigned_to_a_span_element_in_a_suspending_lock_value_that_declares_a_variable_keeps_each_iterations_variables(int count) =>
        Assert.Null(AsyncTwin.Compare(LocksProgram, Programs.StaticType, "Locks", count).Exception);
}
