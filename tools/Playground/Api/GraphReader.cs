using System.Collections.Generic;
using System.Linq;
using Coroutines.Inspect;

namespace Coroutines.Playground.Api;

/// <summary>The inspect tool's state graph, as the views the page shows.</summary>
internal static class GraphReader
{
    public static List<StateView> States(StateGraph graph) =>
        graph.States.Select(static s => new StateView(s.Number, s.SourceText, s.Line)).ToList();

    /// <summary>The transitions; the graph's Done becomes null: the coroutine completes.</summary>
    public static List<TransitionView> Transitions(StateGraph graph) =>
        graph.Transitions
            .Select(static t => new TransitionView(t.From, t.To == StateGraph.Done ? null : t.To, t.OnException))
            .ToList();
}
