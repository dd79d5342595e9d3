using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A variable that the value of a <c>switch</c> or the collection of a <c>foreach</c> declares before (or after) its suspension,
/// captured by a closure, in a loop that suspends: the statement's new environment is made before the value is evaluated, so the
/// variable is this entry's (it once went into the environment of the entry before, or into none on the first).
/// Against the direct call and the C# <c>async</c> twin.
/// </summary>
public sealed class SpilledValueVariableCaptureTests
{
    private const string Helpers = """
        private static bool Parsed(int value, out int parsed)
        {
            Trace.Log($"parsed {value}");
            parsed = value;
            return true;
        }

        """;

    private const string Values = """
        [Coroutine]
        public static string Values(int count)
        {
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                switch ((Parsed(copy * 7, out var sw) ? sw : 0) + Next(copy))
                {
                    case var v when v % 2 == 0:
                        later.Add(() => v + sw);
                        break;
                    default:
                        later.Add(() => -sw);
                        break;
                }
                later.Add(() => sw * 1000);
                switch (Next(copy) + (Parsed(copy * 3, out var after) ? after : 0))
                {
                    case > 4:
                        later.Add(() => after * 10);
                        break;
                }
                foreach (var e in (Parsed(copy + 20, out var fe) ? new[] { fe, fe + 1 } : new int[0]).Take(Next(1)))
                {
                    later.Add(() => e + fe);
                }
                if (i % 2 == 1)
                {
                    Yield.Sleep(1);
                }
            }
            return string.Join(",", later.Select(f => f()));
        }
        """;

    private static readonly SharedProgram ValuesProgram = LambdaCaptureHelpers.WithAsyncTwin(Helpers, Values, "Values");

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void A_variable_a_suspending_switch_value_or_foreach_collection_declares_is_each_entrys_own(int count) =>
        Assert.Null(AsyncTwin.Compare(ValuesProgram, Programs.StaticType, "Values", count).Exception);
}
