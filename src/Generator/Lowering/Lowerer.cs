using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Model;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// The lowering step, after the C# compiler's state-machine rewriter but at source level: C#
/// forbids a <c>goto</c> into a nested block, so every statement that contains a suspension is
/// flattened into labels and jumps at the level of the resume method's dispatch; statements
/// without a suspension pass through untouched.
/// </summary>
internal sealed class Lowerer
{
    private readonly List<Instruction> _instructions = new();
    private readonly List<StateInfo> _states = new();
    private readonly HashSet<string> _liveLabels;
    private int _ifCount;
    private bool _reachable = true;

    private Lowerer(HashSet<string>? liveLabels) => _liveLabels = liveLabels ?? new HashSet<string>();

    private bool AllLabelsLive { get; init; }

    public static LoweredCoroutine Lower(CoroutineModel model)
    {
        // First pass assumes every label is jumped to; later passes know which ones really are,
        // so code after an unconditional jump is dropped exactly when nothing reaches it.
        var lowerer = new Lowerer(null) { AllLabelsLive = true };
        lowerer.LowerBody(model);
        while (true)
        {
            var referenced = lowerer.ReferencedLabels();
            var next = new Lowerer(referenced);
            next.LowerBody(model);
            if (next.ReferencedLabels().SetEquals(referenced))
            {
                var body = next._instructions.Where(i => i is not LabelInstruction label || referenced.Contains(label.Name));
                return new LoweredCoroutine(model, next._states.ToEquatableArray(), body.ToEquatableArray());
            }
            lowerer = next;
        }
    }

    private void LowerBody(CoroutineModel model)
    {
        Lower(model.Body);
        if (_reachable && model.Method.ReturnType is null)
        {
            Emit(new ReturnInstruction(null, 0));
        }
    }

    private HashSet<string> ReferencedLabels()
    {
        var labels = new HashSet<string>();
        foreach (var instruction in _instructions)
        {
            switch (instruction)
            {
                case GotoInstruction jump:
                    labels.Add(jump.Label);
                    break;
                case BranchInstruction branch:
                    labels.Add(branch.Label);
                    break;
                case SuspendInstruction suspend:
                    labels.Add(ResumeLabel(suspend.State));
                    break;
                case CodeInstruction code:
                    labels.UnionWith(code.JumpTargets);
                    break;
            }
        }
        return labels;
    }

    public static string ResumeLabel(int state) => $"resume{state}";

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
            case CodeStatement code:
                Emit(new CodeInstruction(code.Text, code.Line, code.KeepContinuationIndent, code.JumpTargets));
                break;
            case SuspendStatement suspend:
                var state = _states.Count + 1;
                _states.Add(new StateInfo(state, suspend.SourceText, suspend.Line));
                Emit(new CommentInstruction($"{suspend.SourceText}  (state {state})"));
                Emit(new SuspendInstruction(state, suspend.Factory, suspend.Arguments, suspend.SourceText, suspend.Line));
                Label(ResumeLabel(state));
                break;
            case IfStatement ifStatement:
                LowerIf(ifStatement);
                break;
            case WhileStatement whileStatement:
                Emit(new CommentInstruction(whileStatement.Header));
                Label(whileStatement.Labels.Continue);
                if (!whileStatement.ConditionIsTrue)
                {
                    Emit(new BranchInstruction(whileStatement.Condition, false, whileStatement.Labels.Break, whileStatement.Line));
                }
                Lower(whileStatement.Body);
                Emit(new GotoInstruction(whileStatement.Labels.Continue));
                Label(whileStatement.Labels.Break);
                break;
            case DoStatement doStatement:
                var top = Top(doStatement.Labels);
                Emit(new CommentInstruction(doStatement.Header));
                Label(top);
                Lower(doStatement.Body);
                Label(doStatement.Labels.Continue);
                Emit(doStatement.ConditionIsTrue
                    ? new GotoInstruction(top)
                    : new BranchInstruction(doStatement.Condition, true, top, doStatement.Line));
                Label(doStatement.Labels.Break);
                break;
            case ForStatement forStatement:
                LowerFor(forStatement);
                break;
            case JumpStatement jump:
                Emit(new CommentInstruction(jump.SourceText));
                Emit(new GotoInstruction(jump.Label));
                break;
            case ReturnStatement returnStatement:
                Emit(new ReturnInstruction(returnStatement.Expression, returnStatement.Line));
                break;
        }
    }

    private void LowerIf(IfStatement ifStatement)
    {
        var id = ++_ifCount;
        var end = $"if{id}_end";
        var elseLabel = ifStatement.Else is null ? end : $"if{id}_else";
        Emit(new CommentInstruction(ifStatement.Header));
        Emit(new BranchInstruction(ifStatement.Condition, false, elseLabel, ifStatement.Line));
        Lower(ifStatement.Then);
        if (ifStatement.Else is not null)
        {
            Emit(new GotoInstruction(end));
            Label(elseLabel);
            Emit(new CommentInstruction("else"));
            Lower(ifStatement.Else);
        }
        Label(end);
    }

    private void LowerFor(ForStatement forStatement)
    {
        var top = Top(forStatement.Labels);
        Emit(new CommentInstruction(forStatement.Header));
        foreach (var initializer in forStatement.Initializers)
        {
            Lower(initializer);
        }
        Label(top);
        if (forStatement.Condition is not null)
        {
            Emit(new BranchInstruction(forStatement.Condition, false, forStatement.Labels.Break, forStatement.Line));
        }
        Lower(forStatement.Body);
        Label(forStatement.Labels.Continue);
        foreach (var incrementor in forStatement.Incrementors)
        {
            Emit(new CodeInstruction(incrementor + ";", forStatement.Line, false, EquatableArray<string>.Empty));
        }
        Emit(new GotoInstruction(top));
        Label(forStatement.Labels.Break);
    }

    private static string Top(LoopLabels labels) => labels.Continue.Replace("_continue", "_top");

    private void Label(string name)
    {
        if (AllLabelsLive || _liveLabels.Contains(name))
        {
            _reachable = true;
        }
        _instructions.Add(new LabelInstruction(name));
    }

    private void Emit(Instruction instruction)
    {
        if (!_reachable)
        {
            return; // nothing jumps here: C# would call it unreachable code
        }
        _instructions.Add(instruction);
        if (instruction is GotoInstruction or ReturnInstruction or SuspendInstruction)
        {
            _reachable = false;
        }
    }
}
