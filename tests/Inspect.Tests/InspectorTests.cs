using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Coroutines.Inspect.Tests;

public class InspectorTests
{
    private static SourceInput Input(string name) =>
        new(name, File.ReadAllText(Path.Combine(Snapshot.Inputs(), name)));

    private static string Report(string name)
    {
        var inputs = new[] { Input(name) };
        var result = Inspector.Inspect(inputs, new InspectOptions());
        Assert.Empty(result.Diagnostics);
        return Inspector.Format(result, inputs, new InspectOptions());
    }

    [Fact]
    public void The_seed_worker_gives_its_known_state_machine_and_diagrams()
    {
        Snapshot.Verify(Report("Workers.cs"), "Workers", ".md");
    }

    [Fact]
    public void The_seed_worker_loops_in_its_one_state()
    {
        var machine = Inspector.Inspect(new[] { Input("Workers.cs") }, new InspectOptions()).Machines.Single();

        Assert.Equal("CountStateMachine", machine.MachineName);
        Assert.Equal("SeedDemo.Workers.CountStateMachine.g.cs", machine.HintName);
        Assert.Equal("Yield.Sleep(delayMs);", machine.Graph.States.Single().SourceText);
        Assert.Equal(new[] { "0->1", "0->done", "1->1", "1->done" }, Edges(machine.Graph));
        Assert.Contains("public static CountStateMachine CountCoroutine(string name, int steps, int delayMs)", machine.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Branches_loops_breaks_and_returns_give_the_known_transitions()
    {
        Snapshot.Verify(Report("Door.cs"), "Door", ".md");

        var machine = Inspector.Inspect(new[] { Input("Door.cs") }, new InspectOptions()).Machines.Single();
        Assert.Equal(
            new[] { "1 Yield.Sleep(500); 16", "2 Yield.Sleep(100); 20", "3 Yield.Sleep(TimeSpan.FromSeconds(1)); 25", "4 Yield.Sleep(250); 30" },
            machine.Graph.States.Select(s => $"{s.Number} {s.SourceText} {s.Line}"));
        // From the start: the early return, or one of the two first sleeps. After either, the loop's
        // first sleep; from there the break (return) or the loop's second sleep, which goes back.
        Assert.Equal(
            new[] { "0->1", "0->2", "0->done", "1->3", "2->3", "3->4", "3->done", "4->3" },
            Edges(machine.Graph));
    }

    [Fact]
    public void A_try_whose_catch_suspends_gives_transitions_that_only_an_exception_takes()
    {
        Snapshot.Verify(Report("Guarded.cs"), "Guarded", ".md");

        var machine = Inspector.Inspect(new[] { Input("Guarded.cs") }, new InspectOptions()).Machines.Single();
        Assert.Equal(new[] { "1 Yield.Sleep(100);", "2 Yield.Sleep(1000);" }, machine.Graph.States.Select(s => $"{s.Number} {s.SourceText}"));
        var edges = Edges(machine.Graph);
        // Run normally: start to the first sleep; from it, return; after the back-off, round the loop to the first sleep.
        Assert.Contains("0->1", edges);
        Assert.Contains("1->done", edges);
        Assert.Contains("2->1", edges);
        // The throw is caught and the handler sleeps: only an exception leads from 1 to 2.
        Assert.Contains("1->2 on exception", edges);
        Assert.DoesNotContain("1->2", edges);
        Assert.Contains(" -> S2 [style=dashed, label=\"on exception\"];", machine.Dot, System.StringComparison.Ordinal);
        Assert.Contains("S1 --> S2 : on exception\n", machine.Mermaid, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_escape_what_mermaid_and_dot_would_read_as_syntax()
    {
        var machine = Inspector.Inspect(new[] { Input("Escapes.cs") }, new InspectOptions()).Machines.Single();

        Assert.Contains(
            "    state \"1: after Yield.Sleep(Pick(#quot;a#59;b \\#quot;c\\#quot; #35;1#quot;, new List#lt;int#gt; { 1 })) (line 9)\" as S1\n",
            machine.Mermaid,
            StringComparison.Ordinal);
        Assert.Contains(
            "    S1 [label=\"1: after Yield.Sleep(Pick(\\\"a;b \\\\\\\"c\\\\\\\" #1\\\", new List<int> { 1 }))\\n(line 9)\"];\n",
            machine.Dot,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_coroutines_says_so()
    {
        var inputs = new[] { new SourceInput("Plain.cs", "public static class Plain { public static int One() => 1; }") };
        var result = Inspector.Inspect(inputs, new InspectOptions());

        Assert.Empty(result.Machines);
        Assert.Empty(result.Diagnostics);
        Assert.Equal("# Coroutines in Plain.cs\n\nNo [Coroutine] method here: nothing was generated.\n", Inspector.Format(result, inputs, new InspectOptions()));
    }

    [Fact]
    public void Top_level_statements_and_implicit_usings_compile_like_a_console_project()
    {
        const string program = """
            using Coroutines;

            var loop = new Scheduler(new VirtualClock());
            loop.Spawn(Tasks.TickCoroutine(2));
            loop.Run();

            static partial class Tasks
            {
                [Coroutine]
                public static void Tick(int n)
                {
                    while (n-- > 0)
                    {
                        Console.WriteLine(n);
                        Yield.Sleep(10);
                    }
                }
            }
            """;
        var inputs = new[] { new SourceInput("Program.cs", program) };

        var without = Inspector.Inspect(inputs, new InspectOptions(ImplicitUsings: false));
        Assert.Contains(without.Diagnostics, d => d.Id == "CS0103" && d.GetMessage().Contains("Console", StringComparison.Ordinal));

        Assert.Contains("--no-implicit-usings", Inspector.Hint(without, new InspectOptions(ImplicitUsings: false)), StringComparison.Ordinal);

        var with = Inspector.Inspect(inputs, new InspectOptions()); // implicit usings are the default
        Assert.Empty(with.Diagnostics);
        Assert.Equal(new[] { "0->1", "0->done", "1->1", "1->done" }, Edges(with.Machines.Single().Graph));
    }

    private static string[] Edges(StateGraph graph) =>
        graph.Transitions.Select(t => $"{t.From}->{(t.To == StateGraph.Done ? "done" : t.To.ToString(System.Globalization.CultureInfo.InvariantCulture))}{(t.OnException ? " on exception" : "")}").ToArray();
}
