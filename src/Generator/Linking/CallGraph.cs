using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Coroutines.Generator.Model;

namespace Coroutines.Generator.Linking;

/// <summary>One [Coroutine] method in the call graph: whether its own parse failed, and the coroutines it calls.</summary>
internal sealed record CallGraphNode(string Key, bool Failed, EquatableArray<string> Callees);

/// <summary>
/// The link step: a coroutine whose state machine is not generated (its errors were reported)
/// has no factory, so a coroutine that calls it (or whose factory overrides or implements its
/// factory) cannot be generated either: its code would not compile. Those, and their callers in
/// turn, are found here; each reports COR0023 at the call (or at the overriding method).
/// </summary>
internal static class CallGraph
{
    /// <summary>The keys of every coroutine that is not generated: failed ones, and every caller of one, transitively.</summary>
    public static EquatableArray<string> NotGenerated(ImmutableArray<CallGraphNode> nodes)
    {
        var blocked = new HashSet<string>(nodes.Where(static n => n.Failed).Select(static n => n.Key), StringComparer.Ordinal);
        if (blocked.Count == 0)
        {
            return EquatableArray<string>.Empty;
        }
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var node in nodes)
            {
                if (!blocked.Contains(node.Key) && node.Callees.Any(blocked.Contains))
                {
                    blocked.Add(node.Key);
                    changed = true;
                }
            }
        }
        return blocked.OrderBy(static k => k, StringComparer.Ordinal).ToEquatableArray();
    }

    /// <summary>
    /// COR0023 at each call of <paramref name="model"/> to a coroutine that is not generated, and at
    /// the method when its factory would override or implement the factory of one; empty if none.
    /// </summary>
    public static EquatableArray<DiagnosticInfo> BlockedCalls(CoroutineModel model, EquatableArray<string> notGenerated) =>
        model.Calls
            .Where(call => notGenerated.Contains(call.CalleeKey))
            .Select(call => NotGenerated(call.Location, call.Callee, model.Method.Name, "called from"))
            .Concat(model.Method.Provides
                .Where(provided => notGenerated.Contains(provided.Key))
                .Select(provided => NotGenerated(model.Method.Location, provided.Name, model.Method.Name, "overridden or implemented by")))
            .ToEquatableArray();

    private static DiagnosticInfo NotGenerated(LocationInfo location, string callee, string coroutine, string how) =>
        new(Diagnostics.DiagnosticDescriptors.CalleeNotGenerated.Id, location, new[] { callee, coroutine, how }.ToEquatableArray());
}
