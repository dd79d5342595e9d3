using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A lambda over an anonymous type that captures a per-iteration variable of a loop that suspends, given to a call whose value
/// is a ref struct given by reference to a method named without a receiver that a ref local refers into, after arguments that
/// evaluate nothing (<c>ref var r = ref Second(n, ref Filled(...)[0]);</c>, <c>n</c> a local nothing in the value writes and no
/// closure captures): the value is kept in a local of its own, assigned in a block that keeps the environment, and the ref local
/// refers into it, the arguments before it read after that block, where they have the same values. Each lambda keeps its iteration's
/// variables, also when the loop runs several iterations before it suspends. Against the C# <c>async</c> twin.
/// </summary>
public sealed class LambdaReferredIntoAfterArgumentsCaptureTests
{
    private const string Helpers = """
        private static List<Func<T, int>> ListOf<T>(T sample) => new List<Func<T, int>>();

        """;

    // The coroutine; its C# async twin is made from its text (a sleep becomes `await Task.Yield()`, a call of Next an await of
    // NextAsync): the same body, compiled by C# itself.
    private const string Referred = """
        [Coroutine]
        public static string Referred(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var made = ListOf(rows[0]);
            var later = new List<Func<int>>();
            int n = 3;
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                int twice = i * 2;
                // After a local and a constant: both read after the block that keeps the environment, with the same values.
                Span<int> buffer = stackalloc int[2];
                ref var picked = ref Second(n, ref Filled(buffer, rows, x => x.A * 3 + copy, made)[1]);
                picked += 1000;
                ref readonly var read = ref Third(twice, "named", ref Filled([20, 30], rows, x => x.A * 13 + copy, made)[0]);
                Trace.Log($"picked {picked} {buffer[1]} {read}");
                n += twice;
                var fetched = Next(copy);
                later.Add(() => fetched + copy);
                // Several iterations run before a suspension: each lambda keeps its own iteration's variables.
                if (i % 3 == 2)
                {
                    Yield.Sleep(1);
                }
                copy += 100;
            }
            return string.Join(",", later.Select(f => f()).Concat(made.Select(f => f(rows[1]))).Append(n));
        }
        """;

    private static readonly SharedProgram ReferredProgram = LambdaCaptureHelpers.WithAsyncTwin(LambdaCaptureHelpers.Filled + LambdaCaptureHelpers.Referring + Helpers, Referred, "Referred");

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void A_value_given_by_reference_after_arguments_that_evaluate_nothing_keeps_each_iterations_variable(int count) =>
        AsyncTwin.Compare(ReferredProgram, Programs.StaticType, "Referred", count);
}
