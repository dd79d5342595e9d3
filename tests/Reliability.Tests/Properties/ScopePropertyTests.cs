using System;
using System.Collections.Generic;
using System.Linq;
using Coroutines.Reliability.Tests.Support;
using CsCheck;
using Xunit;

namespace Coroutines.Reliability.Tests.Properties;

/// <summary>
/// Property tests of Yield.Scope: random trees of [Coroutine] nodes, each spawning children into its
/// scope or opening a nested scope for one, sleeping, and perhaps faulting, with host cancellations
/// of the root or of any node at random times. Whenever a scope returns or throws, every coroutine of
/// its tree has ended (none outlives it, finally blocks included), and what it threw is exactly the
/// faults of its own members (one: itself; several: an AggregateException of all of them; none: it
/// completed, or was cancelled). Every run ends on the virtual clock.
/// </summary>
[Trait("Category", "Property")]
public sealed partial class ScopePropertyTests
{
    public sealed record NodeSpec(int Parent, bool Nested, int Ms, bool Faults);

    public sealed record Tree(NodeSpec[] Nodes, (int AtMs, int Node)[] Cancels)
    {
        public override string ToString() =>
            $"cancels [{string.Join(", ", Cancels.Select(c => $"{c.Node}@{c.AtMs}ms"))}]\n" +
            string.Join("\n", Nodes.Select((n, i) => $"  node {i}: parent {n.Parent}{(n.Nested ? " (nested scope)" : "")}, sleeps {n.Ms} ms{(n.Faults ? ", faults" : "")}"));
    }

    private static readonly Gen<Tree> s_tree =
        Gen.Select(Gen.Int[0, 1_000], Gen.Bool, Gen.Int[0, 30], Gen.Int[0, 5]).Array[1, 12].Select(
            Gen.Select(Gen.Int[0, 40], Gen.Int[0, 12]).Array[0, 2],
            (nodes, cancels) => new Tree(
                nodes.Select((n, i) => new NodeSpec(i == 0 ? -1 : n.Item1 % i, i > 0 && n.Item2 && n.Item4 < 2, n.Item3, n.Item4 == 0)).ToArray(),
                cancels.Where(c => c.Item2 < nodes.Length).ToArray()));

    public sealed class NodeFault(int node) : Exception($"node {node} faulted")
    {
        public int Node { get; } = node;
    }

    public sealed class Context(Tree tree)
    {
        public Tree Tree { get; } = tree;
        public bool[] Started { get; } = new bool[tree.Nodes.Length];
        public bool[] Ended { get; } = new bool[tree.Nodes.Length];
        public bool[] Threw { get; } = new bool[tree.Nodes.Length];
        public Coroutine?[] Handles { get; } = new Coroutine?[tree.Nodes.Length];
        public List<string> Violations { get; } = new();
        public int ScopesEnded;

        public int[] Children(int node) => Enumerable.Range(0, Tree.Nodes.Length).Where(i => Tree.Nodes[i].Parent == node).ToArray();

        public Coroutine Make(int node) => Handles[node] = NodeCoroutine(node, this);

        public NodeFault Fault(int node)
        {
            Threw[node] = true;
            return new NodeFault(node);
        }

        // Members of the scope whose body is `body`: it and what it spawns, not nested scopes' nodes.
        private IEnumerable<int> Members(int body) =>
            new[] { body }.Concat(Children(body).Where(c => !Tree.Nodes[c].Nested).SelectMany(Members));

        private IEnumerable<int> Descendants(int node) => new[] { node }.Concat(Children(node).SelectMany(Descendants));

        public void ScopeEnded(int body, Exception? outcome)
        {
            ScopesEnded++;
            // A coroutine cancelled before its first step never runs its body: it has no finally to wait for.
            foreach (var node in Descendants(body).Where(n => Handles[n] is { IsFinished: false } || (Started[n] && !Ended[n])))
            {
                Violations.Add($"the scope of node {body} ended before node {node}");
            }
            var expected = Members(body).Where(m => Threw[m]).OrderBy(m => m).ToArray();
            var actual = outcome switch
            {
                null or OperationCanceledException => Array.Empty<int>(),
                NodeFault fault => new[] { fault.Node },
                AggregateException all => all.InnerExceptions.Select(e => e is NodeFault f ? f.Node : -1).OrderBy(n => n).ToArray(),
                _ => new[] { -1 },
            };
            if (!expected.SequenceEqual(actual))
            {
                Violations.Add($"the scope of node {body} threw [{string.Join(",", actual)}] ({outcome?.GetType().Name}), its members faulted [{string.Join(",", expected)}]");
            }
            if (outcome is AggregateException && expected.Length < 2)
            {
                Violations.Add($"the scope of node {body} threw an AggregateException for {expected.Length} fault");
            }
        }
    }

    [Coroutine]
    private static void Node(int id, Context ctx)
    {
        ctx.Started[id] = true;
        try
        {
            int[] children = ctx.Children(id);
            for (int i = 0; i < children.Length; i++)
            {
                int child = children[i];
                if (ctx.Tree.Nodes[child].Nested)
                {
                    Scope(child, ctx);
                }
                else
                {
                    Yield.Spawn(ctx.Make(child));
                }
            }
            Yield.Sleep(ctx.Tree.Nodes[id].Ms);
            if (ctx.Tree.Nodes[id].Faults)
            {
                throw ctx.Fault(id);
            }
        }
        finally
        {
            ctx.Ended[id] = true;
        }
    }

    [Coroutine]
    private static void Scope(int body, Context ctx)
    {
        try
        {
            Yield.Scope(ctx.Make(body));
            ctx.ScopeEnded(body, null);
        }
        catch (Exception e)
        {
            // Recorded, not rethrown: a nested scope's faults stop here (a cancellation of the caller
            // still reaches it when this frame returns).
            ctx.ScopeEnded(body, e);
        }
    }

    [Fact]
    public void No_coroutine_outlives_its_scope_and_a_scope_throws_exactly_its_members_faults()
    {
        s_tree.Sample(
            tree =>
            {
                var ctx = new Context(tree);
                var scheduler = new Scheduler(new VirtualClock());
                var unobserved = new List<Exception>();
                scheduler.UnobservedFault += (_, e) => unobserved.Add(e.Exception);
                var root = scheduler.Spawn(ScopeCoroutine(0, ctx), "root");
                foreach (var (atMs, node) in tree.Cancels)
                {
                    scheduler.CallLater(atMs, () => (node == 0 ? root : ctx.Handles[node])?.Cancel());
                }

                scheduler.Run();

                Assert.True(root.IsFinished, $"{root} did not end");
                Assert.Empty(ctx.Violations);
                Assert.True(ctx.ScopesEnded >= 1);
                Assert.All(ctx.Handles.Where(h => h is not null), h => Assert.True(h!.IsFinished, $"{h} outlived the run"));
                Assert.Empty(unobserved); // every fault reached a scope
            },
            iter: Settings.PropertyIterations,
            print: static t => t.ToString());
    }
}
