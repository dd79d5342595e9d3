using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Binding;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// Spilling, after the C# compiler's <c>AwaitExpressionSpiller</c> (<c>SpillSequenceSpiller</c>) but
/// at source level: a resume label can only stand between statements, so each suspension inside an
/// expression becomes a statement of its own, storing its value in a temporary field. What C#
/// evaluates before it (operands to its left, a receiver, an array and index being assigned) is
/// evaluated first into temporaries too, so it keeps the value it had; what C# evaluates after it
/// stays in the rewritten expression. <c>&amp;&amp;</c>, <c>||</c>, <c>??</c> and <c>?:</c> become
/// <c>if</c> statements, so a suspension runs only when C# would evaluate its operand.
/// </summary>
/// <remarks>
/// <see cref="Statements"/> collects what runs before the rewritten statement; every spilled part is
/// recorded in <see cref="RewriteScope.Spilled"/>, so rewriting the statement afterwards reads the
/// temporaries. An expression the spiller cannot split reports COR0007 and marks it <see cref="Failed"/>.
/// </remarks>
internal sealed partial class ExpressionSpiller
{
    private readonly BodyLowerer _lowerer;
    private readonly RewriteScope _scope;
    private readonly SpilledStatement _statement;
    private readonly List<DiagnosticInfo> _diagnostics;
    private List<Statement> _output = new();
    private HashSet<ISymbol>? _captured;

    public ExpressionSpiller(BodyLowerer lowerer, RewriteScope scope, SpilledStatement statement, List<DiagnosticInfo> diagnostics)
    {
        _lowerer = lowerer;
        _scope = scope;
        _statement = statement;
        _diagnostics = diagnostics;
    }

    /// <summary>What runs before the rewritten statement, in order: temporaries, suspensions, and the ifs of short-circuit operators.</summary>
    public List<Statement> Statements => _output;

    /// <summary>A part could not be split (COR0007 reported): the method is not generated.</summary>
    public bool Failed { get; private set; }

    private SemanticModel Model => _scope.Model;

    /// <summary>Adds a statement of the host's own after what was spilled so far.</summary>
    public void Add(Statement statement) => _output.Add(statement);

    /// <summary>Whether <paramref name="node"/> holds a suspension of the statement.</summary>
    public bool Suspends(SyntaxNode node) => _statement.Sites.Keys.Any(call => node.Span.Contains(call.Span));

    /// <summary>
    /// Evaluates <paramref name="expression"/> up to its last suspension: afterwards, the rewritten
    /// expression only evaluates what C# evaluates after that suspension.
    /// </summary>
    public void Spill(ExpressionSyntax expression)
    {
        if (Failed || !Suspends(expression))
        {
            return;
        }
        if (expression is InvocationExpressionSyntax call && _statement.Sites.TryGetValue(call, out var site))
        {
            if (IsUnopenedPart(call.Expression))
            {
                Refuse(call.Parent!); // a part of a `?.` chain not spilled by SpillConditionalAccess
                return;
            }
            SpillOperandsOf(call);
            SuspendInto(site);
            return;
        }
        switch (expression)
        {
            case BinaryExpressionSyntax logical when logical.IsKind(SyntaxKind.LogicalAndExpression) || logical.IsKind(SyntaxKind.LogicalOrExpression):
                SpillShortCircuit(logical);
                return;
            case BinaryExpressionSyntax coalesce when coalesce.IsKind(SyntaxKind.CoalesceExpression):
                SpillCoalesce(coalesce);
                return;
            case ConditionalExpressionSyntax conditional:
                SpillConditional(conditional);
                return;
            case BaseObjectCreationExpressionSyntax { Initializer: { } initializer } creation when Suspends(initializer):
                SpillInitializer(creation, initializer);
                return;
            case ConditionalAccessExpressionSyntax access:
                SpillConditionalAccess(access);
                return;
            case AssignmentExpressionSyntax compound when !compound.IsKind(SyntaxKind.SimpleAssignmentExpression) && Suspends(compound.Right):
                SpillCompoundAssignment(compound, BodyLowerer.LineOf(compound), asValue: true); // `Log(x += F())`
                return;
            case SwitchExpressionSyntax switchExpression when switchExpression.Arms.Any(Suspends):
                SpillSwitchExpression(switchExpression);
                return;
            case WithExpressionSyntax with when Suspends(with.Initializer):
                SpillWith(with);
                return;
            case QueryExpressionSyntax query when IsJoinAfterClauses(query):
                SpillJoinAfterClauses(query);
                return;
        }
        if (Operands(expression) is not { } operands)
        {
            Refuse(expression);
            return;
        }
        SpillOperands(operands);
    }

    /// <summary>The receiver and arguments of a suspending call: those before its last suspension keep their values.</summary>
    public void SpillOperandsOf(InvocationExpressionSyntax call)
    {
        if (CallOperands(call) is not { } operands)
        {
            Refuse(call);
            return;
        }
        if (operands.Count > 1 && operands[0].IsVariable && !Suspends(operands[0].Expression) && Suspends(call.ArgumentList))
        {
            // `doors[i].Wait(F())`: C# async checks the array element's index before the arguments
            PreserveVariable(operands[0].Expression);
            if (!Failed && _lowerer.VariableCheck(operands[0].Expression, BodyLowerer.LineOf(call), arrayElementOnly: true) is { } check)
            {
                Add(check);
            }
            operands.RemoveAt(0);
        }
        SpillOperands(operands);
    }

    /// <summary>
    /// <c>target op= value</c> (or <c>??=</c>) that suspends in its value: the target's array and
    /// index (or receiver) and, for <c>op=</c>, its old value are evaluated before the suspension, as
    /// C# does; the store comes after. <paramref name="asValue"/>: the assignment is an operand
    /// (<c>Log(x += F())</c>); the value it gives, the one stored, is kept in a temporary the rest reads.
    /// </summary>
    public void SpillCompoundAssignment(AssignmentExpressionSyntax assignment, int line, bool asValue = false)
    {
        PreserveVariable(assignment.Left);
        if (Failed)
        {
            return;
        }
        if (assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression) && asValue)
        {
            SpillCoalesceAssignmentValue(assignment, line);
            return;
        }
        if (assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression))
        {
            var target = Rewrite(assignment.Left);
            var then = Nested(() =>
            {
                Spill(assignment.Right);
                KeepAfterResume(assignment.Right); // `n ??= Next(1) + ((rows.AsSpan()[0] = x => ...) is null ? 0 : 1);`
                Add(Store(assignment.Left, Rewrite(assignment.Right), line));
            });
            Add(new IfStatement(new IsNullExpression(target), Quote(assignment), then, null, line));
            return;
        }
        if (Model.GetOperation(assignment) is not Microsoft.CodeAnalysis.Operations.ICompoundAssignmentOperation operation ||
            Model.GetTypeInfo(assignment.Left).Type is not { } targetType)
        {
            Refuse(assignment); // an event's += or a dynamic target
            return;
        }
        var old = Keep(assignment.Left, "old value of", replace: false);
        if (old is null)
        {
            return;
        }
        Spill(assignment.Right);
        KeepAfterResume(assignment.Right); // `n += Next(1) + ((rows.AsSpan()[0] = x => ...) is null ? 0 : 1);`
        var op = assignment.OperatorToken.Text.Substring(0, assignment.OperatorToken.Text.Length - 1);
        CodeExpression value = new BinaryExpression(old, op, Spelled(assignment.Right));
        if (!operation.OutConversion.IsIdentity)
        {
            value = new CastExpression(SymbolText.Type(targetType), new ParenthesizedExpression(value)); // `b += 1` on a byte: C#'s implicit cast
        }
        if (StatementRewriter.OverflowKeyword(assignment) is { } keyword)
        {
            value = new OverflowCheckExpression(keyword, value); // inside `checked`: the new value overflows as C#'s would
        }
        if (asValue)
        {
            CheckSaveable(targetType, assignment);
            var result = _lowerer.NewTemporary(
                Names.GeneratedNames.NewValue(NameOf(assignment.Left), _lowerer.NextState - 1),
                SymbolText.Type(targetType),
                $"the value of {Quote(assignment)} (line {line}): the one it stores",
                !targetType.IsValueType);
            Add(new AssignStatement(result, value, line));
            Add(Store(assignment.Left, result, line));
            _scope.Spilled[assignment] = result;
            return;
        }
        Add(Store(assignment.Left, value, line));
    }

    /// <summary>
    /// <c>Log(x ??= F())</c>: <c>x</c> read once; when it is null, <c>F()</c> suspends and its value is
    /// stored and given, otherwise the value read is given (for a nullable value, its underlying value).
    /// </summary>
    private void SpillCoalesceAssignmentValue(AssignmentExpressionSyntax assignment, int line)
    {
        var type = Model.GetTypeInfo(assignment).Type;
        var old = type is null || type.TypeKind is TypeKind.Error || type.IsRefLikeType ? null : Keep(assignment.Left, "old value of", replace: false);
        if (old is null)
        {
            Refuse(assignment);
            return;
        }
        CheckSaveable(type, assignment);
        var result = _lowerer.NewTemporary(
            Names.GeneratedNames.NewValue(NameOf(assignment.Left), _lowerer.NextState),
            SymbolText.Type(type!),
            $"the value of {Quote(assignment)} (line {line})",
            !type!.IsValueType);
        var then = Nested(() =>
        {
            Spill(assignment.Right);
            Add(new AssignStatement(result, Rewrite(assignment.Right), line));
            Add(Store(assignment.Left, result, line));
        });
        var oldType = Model.GetTypeInfo(assignment.Left).Type;
        CodeExpression kept = SymbolEqualityComparer.Default.Equals(oldType, type) ? old : new CastExpression(SymbolText.Type(type), old);
        var otherwise = new BlockStatement(new Statement[] { new AssignStatement(result, kept, line) }.ToEquatableArray(), line);
        Add(new IfStatement(new IsNullExpression(old), Quote(assignment), then, otherwise, line));
        _scope.Spilled[assignment] = result;
    }

    /// <summary>
    /// <c>value switch { p1 =&gt; F(), p2 when g =&gt; x, _ =&gt; y }</c> with a suspension in an arm: the value
    /// kept, then an if per arm testing its pattern (and guard) in order; only the chosen arm's
    /// suspension runs, and its value goes to one temporary. No arm matched: C#'s <c>SwitchExpressionException</c>.
    /// </summary>
    private void SpillSwitchExpression(SwitchExpressionSyntax switchExpression)
    {
        var type = Model.GetTypeInfo(switchExpression).Type ?? Model.GetTypeInfo(switchExpression).ConvertedType;
        if (type is null || type.TypeKind is TypeKind.Error || type.IsRefLikeType || type.ContainsAnonymousType())
        {
            Refuse(switchExpression);
            return;
        }
        var governing = switchExpression.GoverningExpression;
        Spill(governing);
        var subjectText = Failed ? null : SpilledName(governing) ?? Keep(governing, "value switched on", replace: true);
        if (Failed || subjectText is null)
        {
            return;
        }
        var line = BodyLowerer.LineOf(switchExpression);
        CheckSaveable(type, switchExpression);
        var result = _lowerer.NewTemporary(
            Names.GeneratedNames.SwitchValue(NameOf(governing), _lowerer.NextState),
            SymbolText.Type(type),
            $"the value of the switch expression on {Quote(governing)} (line {line}): the chosen arm's",
            !type.IsValueType);
        if (switchExpression.Arms.Any(a => a.WhenClause is { } when && Suspends(when)))
        {
            SpillGuardedArms(switchExpression, subjectText, result, line);
            _scope.Spilled[switchExpression] = result;
            return;
        }
        // The arms' blocks first, in source order (their states are numbered as written), then the if chain from the last arm up.
        var chosenBlocks = switchExpression.Arms.Select(arm => Nested(() =>
        {
            Spill(arm.Expression);
            Add(new AssignStatement(result, Rewrite(arm.Expression), BodyLowerer.LineOf(arm)));
        })).ToList();
        Statement? otherwise = new EvaluateStatement(new TextExpression($"throw new global::System.Runtime.CompilerServices.SwitchExpressionException({subjectText})"), line);
        for (var i = switchExpression.Arms.Count - 1; i >= 0 && !Failed; i--)
        {
            var arm = switchExpression.Arms[i];
            var armLine = BodyLowerer.LineOf(arm);
            var chosen = chosenBlocks[i];
            otherwise = arm is { Pattern: DiscardPatternSyntax, WhenClause: null }
                ? chosen
                : new IfStatement(
                    ArmCondition(subjectText, arm, arm.WhenClause?.Condition),
                    Quote(arm),
                    chosen,
                    otherwise,
                    armLine);
        }
        Add(otherwise!);
        _scope.Spilled[switchExpression] = result;
    }

    private void SpillOperands(IReadOnlyList<Operand> operands)
    {
        var last = -1;
        for (var i = 0; i < operands.Count; i++)
        {
            if (Suspends(operands[i].Expression))
            {
                last = i;
            }
        }
        for (var i = 0; i < last && !Failed; i++)
        {
            if (operands[i].IsVariable)
            {
                PreserveVariable(operands[i].Expression);
            }
            else if (operands[i].IsSpread)
            {
                PreserveSpread(operands[i].Expression);
            }
            else
            {
                Preserve(operands[i].Expression);
            }
        }
        if (last >= 0)
        {
            Spill(operands[last].Expression);
        }
    }

    /// <summary>An operand evaluated before a later suspension: its value, in a temporary unless it cannot change.</summary>
    private void Preserve(ExpressionSyntax expression)
    {
        if (IsSpilled(expression))
        {
            return; // kept already (`doors?[Next()]`: the index of a struct called on in place, see KeepInPlace)
        }
        if (Unparenthesized(expression) is AnonymousObjectCreationExpressionSyntax anonymous)
        {
            // Its type has no name for a field: its members are kept instead, and the object is made
            // after the resume, which nothing can tell apart (nothing sees it before).
            foreach (var member in anonymous.Initializers)
            {
                Preserve(member.Expression);
            }
            return;
        }
        if (Unparenthesized(expression) is ConditionalExpressionSyntax choice && ClosureScopes.ChoosesALambdaAfterTheResume(Model, choice))
        {
            // `c ? x => x.A + item : null`: its value has no type a field could be given (a `?:` kept in an `object` field has none),
            // and its branches evaluate nothing: its condition is kept, and the lambda is chosen where the `?:` stands, made with
            // its call or object through the environments after the resume (the same environments: the statement enters no scope).
            Preserve(choice.Condition);
            return;
        }
        Spill(expression);
        if (Failed || IsSpilled(expression))
        {
            return;
        }
        if (Model.GetTypeInfo(expression).Type is { IsRefLikeType: true } refStruct)
        {
            RefuseRefStruct(expression, refStruct);
            return;
        }
        if (CannotChange(expression))
        {
            return;
        }
        Keep(expression, null, replace: true);
    }

    /// <summary>
    /// A variable evaluated before a later suspension (an assignment's target, a struct receiver, a
    /// <c>ref</c> argument): its array and index, or the object it is a field of, are kept; the
    /// variable itself is used in place after the resume.
    /// </summary>
    private void PreserveVariable(ExpressionSyntax variable)
    {
        switch (variable)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                PreserveVariable(parenthesized.Expression);
                return;
            case IdentifierNameSyntax or DeclarationExpressionSyntax or ThisExpressionSyntax or BaseExpressionSyntax:
                if (Suspends(variable))
                {
                    Refuse(variable);
                }
                return; // a local, parameter, field of this, static field or property: the same variable after the resume
            case MemberAccessExpressionSyntax access when access.IsKind(SyntaxKind.SimpleMemberAccessExpression):
                PreserveReceiver(access.Expression);
                return;
            case ElementAccessExpressionSyntax element:
                PreserveReceiver(element.Expression);
                foreach (var argument in element.ArgumentList.Arguments)
                {
                    Preserve(argument.Expression);
                }
                return;
            case ElementBindingExpressionSyntax element: // `doors?[i]`: the chain's receiver is kept already
                foreach (var argument in element.ArgumentList.Arguments)
                {
                    Preserve(argument.Expression);
                }
                return;
            case MemberBindingExpressionSyntax:
                return; // `o?.Door`: the chain's receiver is kept already
            default:
                Preserve(variable); // not a variable (a call's result): its value, as C# uses it
                return;
        }
    }

    /// <summary>The object a member or element belongs to: a struct variable in place, anything else by value.</summary>
    private void PreserveReceiver(ExpressionSyntax receiver)
    {
        if (IsTypeOrNamespace(receiver))
        {
            return;
        }
        if (Model.GetTypeInfo(receiver).Type is { IsValueType: true } && IsVariable(receiver))
        {
            PreserveVariable(receiver);
        }
        else
        {
            Preserve(receiver);
        }
    }

    /// <summary>
    /// Stores <paramref name="expression"/>, rewritten, into a new temporary (that the rewritten
    /// code then reads in its place, when <paramref name="replace"/>); null when its type cannot be a field.
    /// </summary>
    private string? Keep(ExpressionSyntax expression, string? role, bool replace)
    {
        var type = _scope.Factories.TypeOf(expression, converted: false) ?? Model.GetTypeInfo(expression).Type ?? Model.GetTypeInfo(expression).ConvertedType;
        if (type is { IsRefLikeType: true })
        {
            RefuseRefStruct(expression, type);
            return null;
        }
        // A value of an anonymous type is kept too (in an object field, read back through its shape),
        // but only as an operand read once in its place: an old value or a switch's subject is used otherwise.
        if (type is null || IsUnopenedPart(expression) || type.TypeKind is TypeKind.Error or TypeKind.Pointer or TypeKind.FunctionPointer ||
            (AnonymousShape.IsNeeded(type) && (role is not null || !replace || AnonymousShape.Of(type, out _) is null)))
        {
            Refuse(expression);
            return null;
        }
        var next = NextSuspension(expression);
        var what = role is null ? Quote(expression) : $"the {role} {Quote(expression)}";
        var field = NewKept(
            replace ? Names.GeneratedNames.SpilledOperand(NameOf(expression), _lowerer.NextState) : Names.GeneratedNames.OldValue(NameOf(expression), _lowerer.NextState),
            DeclaredNullability.OfValue(expression, type, Model),
            $"{what} (line {BodyLowerer.LineOf(expression)}), evaluated before {next} suspends, as C# does",
            expression);
        if (Unparenthesized(expression) is ImplicitObjectCreationExpressionSyntax creation && _scope.SpilledShapes.TryGetValue(field, out var shape))
        {
            // `Pick(rows[0], new() { Slot = x => x.A + item }, Next())`: created before the suspension, as C# does, in an `object` field that gives
            // `new()` no type: it takes its shape's; its lambdas, made with it, keep this iteration's environments.
            _scope.KeptCreations[creation] = shape;
        }
        if (Unparenthesized(expression) is ConditionalExpressionSyntax choice && Model.GetTypeInfo(choice).Type is null && _scope.SpilledShapes.TryGetValue(field, out var choiceShape))
        {
            // `holder with { Slot = c ? x => x.A + item : Zero, Tag = Next() }`: a `?:` typed only by the member it is assigned to, in an `object` field: it takes its shape's type.
            _scope.KeptChoices[choice] = choiceShape;
        }
        Add(_lowerer.Store(field, expression));
        if (replace)
        {
            _scope.Spilled[expression] = field;
        }
        return field;
    }

    /// <summary>
    /// A temporary of <paramref name="type"/>; of an anonymous type (which a field cannot name), an
    /// <c>object</c> field whose reads go through its shape (<see cref="AnonymousShape"/>).
    /// </summary>
    private string NewKept(string stem, ITypeSymbol type, string comment, SyntaxNode value)
    {
        CheckSaveable(type, value);
        if (AnonymousShape.IsNeeded(type) && AnonymousShape.Of(type, out _, _scope.ShapeMethods) is { } shape)
        {
            var kept = _lowerer.NewTemporary(stem, "object?", comment + AnonymousShape.FieldCommentFor(shape), false);
            _scope.SpilledShapes[kept] = shape;
            return kept;
        }
        return _lowerer.NewTemporary(stem, SymbolText.Type(type), comment, !type.IsValueType);
    }

    /// <summary>
    /// COR0034 (a saveable coroutine): <paramref name="value"/>, kept in a field, lives across the statement's next
    /// suspension after it (after <paramref name="from"/>, for an object whose initializer suspends).
    /// </summary>
    private void CheckSaveable(ITypeSymbol? type, SyntaxNode value, int? from = null) =>
        _lowerer.CheckSaveable(type, value, _statement.Sites.Keys.Where(c => c.SpanStart >= (from ?? value.Span.End)).OrderBy(static c => c.SpanStart).FirstOrDefault());

    /// <summary>A suspension inside the expression: it runs as a statement, its value stored in a temporary the expression reads.</summary>
    private void SuspendInto(SuspensionSite site)
    {
        var call = site.Call;
        var type = Model.GetTypeInfo(call).Type;
        if (type is null || type.SpecialType == SpecialType.System_Void || type.TypeKind == TypeKind.Error || type.IsRefLikeType)
        {
            Refuse(call);
            return;
        }
        CheckSaveable(type, call);
        var field = _lowerer.NewTemporary(
            Names.GeneratedNames.SuspensionValue(site.Binding.Method.Name, _lowerer.NextState),
            SymbolText.Type(type),
            $"the value of {Quote(call)} (line {BodyLowerer.LineOf(call)})",
            !type.IsValueType);
        if (!_statement.Sites.Keys.Any(c => c.SpanStart >= call.Span.End))
        {
            _lowerer.SaveOnlyIn(field, type, FieldModel.NeverLive); // read before the statement suspends again
        }
        Add(_lowerer.SuspendOperand(site, field));
        _scope.Spilled[call] = field;
    }

    /// <summary><c>a &amp;&amp; F()</c>, <c>a || F()</c>: <c>F()</c> runs only when C# evaluates it, under an if on the kept left side.</summary>
    private void SpillShortCircuit(BinaryExpressionSyntax logical)
    {
        if (!Suspends(logical.Right))
        {
            Spill(logical.Left);
            return;
        }
        if (Model.GetSymbolInfo(logical).Symbol is IMethodSymbol { MethodKind: MethodKind.UserDefinedOperator })
        {
            SpillUserDefinedShortCircuit(logical);
            return;
        }
        if (!IsPlainBool(logical.Left))
        {
            Refuse(logical);
            return;
        }
        Preserve(logical.Left);
        CodeExpression left = Rewrite(logical.Left);
        var right = Nested(() => Spill(logical.Right));
        var test = logical.IsKind(SyntaxKind.LogicalAndExpression) ? left : new NotExpression(Spelled(logical.Left));
        Add(new IfStatement(test, Quote(logical), right, null, BodyLowerer.LineOf(logical.Right)));
    }

    /// <summary>
    /// <c>x &amp;&amp; F()</c> on a type with its own <c>operator false</c> and <c>&amp;</c> (<c>x || F()</c>: <c>true</c>, <c>|</c>):
    /// C# runs <c>T.false(x) ? x : T.&amp;(x, F())</c>, <c>x</c> evaluated once. <c>x</c> is kept; <c>operator false</c>
    /// is called through the state machine's accessor of it (<c>if (x)</c> would call <c>operator true</c>); only
    /// when it is false, <c>F()</c> suspends and <c>x &amp; value</c> gives the result. A left operand of another type
    /// than the operators take is converted first, once, as C# does (<c>temp = (T)x</c>, then <c>T.false(temp)</c>);
    /// a right operand of another type is converted after its suspension, before <c>&amp;</c>.
    /// </summary>
    private void SpillUserDefinedShortCircuit(BinaryExpressionSyntax logical)
    {
        var and = logical.IsKind(SyntaxKind.LogicalAndExpression);
        // C# requires T's own `operator false` and `operator true` (taking a T) for `&&`/`||` on T; lifted
        // (`S? a && b`, S's `&` taking S), operators true and false that take an S?, and `&` is then lifted:
        // null when either operand is, as C# writes `S.false(x) ? x : x & y` on S? values.
        var truthName = and ? WellKnownMemberNames.FalseOperatorName : WellKnownMemberNames.TrueOperatorName;
        var operation = Model.GetOperation(logical) as Microsoft.CodeAnalysis.Operations.IBinaryOperation;
        var combine = operation?.OperatorMethod;
        var operandType = operation is { IsLifted: true } ? operation.Type as INamedTypeSymbol : combine?.ContainingType;
        if (combine is null || operandType is null ||
            Model.GetTypeInfo(logical.Left).Type is not { TypeKind: not TypeKind.Error and not TypeKind.Dynamic } leftType ||
            Model.GetTypeInfo(logical.Right).Type is not { TypeKind: not TypeKind.Error and not TypeKind.Dynamic } rightType ||
            combine.ContainingType.GetMembers(truthName).OfType<IMethodSymbol>()
                .FirstOrDefault(m => m.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type, operandType)) is not { } truth ||
            !combine.Parameters.All(p => SymbolEqualityComparer.Default.Equals(p.Type, combine.ContainingType)) ||
            !SymbolEqualityComparer.Default.Equals(combine.ReturnType, combine.ContainingType))
        {
            Refuse(logical, $"an operand of '{logical.OperatorToken.Text}' whose type is not the one its operators take (convert it to that type in a local first)");
            return;
        }
        if (RuntimeAccessorRefusal(truth, logical) is { } refusal)
        {
            Refuse(logical, $"an operand of '{logical.OperatorToken.Text}' on {combine.ContainingType.Name}'s operator {(and ? "false" : "true")}, {refusal}");
            return;
        }
        Preserve(logical.Left);
        if (Failed)
        {
            return;
        }
        var line = BodyLowerer.LineOf(logical);
        var left = Spelled(logical.Left);
        var type = SymbolText.Type(operandType);
        CheckSaveable(operandType, logical);
        var result = _lowerer.NewTemporary(
            Names.GeneratedNames.NewValue(NameOf(logical.Left), _lowerer.NextState),
            type,
            $"the value of {Quote(logical)} (line {line})",
            !operandType.IsValueType);
        var converts = !SymbolEqualityComparer.Default.Equals(leftType, operandType);
        var combined = Nested(() =>
        {
            Spill(logical.Right);
            CodeExpression right = Spelled(logical.Right);
            if (!SymbolEqualityComparer.Default.Equals(rightType, operandType))
            {
                right = new CastExpression(type, new ParenthesizedExpression(right));
            }
            Add(new AssignStatement(result, new BinaryExpression(converts ? new TextExpression(result) : left, and ? "&" : "|", right), line));
        });
        if (converts)
        {
            // C# converts the left operand once, before its operator false: the converted value is the result when it decides.
            Add(new AssignStatement(result, new CastExpression(type, new ParenthesizedExpression(left)), line));
            var decides = new StaticCallExpression(TruthOperatorAccessor(truth, line, logical), new ListExpression(new CodeExpression[] { new TextExpression("default!"), new TextExpression(result) }.ToEquatableArray()));
            Add(new IfStatement(new NotExpression(decides), Quote(logical), combined, null, line));
        }
        else
        {
            var test = new StaticCallExpression(TruthOperatorAccessor(truth, line, logical), new ListExpression(new CodeExpression[] { new TextExpression("default!"), left }.ToEquatableArray()));
            var shortCircuit = new BlockStatement(new Statement[] { new AssignStatement(result, left, line) }.ToEquatableArray(), line);
            Add(new IfStatement(test, Quote(logical), shortCircuit, combined, line));
        }
        _scope.Spilled[logical] = result;
    }

    /// <summary><c>a ?? F()</c>: <c>F()</c> runs only when the kept left side is null.</summary>
    private void SpillCoalesce(BinaryExpressionSyntax coalesce)
    {
        if (!Suspends(coalesce.Right))
        {
            Spill(coalesce.Left);
            return;
        }
        Preserve(coalesce.Left);
        var right = Nested(() => Spill(coalesce.Right));
        Add(new IfStatement(new IsNullExpression(Spelled(coalesce.Left)), Quote(coalesce), right, null, BodyLowerer.LineOf(coalesce.Right)));
    }

    /// <summary><c>c ? F() : G()</c>: each branch's suspensions run only on that branch, under an if on the kept condition.</summary>
    private void SpillConditional(ConditionalExpressionSyntax conditional)
    {
        var whenTrue = Suspends(conditional.WhenTrue);
        var whenFalse = Suspends(conditional.WhenFalse);
        if (!whenTrue && !whenFalse)
        {
            Spill(conditional.Condition);
            return;
        }
        if (!IsPlainBool(conditional.Condition) || conditional.WhenTrue is RefExpressionSyntax)
        {
            Refuse(conditional);
            return;
        }
        Preserve(conditional.Condition);
        var line = BodyLowerer.LineOf(conditional);
        var then = whenTrue ? Nested(() => Spill(conditional.WhenTrue)) : null;
        var otherwise = whenFalse ? Nested(() => Spill(conditional.WhenFalse)) : null;
        Add(then is null
            ? new IfStatement(new NotExpression(Spelled(conditional.Condition)), Quote(conditional), otherwise!, null, line)
            : new IfStatement(Rewrite(conditional.Condition), Quote(conditional), then, otherwise, line));
    }

    /// <summary>
    /// The arms of a switch expression with a guard that suspends (<c>int n when F(n) =&gt; ...</c>): one if
    /// per arm, in order, each tested only while no arm was chosen; a guard suspends only when its
    /// pattern matched, and a false guard goes on to the next arm, as C# does.
    /// </summary>
    private void SpillGuardedArms(SwitchExpressionSyntax switchExpression, string subject, string result, int line)
    {
        var chosen = _lowerer.NewTemporary(
            Names.GeneratedNames.SwitchChosen(NameOf(switchExpression.GoverningExpression), _lowerer.NextState),
            "bool",
            $"whether an arm of the switch expression on {Quote(switchExpression.GoverningExpression)} (line {line}) was chosen",
            false);
        Add(new AssignStatement(chosen, "false", line));
        foreach (var arm in switchExpression.Arms)
        {
            if (Failed)
            {
                return;
            }
            var armLine = BodyLowerer.LineOf(arm);
            var guard = arm.WhenClause?.Condition;
            var guardSuspends = guard is not null && Suspends(guard);
            var body = Nested(() =>
            {
                var take = Nested(() =>
                {
                    Add(new AssignStatement(chosen, "true", armLine));
                    Spill(arm.Expression);
                    Add(new AssignStatement(result, Rewrite(arm.Expression), armLine));
                });
                if (!guardSuspends)
                {
                    Add(take);
                    return;
                }
                Spill(guard!);
                Add(new IfStatement(Rewrite(guard!), Quote(guard!), take, null, armLine));
            });
            CodeExpression test = arm is { Pattern: DiscardPatternSyntax } && (guard is null || guardSuspends)
                ? new NotExpression(chosen)
                : new AndExpression(new CodeExpression[] { new NotExpression(chosen), new ParenthesizedExpression(ArmCondition(subject, arm, guardSuspends ? null : guard)) }.ToEquatableArray());
            Add(new IfStatement(test, Quote(arm), body, null, armLine));
        }
        Add(new IfStatement(
            new NotExpression(chosen),
            "no arm matched",
            new BlockStatement(new Statement[] { new EvaluateStatement(new TextExpression($"throw new global::System.Runtime.CompilerServices.SwitchExpressionException({subject})"), line) }.ToEquatableArray(), line),
            null,
            line));
    }

    /// <summary>
    /// <c>r with { A = Next(), B = F() }</c>: C# evaluates <c>r</c>, copies it (a record's <c>&lt;Clone&gt;$</c>, which
    /// runs its copy constructor), then evaluates each member's value and sets it (its setter or init accessor)
    /// in order. The copy is made with the members before the first that suspends (<c>r with { A = Next() }</c>,
    /// in C#'s order) and kept; each later member's value is spilled, then set on the kept copy: a field or a
    /// setter directly, an init accessor through the state machine's accessor of it (<see cref="RuntimeAccessorModel"/>).
    /// </summary>
    private void SpillWith(WithExpressionSyntax with)
    {
        var type = Model.GetTypeInfo(with).Type;
        if (type is not null && type.ContainsAnonymousType())
        {
            SpillWithOnKeptReceiver(with, type);
            return;
        }
        var members = with.Initializer.Expressions
            .Select(e => e is AssignmentExpressionSyntax { Left: IdentifierNameSyntax name } assignment ? (Assignment: assignment, Member: Model.GetSymbolInfo(name).Symbol) : (null!, null))
            .ToList();
        if (type is null || type.TypeKind is TypeKind.Error || type.IsRefLikeType ||
            members.Any(static m => m.Assignment is null || m.Member is not (IFieldSymbol or IPropertySymbol) || m.Member is IPropertySymbol property && Settable(property) is null))
        {
            Refuse(with);
            return;
        }
        var first = members.FindIndex(m => Suspends(m.Assignment.Right));
        first = first < 0 ? members.Count : first;
        foreach (var (_, member) in members.Skip(first))
        {
            if (member is IPropertySymbol settable && Settable(settable) is { SetMethod: { IsInitOnly: true } init } property && RuntimeAccessorRefusal(init, with, property.OriginalDefinition.Type) is { } refusal)
            {
                Refuse(with, $"a 'with' expression that sets the init-only property '{property.Name}' after it, {refusal}");
                return;
            }
        }
        Spill(with.Expression);
        if (Failed)
        {
            return;
        }
        var line = BodyLowerer.LineOf(with);
        CheckSaveable(type, with.Expression);
        var copy = _lowerer.NewTemporary(
            Names.GeneratedNames.SpilledOperand(NameOf(with.Expression), _lowerer.NextState),
            SymbolText.Type(type),
            $"the copy {Quote(with)} (line {line}) makes before {_statement.Sites.Keys.Where(c => with.Span.Contains(c.Span)).OrderBy(static c => c.SpanStart).First().Expression} suspends, as C# does; its later members are set on it",
            !type.IsValueType);
        var before = members.Take(first).Select(m => (CodeExpression)new BinaryExpression(new TextExpression(SymbolText.Identifier(m.Member!.Name)), "=", Rewrite(m.Assignment.Right)));
        Add(new AssignStatement(copy, new WithCopyExpression(Spelled(with.Expression), new ListExpression(before.ToEquatableArray())), line));
        foreach (var (assignment, member) in members.Skip(first))
        {
            Spill(assignment.Right);
            if (Failed)
            {
                return;
            }
            var value = Rewrite(assignment.Right);
            var memberLine = BodyLowerer.LineOf(assignment);
            if (member is IPropertySymbol settable && Settable(settable) is { SetMethod: { IsInitOnly: true } init } property)
            {
                var target = type.IsValueType ? new TextExpression("ref " + copy) : (CodeExpression)new TextExpression(copy);
                Add(new EvaluateStatement(new StaticCallExpression(InitAccessor(property, init, line, with), new ListExpression(new[] { target, value }.ToEquatableArray())), memberLine));
            }
            else
            {
                Add(new AssignStatement(new MemberExpression(copy, SymbolText.Identifier(member!.Name)), value, memberLine));
            }
        }
        _scope.Spilled[with] = copy;
    }

    /// <summary>
    /// The property whose set or init accessor C# calls to set <paramref name="property"/>: its own, or, for an override
    /// that declares only a getter (<c>public override int X =&gt; ...</c>), the one it inherits; null when it has none.
    /// </summary>
    private static IPropertySymbol? Settable(IPropertySymbol property)
    {
        for (IPropertySymbol? overridden = property; overridden is not null; overridden = overridden.OverriddenProperty)
        {
            if (overridden.SetMethod is not null)
            {
                return overridden;
            }
        }
        return null;
    }

    /// <summary>
    /// A <c>with</c> expression on a value of an anonymous type (or a type built from one), which no field can name and
    /// whose members have no setter: the receiver's copy kept in an <c>object</c> field read back through its shape, then
    /// the members' values, then the <c>with</c> itself on the kept copy. Its members are the compiler's (set by its copy
    /// only), so setting them all at the end shows nothing; a type with its own copy constructor or accessors is refused.
    /// </summary>
    private void SpillWithOnKeptReceiver(WithExpressionSyntax with, ITypeSymbol type)
    {
        if (type.TypeKind is TypeKind.Error || type.IsRefLikeType || AnonymousShape.Of(type, out _) is null || HasOwnCopyConstructor(type) ||
            !with.Initializer.Expressions.All(e => e is AssignmentExpressionSyntax { Left: IdentifierNameSyntax member } && IsPlainMember(Model.GetSymbolInfo(member).Symbol)))
        {
            Refuse(with);
            return;
        }
        Spill(with.Expression);
        if (Failed)
        {
            return;
        }
        var line = BodyLowerer.LineOf(with);
        var copy = NewKept(
            Names.GeneratedNames.SpilledOperand(NameOf(with.Expression), _lowerer.NextState),
            type,
            $"the copy {Quote(with)} (line {line}) starts from, made before {NextSuspension(with)} suspends, as C# does",
            with.Expression);
        Add(new AssignStatement(copy, new WithCopyExpression(Spelled(with.Expression)), line));
        _scope.Spilled[with.Expression] = copy;
        SpillOperands(with.Initializer.Expressions.Select(static e => new Operand(((AssignmentExpressionSyntax)e).Right)).ToList());
    }

    private static bool HasOwnCopyConstructor(ITypeSymbol type) =>
        type is INamedTypeSymbol named && named.InstanceConstructors.Any(c =>
            !c.IsImplicitlyDeclared && c.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(c.Parameters[0].Type, type));

    /// <summary>A field, or a property whose accessors are the compiler's (an auto-property): setting it twice or later shows nothing.</summary>
    private static bool IsPlainMember(ISymbol? member) => member switch
    {
        IFieldSymbol => true,
        IPropertySymbol { ContainingType.IsAnonymousType: true } => true, // read-only, set only by the compiler's copy
        IPropertySymbol property => property.ContainingType.GetMembers().OfType<IFieldSymbol>().Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property)),
        _ => false,
    };
    /// <summary>An arm's pattern test on the kept value, with its guard; <c>_</c> (not a pattern <c>is</c> accepts) is its guard alone.</summary>
    private CodeExpression ArmCondition(string subject, SwitchExpressionArmSyntax arm, ExpressionSyntax? guard) =>
        arm.Pattern is DiscardPatternSyntax
            ? guard is null ? new TextExpression("true") : new ParenthesizedExpression(Rewrite(guard))
            : new StatementRewriter(_scope, null).PatternCondition(subject, arm.Pattern, guard);

    /// <summary>Runs <paramref name="spill"/> into a block of its own (a branch of a short-circuit's if).</summary>
    private BlockStatement Nested(System.Action spill)
    {
        var outer = _output;
        _output = new List<Statement>();
        spill();
        var block = new BlockStatement(_output.ToEquatableArray(), 0);
        _output = outer;
        return block;
    }

    private void Refuse(SyntaxNode construct, string? position = null)
    {
        if (Failed)
        {
            return;
        }
        Failed = true;
        var inside = _statement.Sites.Keys.Where(c => construct.Span.Contains(c.Span)).OrderBy(static c => c.SpanStart).FirstOrDefault();
        var call = inside
            ?? _statement.Sites.Keys.Where(c => c.SpanStart >= construct.Span.End).OrderBy(static c => c.SpanStart).FirstOrDefault()
            ?? _statement.Sites.Keys.OrderBy(static c => c.SpanStart).First();
        // `gate?.Wait(1)`, `gates?[0].Wait(1)`, `a?.B?.C.Wait(1)`: named and located as written, from the chain's first receiver.
        SyntaxNode location = ConditionalChains.Start(call) ?? (SyntaxNode)call;
        var name = ConditionalChains.Name(call);
        // A value C# evaluates before the suspension that cannot be kept (not the suspension's own position).
        position ??= inside is not null || construct is not ExpressionSyntax value
            ? ExpressionPositions.DescribeConstruct(construct, call)
            : $"an expression whose operand '{Quote(construct)}', evaluated before it, cannot be kept in a temporary" +
              (Model.GetTypeInfo(value).Type is { } type && type.ContainsAnonymousType() ? $" ({AnonymousRefusal(type)})" : "");
        _diagnostics.Add(DiagnosticInfo.Create(
            Diagnostics.DiagnosticDescriptors.SuspensionInExpression, location, name, position));
    }

    // Why a value of an anonymous type is not kept: a part of its type with no shape, or a use that needs a variable of its type.
    private static string AnonymousRefusal(ITypeSymbol type) =>
        AnonymousShape.Of(type, out var reason) is null
            ? reason is null ? "its type is anonymous and has no name for a field" : $"its type is anonymous and {reason}"
            : "its type is anonymous: it is kept in an object field only where it is read once in its place";

    /// <summary>
    /// A ref struct value (a <c>Span&lt;T&gt;</c>) that C# evaluates before a suspension of the same
    /// expression: C# refuses it too (CS4007), as it cannot outlive the await; COR0026 says so.
    /// </summary>
    private void RefuseRefStruct(ExpressionSyntax value, ITypeSymbol type)
    {
        if (Failed)
        {
            return;
        }
        Failed = true;
        var call = _statement.Sites.Keys.Where(c => c.SpanStart >= value.Span.End).OrderBy(static c => c.SpanStart).FirstOrDefault()
            ?? _statement.Sites.Keys.OrderBy(static c => c.SpanStart).Last();
        _diagnostics.Add(DiagnosticInfo.Create(
            Diagnostics.DiagnosticDescriptors.SuspensionWhereAwaitIsForbidden,
            call,
            call.Expression.ToString(),
            $"after '{Quote(value)}', a value of the ref struct '{type.ToDisplayString()}' that C# evaluates before it and that cannot be kept across a suspension",
            "CS4007",
            "Call it in a statement of its own before this one, store its value in a local, and use the local"));
    }

    private CodeExpression Rewrite(SyntaxNode node) => StatementRewriter.Rewrite(_scope, node);

    /// <summary>
    /// The store of a compound assignment split around its suspension: <c>target = value</c>, or for a
    /// base indexer (its getter is what <c>target</c> rewrites to), a call of its set accessor with the kept indexes.
    /// </summary>
    private Statement Store(ExpressionSyntax target, CodeExpression value, int line)
    {
        if (target is ElementAccessExpressionSyntax { Expression: BaseExpressionSyntax } element && _scope.BaseAccessors is { } accessors &&
            Model.GetSymbolInfo(element).Symbol is IPropertySymbol { IsIndexer: true, ReturnsByRef: false, ReturnsByRefReadonly: false } indexer)
        {
            var arguments = element.ArgumentList.Arguments.Select(a => Rewrite(a.Expression)).Append(value).ToEquatableArray();
            return new EvaluateStatement(new CallExpression(_scope.InstanceExpression(), accessors.ForIndexer(indexer, set: true), new ListExpression(arguments)), line);
        }
        return new AssignStatement(Rewrite(target), value, line);
    }

    /// <summary>The rewritten operand, parenthesized unless it is a temporary or a name.</summary>
    private CodeExpression Spelled(ExpressionSyntax expression)
    {
        var text = Rewrite(expression);
        return IsSpilled(expression) || expression is IdentifierNameSyntax or LiteralExpressionSyntax or ParenthesizedExpressionSyntax
            ? text
            : new ParenthesizedExpression(text);
    }

    private static ExpressionSyntax Unparenthesized(ExpressionSyntax expression) =>
        expression is ParenthesizedExpressionSyntax parenthesized ? Unparenthesized(parenthesized.Expression) : expression;

    /// <summary>The temporary that holds <paramref name="expression"/>, if it was spilled.</summary>
    private string? SpilledName(ExpressionSyntax expression) =>
        expression is ParenthesizedExpressionSyntax parenthesized ? SpilledName(parenthesized.Expression)
        : _scope.Spilled.TryGetValue(expression, out var temporary) ? temporary : null;

    private bool IsSpilled(ExpressionSyntax expression) =>
        _scope.Spilled.ContainsKey(expression) || (expression is ParenthesizedExpressionSyntax parenthesized && IsSpilled(parenthesized.Expression));

    private bool IsPlainBool(ExpressionSyntax expression) =>
        Model.GetTypeInfo(expression).Type?.SpecialType == SpecialType.System_Boolean;

    /// <summary>The name of the suspension a kept operand is evaluated before, for its comment.</summary>
    private string NextSuspension(SyntaxNode before) =>
        _statement.Sites.Keys.Where(c => c.SpanStart >= before.Span.End).OrderBy(static c => c.SpanStart).Select(ConditionalChains.Name).FirstOrDefault()
        ?? ConditionalChains.Name(_statement.Sites.Keys.OrderBy(static c => c.SpanStart).Last());

    /// <summary>The user's expression on one line, shortened, for a comment; a part of a <c>?.</c> chain from the chain's start.</summary>
    private static string Quote(SyntaxNode node)
    {
        var text = BodyLowerer.OneLine(node is ExpressionSyntax expression ? ConditionalChains.Text(expression) : node.ToString());
        return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
    }
}
