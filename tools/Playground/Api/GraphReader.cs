using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace Coroutines.Playground.Api;

/// <summary>
/// Reads a state graph's states and transitions by their member names. The graph type is internal
/// to the assembly that builds it (the generator today, the inspect tool after it moves there), so
/// the playground reads it the same way wherever it lives.
/// </summary>
internal static class GraphReader
{
    private const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    public static List<StateView> States(object graph) =>
        Items(graph, "States")
            .Select(static s => new StateView(Get<int>(s, "Number"), Get<string>(s, "SourceText"), Get<int>(s, "Line")))
            .ToList();

    /// <summary>The transitions; a negative target (the graph's Done) becomes null: the coroutine completes.</summary>
    public static List<TransitionView> Transitions(object graph) =>
        Items(graph, "Transitions")
            .Select(static t => (From: Get<int>(t, "From"), To: Get<int>(t, "To"), OnException: Get<bool>(t, "OnException")))
            .Select(static t => new TransitionView(t.From, t.To < 0 ? null : t.To, t.OnException))
            .ToList();

    private static IEnumerable<object> Items(object graph, string property) =>
        ((IEnumerable)Get<object>(graph, property)).Cast<object>();

    private static T Get<T>(object owner, string property) =>
        (T)(owner.GetType().GetProperty(property, Members)?.GetValue(owner)
            ?? throw new System.MissingMemberException(owner.GetType().Name, property));
}
