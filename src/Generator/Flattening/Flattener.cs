using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Model;
using Coroutines.Generator.Names;

namespace Coroutines.Generator.Flattening;

/// <summary>
/// The flattening pass, after the C# compiler's state-machine rewriter but at source level: C#
/// forbids a <c>goto</c> into a nested block or a <c>try</c>, so every statement that contains a
/// suspension is flattened into labels and jumps at the level of a dispatch: the method body's,
/// or the top of the enclosing <c>try</c> body's. Statements without a suspension pass through.
/// </summary>
internal sealed class Flattener
{
    private readonly List<StateInfo> _states = new();
    private readonly HashSet<string> _liveLabels;
    private List<Statement> _flat = new();
    private int _ifCount;
    private bool _reachable = true;

    private Flattener(HashSet<string> liveLabels) => _liveLabels = liveLabels;

    public static LoweredCoroutine Flatten(CoroutineModel model)
    {
        // Reachability as a least fixpoint: a label is live once some emitted (reachable) jump or
        // dispatch goes to it. Each pass starts from the labels the previous one found live and
        // can only find more; code after an unconditional jump is kept only under a live label,
        // so code C# would call unreachable (and a loop that only jumps to itself) is dropped.
        var live = new HashSet<string>();
        while (true)
        {
            var lowerer = new Flattener(live);
            var body = lowerer.LowerBody(model);
            var referenced = ReferencedLabels(body);
            if (referenced.SetEquals(live))
            {
                return new LoweredCoroutine(model, lowerer._states.OrderBy(static s => s.Number).ToEquatableArray(), DropLabels(body, referenced));
            }
            live = referenced;
        }
    }

    private List<Statement> LowerBody(CoroutineModel model)
    {
        Lower(model.Body);
        if (_reachable && model.Method.ReturnType is null)
        {
            Emit(new ReturnStatement(null, 0));
        }
        return WithDispatch(_flat);
    }

    private static HashSet<string> ReferencedLabels(IEnumerable<Statement> statements)
    {
        var labels = new HashSet<string>();
        void Visit(IEnumerable<Statement> list)
        {
            foreach (var statement in list)
            {
                switch (statement)
                {
                    case JumpStatement jump:
                        labels.Add(jump.Label);
                        break;
                    case BranchStatement branch:
                        labels.Add(branch.Label);
                        break;
                    case CodeStatement code:
                        labels.UnionWith(code.JumpTargets);
                        break;
                    case DispatchStatement dispatch:
                        labels.UnionWith(dispatch.Cases.Select(static c => c.Label));
                        break;
                    case FlatTryStatement tryStatement:
                        Visit(tryStatement.Body);
                        labels.UnionWith(tryStatement.JumpTargets);
                        break;
                    case ExitDispatchStatement exits:
                        foreach (var exit in exits.Cases)
                        {
                            Visit(exit.Body);
                        }
                        break;
                }
            }
        }
        Visit(statements);
        return labels;
    }

    private static EquatableArray<Statement> DropLabels(IEnumerable<Statement> statements, HashSet<string> referenced) =>
        statements
            .Where(i => i is not LabelStatement label || referenced.Contains(label.Name))
            .Select(i => i is FlatTryStatement t ? t with { Body = DropLabels(t.Body, referenced) } : i)
            .ToEquatableArray();

    /// <summary>Puts the dispatch for this level first: its own resume labels, and the entry label of each try that holds a state.</summary>
    private static List<Statement> WithDispatch(List<Statement> level)
    {
        var cases = new List<DispatchCase>();
        foreach (var statement in level)
        {
            switch (statement)
            {
                case SuspendStatement suspend:
                    cases.Add(new DispatchCase(suspend.State, GeneratedNames.Resume(suspend.State)));
                    break;
                case FlatTryStatement { EntryLabel: { } entry } tryStatement:
                    cases.AddRange(StatesIn(tryStatement.Body).Select(s => new DispatchCase(s, entry)));
                    break;
            }
        }
        if (cases.Count == 0)
        {
            return level;
        }
        var result = new List<Statement> { new DispatchStatement(cases.OrderBy(static c => c.State).ToEquatableArray()) };
        result.AddRange(level);
        return result;
    }

    private static IEnumerable<int> StatesIn(IEnumerable<Statement> statements)
    {
        foreach (var statement in statements)
        {
            if (statement is SuspendStatement suspend)
            {
                yield return suspend.State;
            }
            else if (statement is FlatTryStatement nested)
            {
                foreach (var state in StatesIn(nested.Body))
                {
                    yield return state;
                }
            }
        }
    }

    private void Lower(Statement statement)
    {
        switch (statement)
        {
            case BlockStatement block:
                foreach (var child in block.Statements)
                {
                    Lower(child);
                }
                break;
            case CodeStatement or AssignStatement or EvaluateStatement:
                Emit(statement); // plain statements pass through as they are
                break;
            case SuspendStatement suspend:
                LowerSuspend(suspend);
                break;
            case IfStatement ifStatement:
                LowerIf(ifStatement);
                break;
            case WhileStatement whileStatement:
                Emit(new CommentStatement(whileStatement.Header));
                Label(whileStatement.Labels.Continue);
                LowerAll(whileStatement.ConditionSetup);
                if (!whileStatement.ConditionIsTrue)
                {
                    Emit(new BranchStatement(whileStatement.Condition, false, whileStatement.Labels.Break, whileStatement.Line));
                }
                Lower(whileStatement.Body);
                Emit(new JumpStatement(whileStatement.Labels.Continue));
                Label(whileStatement.Labels.Break);
                break;
            case DoStatement doStatement:
                var top = doStatement.Labels.Top;
                Emit(new CommentStatement(doStatement.Header));
                Label(top);
                Lower(doStatement.Body);
                Label(doStatement.Labels.Continue);
                LowerAll(doStatement.ConditionSetup);
                Emit(doStatement.ConditionIsTrue
                    ? new JumpStatement(top)
                    : new BranchStatement(doStatement.Condition, true, top, doStatement.Line));
                Label(doStatement.Labels.Break);
                break;
            case ForStatement forStatement:
                LowerFor(forStatement);
                break;
            case JumpStatement jump:
                Emit(jump.SourceText is null ? new JumpComment(jump.Label) : new CommentStatement(jump.SourceText));
                Emit(new JumpStatement(jump.Label));
                break;
            case ReturnStatement returnStatement:
                Emit(returnStatement);
                break;
            case TryStatement tryStatement:
                LowerTry(tryStatement);
                break;
            case LabelStatement label:
                Label(label.Name);
                break;
            case BranchStatement branch:
                Emit(branch);
                break;
            case CommentStatement comment:
                Emit(comment);
                break;
        }
    }

    private void LowerAll(EquatableArray<Statement> statements)
    {
        foreach (var statement in statements)
        {
            Lower(statement);
        }
    }

    private void LowerSuspend(SuspendStatement suspend)
    {
        var state = suspend.State;
        _states.Add(new StateInfo(state, suspend.SourceText, suspend.Line));
        Emit(new CommentStatement($"{suspend.SourceText}  (state {state})"));
        foreach (var setup in suspend.Setup)
        {
            Lower(setup);
        }
        Emit(new SuspendStatement(state, suspend.Suspension, suspend.SourceText, suspend.Line));
        Label(GeneratedNames.Resume(state));
        Emit(new ResumedStatement(state));
        if (suspend.Resumed is not null)
        {
            Lower(suspend.Resumed);
        }
    }

    private void LowerIf(IfStatement ifStatement)
    {
        var names = GeneratedNames.If(++_ifCount);
        var end = names.End;
        var elseLabel = ifStatement.Else is null ? end : names.Else;
        Emit(new CommentStatement(ifStatement.Header));
        Emit(ifStatement.Condition is NotExpression not
            ? new BranchStatement(not.Operand, true, elseLabel, ifStatement.Line) // if (!x) { ... }: skip it when x
            : new BranchStatement(ifStatement.Condition, false, elseLabel, ifStatement.Line));
        Lower(ifStatement.Then);
        if (ifStatement.Else is not null)
        {
            Emit(new JumpStatement(end));
            Label(elseLabel);
            Emit(new CommentStatement("else"));
            Lower(ifStatement.Else);
        }
        Label(end);
    }

    private void LowerFor(ForStatement forStatement)
    {
        var top = forStatement.Labels.Top;
        Emit(new CommentStatement(forStatement.Header));
        foreach (var initializer in forStatement.Initializers)
        {
            Lower(initializer);
        }
        Label(top);
        LowerAll(forStatement.ConditionSetup);
        if (forStatement.Condition is not null)
        {
            Emit(new BranchStatement(forStatement.Condition, false, forStatement.Labels.Break, forStatement.Line));
        }
        Lower(forStatement.Body);
        Label(forStatement.Labels.Continue);
        foreach (var incrementor in forStatement.Incrementors)
        {
            Emit(new EvaluateStatement(incrementor, forStatement.Line));
        }
        LowerAll(forStatement.IncrementorStatements);
        Emit(new JumpStatement(top));
        Label(forStatement.Labels.Break);
    }

    private void LowerTry(TryStatement tryStatement)
    {
        var flattenedCatches = tryStatement.Catches.Where(static c => c.Handler is not null).ToList();
        var suspendingFinally = tryStatement.Finally;
        if (suspendingFinally is not null)
        {
            Emit(new ResetPendingStatement(suspendingFinally.ExceptionField, suspendingFinally.Exits.Count > 0 ? suspendingFinally.BranchField : null));
        }
        if (flattenedCatches.Count > 0)
        {
            Emit(new ResetCaughtStatement(tryStatement.Names.CaughtField));
        }
        if (!_reachable)
        {
            return;
        }

        // The body is a level of its own: a goto cannot enter a try, so resuming inside it goes
        // to the entry label before it, and the body's own dispatch jumps on from its top.
        var outer = _flat;
        _flat = new List<Statement>();
        Lower(tryStatement.Body);
        var bodyEndReachable = _reachable;
        var body = WithDispatch(_flat);
        _flat = outer;
        _reachable = true;

        var catches = tryStatement.Catches;
        var suspends = StatesIn(body).Any();
        var guard = tryStatement.KeptFinally is not null && suspends;
        Emit(new FlatTryStatement(body.ToEquatableArray(), catches, tryStatement.KeptFinally, guard, tryStatement.Line)
        {
            // A goto cannot enter a try: resuming inside it goes to this label before it, then on from the body's own dispatch.
            EntryLabel = suspends ? tryStatement.Names.Entry : null,
            // A suspending finally runs after the C# try: an exception is held for it in a catch-all.
            HeldException = suspendingFinally is null ? null : new HeldException(tryStatement.Names.Thrown, suspendingFinally.ExceptionField),
            JumpTargets = tryStatement.Catches.SelectMany(static c => c.JumpTargets).Distinct().ToEquatableArray(),
        });
        // Past the C# try: its body ended, or a kept catch ended, or a suspending catch or finally
        // stored an exception (which the code below always acts on).
        var keptCatchEnds = tryStatement.Catches.Any(static c => c.Handler is null && c.EndReachable);
        _reachable = bodyEndReachable || keptCatchEnds || flattenedCatches.Count > 0 || suspendingFinally is not null;

        if (flattenedCatches.Count > 0)
        {
            // When neither the body nor a kept catch can end normally, one of these handlers was
            // chosen: jumping to the last one unconditionally tells C# the code after is not reached by falling through.
            var normalExit = bodyEndReachable || keptCatchEnds;
            var cases = flattenedCatches
                .Select(static c => new ExitCase(c.Index, new Statement[] { new JumpStatement(c.HandlerLabel!) }.ToEquatableArray()))
                .ToEquatableArray();
            Emit(new ExitDispatchStatement(tryStatement.Names.CaughtField, cases, !normalExit) { Comment = "run the handler of the catch that caught it" });
            if (!normalExit)
            {
                _reachable = false;
            }
            Emit(new JumpStatement(tryStatement.Names.End));
            foreach (var clause in flattenedCatches)
            {
                Label(clause.HandlerLabel!);
                Emit(new HandlerComment(clause.Store!));
                Lower(clause.Handler!);
                Emit(new JumpStatement(tryStatement.Names.End));
            }
            Label(tryStatement.Names.End);
        }
        bodyEndReachable = bodyEndReachable || keptCatchEnds || (flattenedCatches.Count > 0 && _reachable);

        if (suspendingFinally is not null)
        {
            Label(suspendingFinally.Label);
            Emit(new CommentStatement("finally"));
            Lower(suspendingFinally.Body);
            Emit(new RethrowPendingStatement(suspendingFinally.ExceptionField));
            if (suspendingFinally.Exits.Count == 0 && !bodyEndReachable)
            {
                // The try can only be left by an exception, rethrown just above; C# cannot know that.
                Emit(new NotReachedStatement("the try above is only left by an exception"));
            }
            if (suspendingFinally.Exits.Count > 0)
            {
                var cases = suspendingFinally.Exits.Select((exit, i) => new ExitCase(i + 1, LowerAlone(exit))).ToEquatableArray();
                Emit(new ExitDispatchStatement(suspendingFinally.BranchField, cases, !bodyEndReachable));
                if (!bodyEndReachable)
                {
                    _reachable = false;
                }
            }
        }
    }

    /// <summary>Lowers a replayed jump on its own (it is a goto, a return, or a branch store and a goto).</summary>
    private EquatableArray<Statement> LowerAlone(Statement statement)
    {
        var outer = _flat;
        var reachable = _reachable;
        _flat = new List<Statement>();
        _reachable = true;
        Lower(statement);
        var result = _flat.Where(static i => i is not (CommentStatement or JumpComment or HandlerComment)).ToEquatableArray();
        _flat = outer;
        _reachable = reachable;
        return result;
    }

    private void Label(string name)
    {
        if (_liveLabels.Contains(name))
        {
            _reachable = true;
        }
        _flat.Add(new LabelStatement(name));
    }

    private void Emit(Statement statement)
    {
        if (!_reachable && statement is not CodeStatement { IsDeclaration: true })
        {
            return; // nothing jumps here: C# would call it unreachable code
        }
        _flat.Add(statement);
        if (statement is CodeStatement { IsDeclaration: true })
        {
            return;
        }
        if (statement is JumpStatement or ReturnStatement or SuspendStatement or NotReachedStatement or CodeStatement { EndReachable: false })
        {
            _reachable = false;
        }
    }
}
