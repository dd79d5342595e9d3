using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Binding;
using Coroutines.Generator.Model;
using Coroutines.Generator.Names;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// Suspending calls: a suspension point becomes its factory's <c>Suspension</c> (and, after the
/// resume, its result method's value); a call to a coroutine creates the callee with its
/// generated factory, waits for it with <c>Suspension.Call</c>, and reads its result.
/// </summary>
internal sealed partial class BodyLowerer
{
    private const string SuspensionType = "global::Coroutines.Suspension";

    private HashSet<string>? _takenNames;
    private CoroutineSyntax? _reservedIn;
    private int _reservedFields;
    private int _stateCount;

    /// <summary>The calls to other coroutines, by state.</summary>
    public List<CallModel> Calls { get; } = new();

    /// <summary>The number the next suspension will get.</summary>
    internal int NextState => _stateCount + 1;

    /// <summary>A suspension inside an expression: its value goes to <paramref name="temporary"/>, which the rest of the expression reads.</summary>
    internal SuspendStatement SuspendOperand(SuspensionSite site, string temporary) =>
        Suspend(site, ConditionalChains.Text(site.Call), JumpContext.Method, temporary);

    /// <summary>A suspension whose value is not used (<c>gate?.Wait(1);</c> under its spilled null test).</summary>
    internal SuspendStatement SuspendAsStatement(SuspensionSite site) =>
        Suspend(site with { Form = SuspensionForm.Statement }, ConditionalChains.Text(site.Call), JumpContext.Method);

    /// <summary>A temporary of the spiller, named <paramref name="stem"/> unless that is taken.</summary>
    internal string NewTemporary(string stem, string type, string comment, bool needsDefault) => NewField(stem, type, comment, needsDefault);

    /// <summary>A name for a new member of the state machine that is not a field (an init accessor), unique among its names.</summary>
    internal string NewMemberName(string stem) => GeneratedNames.Unique(stem, TakenNames());

    /// <summary>A store of the user's expression <paramref name="value"/>, rewritten, into <paramref name="target"/>.</summary>
    /// <param name="tested">Whether the value's test is stored, <c>(value) ? true : false</c>: a condition C# tests by its type's own <c>operator true</c>.</param>
    internal Statement Store(string target, ExpressionSyntax value, bool tested = false)
    {
        if (_scope.KeptBeforeSuspension.Count > 0 && value.DescendantNodesAndSelf().Any(_scope.KeptBeforeSuspension.ContainsKey))
        {
            // `{ Closure1 captured1 = closure1; slotIsNull_1 = (slot = x => x.A + captured1.copy) is null; }` (see StatementRewriter.KeepingStore).
            var rewriter = new StatementRewriter(_scope, null, DedentOf(value));
            return Code(rewriter.Splice(rewriter.KeepingStore(target, value, tested)), value) with { EndReachable = true };
        }
        var rewritten = RewriteKept(value, value);
        return Assign(target, tested ? new BinaryExpression(new ParenthesizedExpression(rewritten), "?", new TextExpression("true : false")) : rewritten, value);
    }

    /// <summary>
    /// The user's expression <paramref name="value"/>, rewritten, evaluated for its effect in a block that keeps the environments of a lambda in it
    /// (<c>{ Closure1 captured1 = closure1; holder_1.Inner(next_1).Take((rows.AsSpan()[0] = x =&gt; x.A + captured1.copy) is null ? 0 : 1); }</c>, see StatementRewriter.KeepingEvaluation).
    /// </summary>
    internal Statement KeepingEvaluation(ExpressionSyntax value)
    {
        var rewriter = new StatementRewriter(_scope, null, DedentOf(value));
        return Code(rewriter.Splice(rewriter.KeepingEvaluation(value)), value) with { EndReachable = true };
    }

    /// <summary>A store of the elements of the user's spread operand <paramref name="value"/>, rewritten, into the array <paramref name="target"/> (<c>[.. value]</c>).</summary>
    internal AssignStatement StoreElements(string target, ExpressionSyntax value) => Assign(target, new SpreadCopyExpression(RewriteKept(value, value)), value);

    private SuspendStatement Suspend(SuspensionSite site, string sourceText, JumpContext context, string? operandTemporary = null)
    {
        var state = ++_stateCount;
        var line = LineOf(site.Call);
        var binding = site.Binding;
        var setup = new List<Statement>();
        CodeExpression suspension;
        CodeExpression? value;
        CodeExpression? discard;
        AssignStatement? release = null;
        if (binding.Kind == SuspendingCallKind.CoroutineCall)
        {
            var callee = NewField(GeneratedNames.CallField(state), CalleeType(binding.Method), $"the call to {binding.Method.Name} (line {line})", false);
            var definition = binding.Method.ReducedFrom ?? binding.Method;
            Calls.Add(new CallModel(state, callee, binding.DisplayName, CoroutineBinder.KeyOf(definition), LocationInfo.From(site.Call)));
            var (factoryName, firstArgument, typeArguments) = (GeneratedNames.Factory(binding.Method.Name), _scope.CapturesFromEnclosing(binding.Method) ? _scope.StateMachineDeclaring(binding.Method) : null, _scope.FactoryTypeArguments(binding.Method));
            if (_scope.KeptBeforeSuspension.Count > 0 && site.Call.ArgumentList.DescendantNodes().Any(_scope.KeptBeforeSuspension.ContainsKey))
            {
                // `{ Closure1 captured1 = closure1; call1 = NextCoroutine((slot = x => x.A + captured1.copy) is null ? 1 : 0); }`, `o.RunCoroutine(...)` for `o?.Run(...)`
                // under `if (o is not null)` (see StatementRewriter.KeepingCall).
                setup.Add(Code(StatementRewriter.KeepingCall(_scope, callee, site.Call, factoryName, firstArgument, typeArguments), site.Call) with { EndReachable = true });
            }
            else
            {
                CodeExpression factory = StatementRewriter.RewriteCall(_scope, site.Call, factoryName, firstArgument, typeArguments);
                if (site.Call.Expression is MemberBindingExpressionSyntax && site.Call.Parent is ConditionalAccessExpressionSyntax conditional && !_scope.OpenChains.Contains(conditional))
                {
                    factory = new ChainedExpression(Rewrite(conditional.Expression), factory); // `o?.Run()`, under `if (o is not null)`
                }
                setup.Add(new AssignStatement(callee, factory, line));
            }
            suspension = new CallExpression(SuspensionType, "Call", callee);
            value = binding.Method.ReturnsVoid ? null : new MemberExpression(callee, "Result");
            discard = new CallExpression(callee, "GetResult", ""); // rethrows the callee's exception here, inside the caller's try blocks
            release = new AssignStatement(callee, "null", line) { Comment = "release the finished callee" };
        }
        else
        {
            var (receiver, arguments) = Operands(site, state, setup);
            var target = binding.Kind == SuspendingCallKind.StaticPoint ? SuspensionType : receiver;
            suspension = new CallExpression(target, binding.Factory!, arguments);
            value = binding.Result is null ? null : new CallExpression(target, binding.Result, arguments);
            discard = value;
        }

        var resumed = new List<Statement>();
        switch (site.Form)
        {
            case SuspensionForm.Statement when discard is not null:
                resumed.Add(new EvaluateStatement(discard, line));
                break;
            case SuspensionForm.Declaration:
                resumed.Add(new AssignStatement(FieldOf(site.Declarator!), value ?? new TextExpression("default"), line));
                break;
            case SuspensionForm.Assignment:
                resumed.Add(new AssignStatement(Rewrite(site.Target!), value ?? new TextExpression("default"), line));
                break;
            case SuspensionForm.Operand:
                resumed.Add(new AssignStatement(operandTemporary!, value ?? new TextExpression("default"), line));
                break;
            case SuspensionForm.Return:
                // Straight out, the callee goes with this coroutine; through a finally that may suspend, it is released first.
                resumed.Add(Return(value, context, line, release));
                release = null;
                break;
        }
        if (release is not null)
        {
            resumed.Add(release);
        }
        return new SuspendStatement(
            state,
            setup.ToEquatableArray(),
            suspension,
            resumed.Count == 0 ? null : new BlockStatement(resumed.ToEquatableArray(), line),
            OneLine(sourceText),
            line);
    }

    private static string CalleeType(IMethodSymbol callee) =>
        callee.ReturnsVoid ? "global::Coroutines.Coroutine?" : $"global::Coroutines.Coroutine<{SymbolText.Type(callee.ReturnType)}>?";

    /// <summary>
    /// A suspension point's receiver (for an instance point) and argument list (the user's expressions). With a
    /// result method both are read twice, before the suspension and after the resume, so each
    /// must be evaluated once: it is stored in a field first, unless it is a constant or a field
    /// of the state machine (a parameter or hoisted local) that no later operand writes. In a saveable
    /// coroutine, such a field of a type a snapshot cannot keep (the task of <c>Yield.Await</c>, the condition of
    /// <c>Yield.WaitUntil</c>) is saved only while suspended at <paramref name="state"/>, where the runtime keeps or
    /// refuses what it waits on (<see cref="FieldModel.LiveOnlyIn"/>): anywhere else it is spent, and a spent task or
    /// delegate must not make a save fail.
    /// </summary>
    private (CodeExpression Receiver, CodeExpression Arguments) Operands(SuspensionSite site, int state, List<Statement> setup)
    {
        var binding = site.Binding;
        var method = binding.Method;
        var call = site.Call;
        var explicitReceiver = call.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Expression,
            MemberBindingExpressionSyntax when call.Parent is ConditionalAccessExpressionSyntax conditional => conditional.Expression, // `gate?.Wait(1)`, under `if (gate is not null)`
            _ => null,
        };
        var arguments = call.ArgumentList.Arguments.Select(a => new Operand(a.Expression, a, ParameterOf(a, method))).ToList();
        Operand? receiver = null;
        if (binding.Kind == SuspendingCallKind.InstancePoint)
        {
            receiver = new Operand(explicitReceiver, null, null);
        }
        else if (method.ReducedFrom is { } extension && explicitReceiver is not null)
        {
            arguments.Insert(0, new Operand(explicitReceiver, null, extension.Parameters[0])); // x.M(a) is M(x, a)
        }

        var operands = (receiver is null ? arguments : arguments.Prepend(receiver.Value)).ToList();
        var stem = GeneratedNames.SpillStem(method.Name, state);
        var inPlace = binding.Result is not null && receiver is { Expression: { } variable } ? KeepStructVariable(site, variable, arguments, stem, setup) : null;
        // An argument with a lambda made in a block that keeps the environments (`Yield.Sleep((slot = x => x.A + item) is null ? 1 : 2)`, see
        // Binding/ClosureScopes.KeptBeforeSuspension): the operands are stored before the suspension, in C#'s order, that one in such a block.
        var keeping = call.ArgumentList.Arguments.Any(a => EvaluatesKeptLambda(a.Expression));
        var texts = operands.Select((o, i) => keeping && MustEvaluateOnce(operands, i) ? null : o.Argument is not null ? Rewrite(o.Argument) : o.Expression is null ? _scope.InstanceExpression() : Rewrite(o.Expression)).ToList();
        if (binding.Result is not null || keeping)
        {
            for (var i = 0; i < operands.Count; i++)
            {
                if (!MustEvaluateOnce(operands, i))
                {
                    continue;
                }
                if (inPlace is not null)
                {
                    setup.Add(inPlace); // the first argument stored: the variable is checked before it, as C# takes it by reference first
                    inPlace = null;
                }
                var operand = operands[i];
                var expression = operand.Expression!;
                var isReceiver = receiver is not null && i == 0;
                var type = _scope.Factories.TypeOf(expression, converted: !isReceiver) ?? operand.Parameter?.Type;
                var name = isReceiver ? ReceiverName(expression) : operand.Parameter?.Name ?? $"argument{i + 1}";
                var what = isReceiver ? "the receiver" : $"argument '{name}'";
                var comment = binding.Result is null ? $"{what} of {binding.DisplayName} (line {LineOf(call)}): evaluated before it, in C#'s order, as a lambda in its arguments is made in a block that keeps the environments" : $"{what} of {binding.DisplayName} (line {LineOf(call)}): {binding.Factory} and {binding.Result} both use it";
                // `Yield.Await(Made((slot = x => ...) is null ? row : other))`, `Yield.Await(Made(row))`: a type that holds an anonymous type, in an `object` field read back through its shape.
                var shape = type is { IsRefLikeType: false } && AnonymousShape.IsNeeded(type) ? AnonymousShape.Of(type, out _, _scope.ShapeMethods) : null;
                var field = shape is not null
                    ? NewField(GeneratedNames.SpillField(stem, name), "object?", comment + AnonymousShape.FieldCommentFor(shape), false)
                    : NewField(GeneratedNames.SpillField(stem, name), type is null ? "object" : SymbolText.Type(type), comment, type is null || !type.IsValueType);
                setup.Add(keeping ? Store(field, expression) : new AssignStatement(field, Rewrite(expression), LineOf(call)));
                texts[i] = shape is null ? operand.Argument?.NameColon?.ToFullString() + field
                    : operand.Argument?.NameColon is { } named ? (CodeExpression)new NamedArgumentExpression(named.Name.Identifier.Text, new AnonymousReadExpression(new TextExpression(field), shape))
                    : new AnonymousReadExpression(new TextExpression(field), shape);
                SaveOnlyIn(field, type, state);
            }
        }
        return (receiver is null ? "" : texts[0]!, new ListExpression(texts.Skip(receiver is null ? 0 : 1).Select(static t => t!).ToEquatableArray()));
    }

    /// <summary>
    /// Whether operand <paramref name="index"/> must be stored in a field to be read twice. A
    /// constant and <c>this</c> never change; a field of the state machine changes only if a later
    /// operand (evaluated before the call reads it) writes it; a <c>ref</c>/<c>out</c> argument is a variable, passed as is.
    /// </summary>
    private bool MustEvaluateOnce(List<Operand> operands, int index)
    {
        var operand = operands[index];
        if (operand.Expression is null or ThisExpressionSyntax ||
            _scope.Spilled.ContainsKey(operand.Expression) || // a temporary of the spiller: already evaluated once
            _scope.InPlace.Contains(operand.Expression) || // a struct variable C# calls on in place, its parts kept by the spiller
            operand.Argument is { RefKindKeyword.RawKind: not (int)SyntaxKind.None } ||
            _scope.Model.GetConstantValue(operand.Expression).HasValue)
        {
            return false;
        }
        if (operand.Expression is not IdentifierNameSyntax identifier ||
            _scope.Model.GetSymbolInfo(identifier).Symbol is not { } symbol ||
            !_scope.LivesInField(symbol))
        {
            return true;
        }
        return operands.Skip(index + 1).Any(later => later.Expression is not null && Writes(later.Argument ?? (SyntaxNode)later.Expression, symbol));
    }

    /// <summary>Whether <paramref name="node"/> assigns, increments or passes by reference the variable <paramref name="symbol"/>.</summary>
    internal bool Writes(SyntaxNode node, ISymbol symbol)
    {
        foreach (var written in node.DescendantNodesAndSelf(static n => !SuspensionFinder.IsFunction(n)))
        {
            var target = written switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left,
                PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression) => prefix.Operand,
                PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.PostIncrementExpression) || postfix.IsKind(SyntaxKind.PostDecrementExpression) => postfix.Operand,
                ArgumentSyntax { RefKindKeyword.RawKind: not (int)SyntaxKind.None } argument => argument.Expression,
                _ => null,
            };
            if (target is not null && SymbolEqualityComparer.Default.Equals(_scope.Model.GetSymbolInfo(target).Symbol, symbol))
            {
                return true;
            }
        }
        return false;
    }

    private static IParameterSymbol? ParameterOf(ArgumentSyntax argument, IMethodSymbol method)
    {
        var parameters = method.Parameters;
        if (argument.NameColon is { } name)
        {
            return parameters.FirstOrDefault(p => p.Name == name.Name.Identifier.ValueText);
        }
        var index = ((ArgumentListSyntax)argument.Parent!).Arguments.IndexOf(argument);
        return index < parameters.Length ? parameters[index] : parameters.LastOrDefault(static p => p.IsParams);
    }

    /// <summary>A field name for a receiver, from the name it ends with: <c>_inbox</c> and <c>this.Inbox</c> give <c>inbox</c>.</summary>
    private static string ReceiverName(ExpressionSyntax receiver)
    {
        var name = receiver switch
        {
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            _ => "",
        };
        name = name.TrimStart('_');
        return name.Length == 0 ? "receiver" : char.ToLowerInvariant(name[0]) + name.Substring(1);
    }

    /// <summary>
    /// Names the generated code must not take: every identifier the method's source uses (so no
    /// user code can bind to or hide a generated field), the fields and the state machine's members.
    /// </summary>
    /// <remarks>Collected when the first new field is named (most methods name none), from what was there at this call.</remarks>
    private void ReserveNames(CoroutineSyntax method)
    {
        _reservedIn = method;
        _reservedFields = _fields.Count;
    }

    private HashSet<string> TakenNames()
    {
        if (_takenNames is null)
        {
            _takenNames = _scope.IdentifiersIn(_reservedIn!.Node);
            _takenNames.UnionWith(_fields.Take(_reservedFields).Select(static f => f.Name.TrimStart('@')));
            _takenNames.UnionWith(_scope.MemberNames);
        }
        return _takenNames;
    }

    /// <summary>Adds a field named <paramref name="stem"/>, or <c>stem_2</c>, ... when that is taken.</summary>
    private string NewField(string stem, string type, string comment, bool needsDefault)
    {
        var name = GeneratedNames.Unique(stem, TakenNames());
        AddField(name, type, comment, needsDefault);
        return name;
    }

    /// <summary>A receiver or argument of a suspension point; <see cref="Expression"/> is null for an implicit <c>this</c>.</summary>
    private readonly record struct Operand(ExpressionSyntax? Expression, ArgumentSyntax? Argument, IParameterSymbol? Parameter);
}
