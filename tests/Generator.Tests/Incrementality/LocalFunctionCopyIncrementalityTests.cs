using System;
using Coroutines.Generator.Tests.Infrastructure;
using Xunit;

namespace Coroutines.Generator.Tests.Incrementality;

/// <summary>
/// A <c>[Coroutine]</c> local function declares copies of the local functions it uses
/// (LocalFunctionCoroutines.UsedLocalFunctions): its memoized result (LoweringMemo) depends on their
/// text too, also when they are declared in another of the top-level statements. An edit of such a
/// local function's body must reach the copy.
/// </summary>
public sealed class LocalFunctionCopyIncrementalityTests
{
    private const string Program = """
        using Coroutines;

        var made = WaitCoroutine(2);

        static int Scale(int x) => x * 10;

        [Coroutine]
        static int Wait(int ms)
        {
            Yield.Sleep(ms);
            return Scale(ms);
        }
        """;

    [Fact]
    // The edit keeps the length: Wait does not move, so only the hash of the text it depends on can tell the change.
    public void An_edit_of_a_used_local_function_in_another_top_level_statement_reaches_the_copy()
    {
        var first = GeneratorHarness.Run(new SourceFile("Program.cs", Program));
        Assert.Contains("x * 10", first.GeneratedSource("WaitStateMachine.g.cs"), StringComparison.Ordinal);

        var second = first.RerunWithEdit("Program.cs", Program.Replace("x * 10", "x * 77", StringComparison.Ordinal));

        Assert.Contains("x * 77", second.GeneratedSource("WaitStateMachine.g.cs"), StringComparison.Ordinal);
    }
}
