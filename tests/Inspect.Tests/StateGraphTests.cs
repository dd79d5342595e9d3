using System.IO;
using System.Linq;
using Coroutines.Generator.Model;
using Xunit;

namespace Coroutines.Inspect.Tests;

/// <summary>An instruction the graph does not know: a try with a body, a finally and a label it jumps to after.</summary>
internal sealed record FakeTryInstruction(EquatableArray<Statement> Body, EquatableArray<Statement> Finally, string ExitLabel) : Statement(0);

public class StateGraphTests
{
    private static LoweredCoroutine Door() =>
        Inspector.Inspect(
            new[] { new SourceInput("Door.cs", File.ReadAllText(Path.Combine(Snapshot.Inputs(), "Door.cs"))) },
            new InspectOptions()).Machines.Single().Lowered;

    private static string[] Edges(StateGraph graph) =>
        graph.Transitions.Select(t => $"{t.From}->{(t.To == StateGraph.Done ? "done" : t.To.ToString(System.Globalization.CultureInfo.InvariantCulture))}{(t.OnException ? " on exception" : "")}").ToArray();

    private static EquatableArray<T> Array<T>(params T[] items)
        where T : System.IEquatable<T> => items.ToEquatableArray();

    [Fact]
    public void An_unknown_nested_instruction_is_followed_conservatively()
    {
        var door = Door();
        var body = Array<Statement>(
            new CodeStatement("A();", 1, false, EquatableArray<string>.Empty),
            new FakeTryInstruction(
                Array<Statement>(
                    new SuspendStatement(1, "global::Coroutines.Suspension.Sleep(1)", "Yield.Sleep(1);", 2),
                    new LabelStatement("resume1"),
                    new CodeStatement("B();", 3, false, EquatableArray<string>.Empty)),
                Array<Statement>(
                    new CodeStatement("C();", 4, false, EquatableArray<string>.Empty),
                    new SuspendStatement(2, "global::Coroutines.Suspension.Sleep(2)", "Yield.Sleep(2);", 5),
                    new LabelStatement("resume2")),
                "after"),
            new ReturnStatement(null, 6),
            new LabelStatement("after"),
            new SuspendStatement(3, "global::Coroutines.Suspension.Sleep(3)", "Yield.Sleep(3);", 7),
            new LabelStatement("resume3"),
            new ReturnStatement(null, 8));
        var states = Array(
            new StateInfo(1, "Yield.Sleep(1);", 2),
            new StateInfo(2, "Yield.Sleep(2);", 5),
            new StateInfo(3, "Yield.Sleep(3);", 7));

        var graph = StateGraph.Build(door with { Body = body, States = states });

        // Into the body or (an exception) the finally, or on past it; from inside the body on
        // to the finally; after either, to what follows or to the label the instruction names.
        Assert.Equal(
            new[] { "0->1", "0->2", "0->3", "0->done", "1->2", "1->3", "1->done", "2->3", "2->done", "3->done" },
            Edges(graph));
    }

    [Fact]
    public void Kept_code_that_returns_or_throws_ends_the_step_there()
    {
        var door = Door();
        var body = Array<Statement>(
            new CodeStatement("if (x)\n{\n    return Complete(1);\n}", 1, false, EquatableArray<string>.Empty),
            new SuspendStatement(1, "global::Coroutines.Suspension.Sleep(1)", "Yield.Sleep(1);", 2),
            new LabelStatement("resume1"),
            new CodeStatement("throw new System.InvalidOperationException();", 3, false, EquatableArray<string>.Empty),
            new SuspendStatement(2, "global::Coroutines.Suspension.Sleep(2)", "Yield.Sleep(2);", 4),
            new LabelStatement("resume2"),
            new CodeStatement("Func<int> f = () => { return 1; };\ngoto resume2;", 5, false, EquatableArray<string>.Empty));
        var states = Array(new StateInfo(1, "Yield.Sleep(1);", 2), new StateInfo(2, "Yield.Sleep(2);", 4));

        var graph = StateGraph.Build(door with { Body = body, States = states });

        // State 1 only throws (a fault is not a state); the lambda's return is not the method's.
        Assert.Equal(new[] { "0->1", "0->done" }, Edges(graph));
    }
}
