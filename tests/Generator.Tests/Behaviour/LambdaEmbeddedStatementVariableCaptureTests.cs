using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Behaviour;

/// <summary>
/// A variable declared in a call made with a lambda over an anonymous type that captures a per-iteration variable of a loop that
/// suspends, in an embedded statement that is not an expression statement (<c>if (c) return F(..., out var k, x =&gt; ...) &amp;&amp; Keep(() =&gt; k) ? ... : ...;</c>),
/// captured by a closure: its scope is the embedded statement, so it lives in an environment of that statement, made each time the
/// statement runs, the statement written as a block of its own. Each closure keeps its run's variable. Against the C# <c>async</c> twin.
/// </summary>
public sealed class LambdaEmbeddedStatementVariableCaptureTests
{
    private const string Helpers = """
        private static bool Keep(List<Func<int>> later, Func<int> value)
        {
            Trace.Log($"keep {value()}");
            later.Add(value);
            return true;
        }

        private static string Join(List<Func<int>> later) => string.Join(",", later.Select(f => f()));

        """;

    // The coroutine; its C# async twin is made from its text (a sleep becomes `await Task.Yield()`, a call of Next an await of
    // NextAsync): the same body, compiled by C# itself.
    private const string Embedded = """
        [Coroutine]
        public static string Embedded(int count)
        {
            var rows = new[] { new { A = 1 }, new { A = 2 } };
            var later = new List<Func<int>>();
            for (int i = 0; i < count; i++)
            {
                int copy = i;
                // A `return` embedded in an `if`, and in its `else`: the variable is the statement's, new each time it runs.
                if (copy == 5)
                    return Array.TrueForAll(new[] { new { A = int.TryParse($"{copy}", out var parsed) ? parsed : 0 } }, x => x.A + copy > 0) && Keep(later, () => parsed * 10 + copy) ? Join(later) : "none";
                else if (copy > 5)
                    return Array.Exists(new[] { new { A = int.TryParse($"{copy + 1}", out var other) ? other : 0 } }, x => x.A + copy > 0) && Keep(later, () => other * 100 + copy) ? Join(later) : "other";
                var fetched = Next(copy);
                later.Add(() => fetched + copy);
                // Several iterations run before a suspension: each closure keeps its own iteration's variables.
                if (i % 3 == 2)
                {
                    Yield.Sleep(1);
                }
                copy += 100;
            }
            return Join(later);
        }
        """;

    private static readonly SharedProgram EmbeddedProgram = LambdaCaptureHelpers.WithAsyncTwin(Helpers, Embedded, "Embedded");

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void A_variable_an_embedded_statements_call_declares_is_new_each_time_the_statement_runs(int count) =>
        AsyncTwin.Compare(EmbeddedProgram, Programs.StaticType, "Embedded", count);
}
