using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Coroutines.Generator.Emitting;
using Coroutines.Generator.Model;
using Coroutines.Generator.Names;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Inspect;

/// <summary>One possible step of a state machine: a call to <c>Step()</c> that resumes at <see cref="From"/> can end at <see cref="To"/>.</summary>
/// <param name="From">The state the step resumes in (0: the start of the method).</param>
/// <param name="To">The state it suspends in, or <see cref="StateGraph.Done"/> when the body returns.</param>
/// <param name="OnException">Only a caught exception leads there (a throw, or a cancellation delivered at a resume point, inside a <c>try</c>).</param>
internal readonly record struct StateTransition(int From, int To, bool OnException = false);

/// <summary>
/// The states of a lowered coroutine and the transitions between them, computed from the
/// lowered instructions' control flow (labels, gotos, branches, suspensions, returns): from the
/// start and from each resume point, which suspensions and returns a single <c>Step()</c> can
/// reach. Used by the inspect tool to draw state diagrams.
/// </summary>
/// <remarks>
/// An exception that leaves the body is not followed (it faults the coroutine, which is not a
/// state); one inside a lowered <c>try</c> may go from any of its instructions to any of its
/// catch clauses, which run on after the <c>try</c>, return or jump out. An instruction type this
/// class does not know (a nested instruction added to the lowering later)
/// is handled conservatively: every instruction list nested in it may be entered, each may be
/// left for any later one (as an exception leaves a <c>try</c> for its <c>catch</c> or
/// <c>finally</c>), and any label its texts name may be jumped to. The graph may then show a
/// transition that cannot happen, never miss one that can.
/// </remarks>
internal sealed class StateGraph
{
    /// <summary>The <see cref="StateTransition.To"/> of a step that completes the coroutine.</summary>
    public const int Done = -1;

    private StateGraph(string machineName, string method, IReadOnlyList<StateInfo> states, IReadOnlyList<StateTransition> transitions)
    {
        MachineName = machineName;
        Method = method;
        States = states;
        Transitions = transitions;
    }

    /// <summary>The state machine class's name (e.g. <c>CountStateMachine</c>).</summary>
    public string MachineName { get; }

    /// <summary>The source method, as the compiler displays it (e.g. <c>Workers.Count(string, int, int)</c>).</summary>
    public string Method { get; }

    /// <summary>The resume states 1..N, each with the statement it resumes after; state 0 (the start) is implicit.</summary>
    public IReadOnlyList<StateInfo> States { get; }

    /// <summary>Every transition, ordered by <see cref="StateTransition.From"/>, then by target with <see cref="Done"/> last.</summary>
    public IReadOnlyList<StateTransition> Transitions { get; }

    /// <summary>Computes the graph of <paramref name="lowered"/>.</summary>
    public static StateGraph Build(LoweredCoroutine lowered)
    {
        var flow = new FlowGraph();
        flow.Build(lowered.Body);

        var transitions = new List<StateTransition>();
        var entries = new List<(int State, int Node)> { (0, flow.Start) };
        foreach (var state in lowered.States)
        {
            if (flow.ResumeEntry(state.Number) is { } node)
            {
                entries.Add((state.Number, node));
            }
        }
        foreach (var (state, node) in entries)
        {
            var normal = flow.Reachable(node, withExceptions: false);
            foreach (var target in flow.Reachable(node, withExceptions: true).OrderBy(static t => t == Done ? int.MaxValue : t))
            {
                transitions.Add(new StateTransition(state, target, OnException: !normal.Contains(target)));
            }
        }
        return new StateGraph(lowered.Model.Method.StateMachineName, lowered.Model.Method.DisplaySignature, lowered.States.ToList(), transitions);
    }

    /// <summary>The instructions as a graph: one node per instruction, edges to where control can go next.</summary>
    private sealed class FlowGraph
    {
        private const int Exit = -1; // falling off the end of the body: the coroutine completes

        private readonly List<Node> _nodes = new();
        private readonly Dictionary<string, int> _labels = new(StringComparer.Ordinal);
        private readonly Dictionary<int, int> _afterSuspend = new();
        private readonly List<(int Node, string Label)> _pendingJumps = new();

        public int Start { get; private set; } = Exit;

        public void Build(IReadOnlyList<Statement> body)
        {
            Start = Layout(body, Exit, Array.Empty<int>());
            foreach (var (node, label) in _pendingJumps)
            {
                if (_labels.TryGetValue(label, out var target))
                {
                    _nodes[node].Next.Add(target);
                }
            }
        }

        /// <summary>Where the step resumes for <paramref name="state"/>: its resume label, else the instruction after its suspension.</summary>
        public int? ResumeEntry(int state)
        {
            if (_labels.TryGetValue(GeneratedNames.Resume(state), out var label))
            {
                return label;
            }
            return _afterSuspend.TryGetValue(state, out var next) ? next : null;
        }

        /// <summary>The states (and <see cref="Done"/>) one step starting at <paramref name="from"/> can end in, with or without exceptions caught on the way.</summary>
        public ISet<int> Reachable(int from, bool withExceptions)
        {
            var result = new HashSet<int>();
            var seen = new HashSet<int>();
            var work = new Stack<int>();
            work.Push(from);
            while (work.Count > 0)
            {
                var index = work.Pop();
                if (index == Exit)
                {
                    result.Add(Done);
                    continue;
                }
                if (!seen.Add(index))
                {
                    continue;
                }
                var node = _nodes[index];
                if (node.SuspendsTo is { } state)
                {
                    result.Add(state);
                    continue; // the step ends here
                }
                if (node.Returns)
                {
                    result.Add(Done);
                }
                foreach (var next in node.Next)
                {
                    work.Push(next);
                }
                if (withExceptions)
                {
                    foreach (var next in node.OnException)
                    {
                        work.Push(next);
                    }
                }
            }
            return result;
        }

        // Lays out a list whose end continues at `exit`; `onException` are where an exception
        // thrown by any node in it may go (the catch clauses of enclosing tries). Returns its first node.
        private int Layout(IReadOnlyList<Statement> list, int exit, IReadOnlyList<int> onException)
        {
            if (list.Count == 0)
            {
                return exit;
            }
            var first = _nodes.Count;
            var indexes = new int[list.Count];
            for (var i = 0; i < list.Count; i++)
            {
                indexes[i] = _nodes.Count;
                _nodes.Add(new Node());
            }
            for (var i = 0; i < list.Count; i++)
            {
                var index = indexes[i];
                var node = _nodes[index];
                var next = i + 1 < list.Count ? indexes[i + 1] : exit;
                node.OnException.AddRange(onException);
                switch (list[i])
                {
                    case LabelStatement label:
                        _labels[label.Name] = index;
                        node.Next.Add(next);
                        break;
                    case CommentStatement:
                        node.Next.Add(next);
                        break;
                    case CodeStatement code:
                        foreach (var target in code.JumpTargets)
                        {
                            _pendingJumps.Add((index, target));
                        }
                        var flow = CodeFlow.Of(InlineStatements.Code(code.Code));
                        foreach (var target in flow.Gotos)
                        {
                            _pendingJumps.Add((index, target));
                        }
                        node.Returns = flow.Returns;
                        if (code.EndReachable && flow.FallsThrough)
                        {
                            node.Next.Add(next);
                        }
                        break;
                    case BranchStatement branch:
                        _pendingJumps.Add((index, branch.Label));
                        node.Next.Add(next);
                        break;
                    case JumpStatement jump:
                        _pendingJumps.Add((index, jump.Label));
                        break;
                    case SuspendStatement suspend:
                        node.SuspendsTo = suspend.State;
                        _afterSuspend[suspend.State] = next;
                        break;
                    case ReturnStatement:
                        node.Returns = true;
                        break;
                    case DispatchStatement:
                        // Only resuming jumps from a dispatch (to where each state resumes, which is
                        // where this walk starts for that state); running on, the state is -1.
                        node.Next.Add(next);
                        break;
                    case EvaluateStatement evaluate:
                        // The user's expression (`=> throw ...` too) or a callee's result, as the emitter writes it.
                        var evaluated = CodeFlow.Of(InlineStatements.Text(evaluate));
                        node.Returns = evaluated.Returns;
                        if (evaluated.FallsThrough)
                        {
                            node.Next.Add(next);
                        }
                        break;
                    case AssignStatement or ResetPendingStatement or ResetCaughtStatement or RethrowPendingStatement:
                        node.Next.Add(next); // a throw from RethrowPending is an exception, as below
                        break;
                    case NotReachedStatement:
                        break;
                    case ResumedStatement:
                        node.Next.Add(next); // ThrowPending(): a delivered cancellation is an exception, as below
                        break;
                    case FlatTryStatement tryInstruction:
                        // Any instruction of the body may throw into a catch clause; a catch clause
                        // (C# text) runs on after the try, returns or jumps out.
                        if (tryInstruction.EntryLabel is not null)
                        {
                            _labels[tryInstruction.EntryLabel] = index;
                        }
                        var handlers = new List<int>();
                        foreach (var clause in tryInstruction.Catches)
                        {
                            var handler = _nodes.Count;
                            var handlerNode = new Node();
                            _nodes.Add(handlerNode);
                            handlerNode.OnException.AddRange(onException);
                            // A catch whose handler suspends only stores what it caught: the emitter spells it.
                            var handlerFlow = CodeFlow.OfCatch(clause.Store is { } store ? InlineStatements.Catch(store) : InlineStatements.Code(clause.Code));
                            foreach (var target in handlerFlow.Gotos)
                            {
                                _pendingJumps.Add((handler, target));
                            }
                            handlerNode.Returns = handlerFlow.Returns;
                            if (handlerFlow.FallsThrough)
                            {
                                handlerNode.Next.Add(next);
                            }
                            handlers.Add(handler);
                        }
                        if (tryInstruction.HeldException is not null)
                        {
                            // The catch-all that holds an exception for a suspending finally: on to that finally.
                            var held = _nodes.Count;
                            var heldNode = new Node();
                            _nodes.Add(heldNode);
                            heldNode.OnException.AddRange(onException);
                            heldNode.Next.Add(next);
                            handlers.Add(held);
                        }
                        node.Next.Add(Layout(tryInstruction.Body, next, onException.Concat(handlers).ToList()));
                        break;
                    case ExitDispatchStatement exits:
                        foreach (var exitCase in exits.Cases)
                        {
                            node.Next.Add(Layout(exitCase.Body, next, onException));
                        }
                        if (!exits.Exhaustive)
                        {
                            node.Next.Add(next);
                        }
                        break;
                    default:
                        LayoutUnknown(list[i], index, next, onException);
                        break;
                }
            }
            return first;
        }

        private void LayoutUnknown(Statement instruction, int index, int next, IReadOnlyList<int> onException)
        {
            var lists = new List<IReadOnlyList<Statement>>();
            var names = new List<string>();
            Collect(instruction, lists, names, depth: 0);

            // Lay out the nested lists last to first, so each knows the starts of the later ones.
            var starts = new List<int>();
            for (var k = lists.Count - 1; k >= 0; k--)
            {
                var exitNode = _nodes.Count;
                var exit = new Node();
                _nodes.Add(exit);
                exit.Next.AddRange(starts); // leaving this list: any later list, or after the instruction
                exit.Next.Add(next);
                exit.OnException.AddRange(onException);
                foreach (var name in names)
                {
                    _pendingJumps.Add((exitNode, name)); // or a jump it replays
                }
                // An exception inside it may go to any later list (a catch, a finally), or on after it.
                starts.Insert(0, Layout(lists[k], exitNode, starts.Concat(onException).Append(next).ToList()));
            }
            var node = _nodes[index];
            node.Next.AddRange(starts);
            node.Next.Add(next);
            foreach (var name in names)
            {
                _pendingJumps.Add((index, name));
            }
        }

        // Every instruction list and every string reachable through the object's public properties.
        private static void Collect(object value, List<IReadOnlyList<Statement>> lists, List<string> names, int depth)
        {
            if (depth > 4)
            {
                return;
            }
            foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetIndexParameters().Length > 0)
                {
                    continue;
                }
                object? item;
                try
                {
                    item = property.GetValue(value);
                }
                catch (TargetInvocationException)
                {
                    continue;
                }
                switch (item)
                {
                    case null:
                        break;
                    case string text:
                        names.Add(text);
                        break;
                    case Statement single:
                        lists.Add(new[] { single });
                        break;
                    case IEnumerable<Statement> nested:
                        lists.Add(nested.ToList());
                        break;
                    case IEnumerable<string> texts:
                        names.AddRange(texts);
                        break;
                    case IEnumerable sequence:
                        foreach (var element in sequence)
                        {
                            if (element is not null && !element.GetType().IsPrimitive)
                            {
                                Collect(element, lists, names, depth + 1);
                            }
                        }
                        break;
                    default:
                        if (!item.GetType().IsPrimitive && !item.GetType().IsEnum)
                        {
                            Collect(item, lists, names, depth + 1);
                        }
                        break;
                }
            }
        }

        private sealed class Node
        {
            public List<int> Next { get; } = new();

            public List<int> OnException { get; } = new();

            public int? SuspendsTo { get; set; }

            public bool Returns { get; set; }
        }
    }

    /// <summary>What a kept statement's text does to control flow: returns in it, gotos out of it, and whether it can fall through.</summary>
    private readonly record struct CodeFlow(bool Returns, bool FallsThrough, IReadOnlyList<string> Gotos)
    {
        public static CodeFlow Of(string text) =>
            Analyze(SyntaxFactory.ParseStatement("{\n" + text + "\n}") as BlockSyntax, text);

        /// <summary>The same for a catch clause's text (<c>catch (E e) { ... }</c>): its block.</summary>
        public static CodeFlow OfCatch(string clause) =>
            Analyze((SyntaxFactory.ParseStatement("try { }\n" + clause) as TryStatementSyntax)?.Catches.FirstOrDefault()?.Block, clause);

        private static CodeFlow Analyze(BlockSyntax? block, string text)
        {
            if (block is null || block.ContainsDiagnostics)
            {
                return new CodeFlow(text.Contains("return"), true, Array.Empty<string>()); // unsure: assume anything
            }
            var returns = false;
            var gotos = new List<string>();
            foreach (var node in block.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                switch (node)
                {
                    case ReturnStatementSyntax:
                        returns = true;
                        break;
                    case GotoStatementSyntax { Expression: IdentifierNameSyntax label } jump when jump.IsKind(SyntaxKind.GotoStatement):
                        gotos.Add(label.Identifier.ValueText);
                        break;
                }
            }
            var last = block.Statements.LastOrDefault();
            while (last is LabeledStatementSyntax labeled)
            {
                last = labeled.Statement;
            }
            var fallsThrough = !(last is ReturnStatementSyntax or ThrowStatementSyntax
                || (last is GotoStatementSyntax jumpOut && jumpOut.IsKind(SyntaxKind.GotoStatement)));
            return new CodeFlow(returns, fallsThrough, gotos);
        }
    }
}
