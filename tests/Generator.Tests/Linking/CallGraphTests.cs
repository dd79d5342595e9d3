using System.Collections.Immutable;
using System.Linq;
using Coroutines.Generator.Diagnostics;
using Coroutines.Generator.Linking;
using Coroutines.Generator.Model;
using Xunit;
using static Coroutines.Generator.Tests.Infrastructure.Passes;

namespace Coroutines.Generator.Tests.Linking;

/// <summary>The linking pass alone: which coroutines are not generated, and the COR0023 at each call to one.</summary>
public sealed class CallGraphTests
{
    private static CallGraphNode Node(string key, bool failed, params string[] callees) => new(key, failed, callees.ToEquatableArray());

    [Fact]
    public void Nothing_failed_nothing_is_blocked()
    {
        var nodes = ImmutableArray.Create(Node("A", false, "B"), Node("B", false));
        Assert.Empty(CallGraph.NotGenerated(nodes));
    }

    [Fact]
    public void Callers_of_a_failed_coroutine_are_not_generated_transitively_in_any_order()
    {
        // D calls C calls B, which failed; A calls nothing that failed; E calls itself and D (a cycle through the chain).
        var nodes = ImmutableArray.Create(
            Node("D", false, "C"),
            Node("A", false, "C2"),
            Node("C", false, "B"),
            Node("B", true),
            Node("E", false, "E", "D"),
            Node("C2", false));

        Assert.Equal(new[] { "B", "C", "D", "E" }, CallGraph.NotGenerated(nodes).ToArray());
    }

    [Fact]
    public void Each_call_to_a_coroutine_that_is_not_generated_is_reported_at_the_call()
    {
        var location = new LocationInfo("Workers.cs", new Microsoft.CodeAnalysis.Text.TextSpan(10, 5), default);
        var model = Method() with
        {
            Calls = Array(
                new CallModel(1, "call1", "Workers.Broken", "M:Workers.Broken", location),
                new CallModel(2, "call2", "Workers.Fine", "M:Workers.Fine", location)),
        };

        var blocked = CallGraph.BlockedCalls(model, Array("M:Workers.Broken"));

        var diagnostic = Assert.Single(blocked);
        Assert.Equal(DiagnosticDescriptors.CalleeNotGenerated.Id, diagnostic.Id);
        Assert.Equal(location, diagnostic.Location);
        Assert.Equal(new[] { "Workers.Broken", "Run", "called from" }, diagnostic.Arguments.ToArray());
    }
}
