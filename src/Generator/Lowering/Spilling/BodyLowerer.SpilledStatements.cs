using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Binding;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// Statements with suspensions inside their expressions (<see cref="SpilledStatement"/>): the
/// <see cref="ExpressionSpiller"/> turns each suspension into a statement of its own, then the
/// statement is built as usual, reading the temporaries. A loop's condition is spilled at the top
/// of each iteration, where <c>continue</c> goes too.
/// </summary>
internal sealed partial class BodyLowerer
{
    private ExpressionSpiller Spiller(SpilledStatement spilled) => new(this, _scope, spilled, _diagnostics);

    private Statement BuildSpilled(SpilledStatement spilled, JumpContext context, int line)
    {
        var statement = (StatementSyntax)spilled.Host;
        var spiller = Spiller(spilled);
        if (statement is ExpressionStatementSyntax or ReturnStatementSyntax or ThrowStatementSyntax or LocalDeclarationStatementSyntax)
        {
            spiller.Add(new CommentStatement($"{OneLine(statement.ToString())}  (split around its suspensions, in C#'s order)"));
        }
        switch (statement)
        {
            case ExpressionStatementSyntax or ReturnStatementSyntax when spilled.Top is { } top:
                // `F(G());`, `x = F(G());`, `return F(G());`: the call suspends as such, once its operands are spilled.
                spiller.SpillOperandsOf(top.Call);
                spiller.Add(Suspend(top, statement.ToString(), context));
                break;
            case ExpressionStatementSyntax { Expression: ConditionalAccessExpressionSyntax access } when spiller.Suspends(access.WhenNotNull):
                spiller.SpillConditionalStatement(access); // `gate?.Wait(1);`, `o?.M(F());`: all of it under the null test
                break;
            case ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax assignment }
                when !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && spiller.Suspends(assignment.Right):
                spiller.SpillCompoundAssignment(assignment, line);
                break;
            case ExpressionStatementSyntax { Expression: var expression }:
                spiller.Spill(expression);
                if (EvaluatesKeptLambda(expression))
                {
                    // A lambda after a suspension that can be made neither through the environments nor with its assignment (`n = Next(1) + ((span[0] = x => ...) is null ? 0 : 1);`,
                    // see Binding/ClosureScopes.KeptBeforeSuspension): the rest, after the resume, in a block that keeps them (see StatementRewriter.VisitExpressionStatement).
                    _scope.KeepingStatements.Add(statement);
                }
                spiller.Add(Kept(statement, context, line));
                break;
            case ReturnStatementSyntax { Expression: { } value }:
                spiller.Spill(value);
                spiller.KeepAfterResume(value); // `return Next(1) + ((rows.AsSpan()[0] = x => ...) is null ? 0 : 1);`
                spiller.Add(Kept(statement, context, line));
                break;
            case ThrowStatementSyntax { Expression: { } thrown }:
                spiller.Spill(thrown);
                spiller.KeepAfterResume(thrown);
                spiller.Add(Kept(statement, context, line));
                break;
            case LocalDeclarationStatementSyntax { Declaration.Variables.Count: 1 } declaration when IsStepLocal(declaration):
                // `ref int x = ref a[F()];`: its operands spilled, then declared as written, a local of Step().
                spiller.Spill(declaration.Declaration.Variables[0].Initializer!.Value);
                if (ClosureScopes.KeptReferencePart(_scope.Model, declaration.Declaration.Variables[0], EvaluatesKeptLambda) is { } referencePart)
                {
                    // `ref int cell = ref cells[Next(1) + ((span[0] = x => ...) is null ? 0 : 1)];`: the index stored after the resume in a block that keeps the
                    // environments, which the declaration reads (see Binding/ClosureScopes.KeptReferencePart).
                    spiller.KeepAfterResume(referencePart);
                }
                else if (EvaluatesKeptLambda(declaration.Declaration.Variables[0].Initializer!.Value))
                {
                    // `ReadOnlySpan<int> values = Made(Next(1) + ((span[0] = x => ...) is null ? 0 : 1));`: declared without its value, assigned after the resume
                    // in a block that keeps the environments (see Binding/ClosureScopes.IsKeptRefStructDeclarationAfter, StatementRewriter.VisitLocalDeclarationStatement).
                    _scope.KeepingStatements.Add(statement);
                }
                spiller.Add(Kept(statement, context, line));
                break;
            case LocalDeclarationStatementSyntax declaration when IsStepLocal(declaration):
                DeclareStepLocals(declaration.Declaration, declaration, spiller, context);
                break;
            case LocalDeclarationStatementSyntax declaration:
                DeclareSpilled(declaration.Declaration, spilled, spiller, context, statement);
                break;
            case WhileStatementSyntax whileStatement:
            {
                var setup = Spiller(spilled);
                setup.Spill(whileStatement.Condition);
                setup.KeepAfterResume(whileStatement.Condition);
                var loop = (WhileStatement)BuildFlattened(statement, context, line);
                spiller.Add(loop with { ConditionSetup = loop.ConditionSetup.Concat(setup.Statements).ToEquatableArray() });
                break;
            }
            case DoStatementSyntax doStatement:
            {
                // A condition with a lambda kept after the resume is not written here, where it would be made as it is (see ExpressionSpiller.KeepAfterResume).
                var keptAfter = EvaluatesKeptLambda(doStatement.Condition);
                if (keptAfter)
                {
                    _scope.Spilled[doStatement.Condition] = "false";
                }
                var loop = (DoStatement)BuildFlattened(statement, context, line); // the body's states come first, as in the source
                if (keptAfter)
                {
                    _scope.Spilled.Remove(doStatement.Condition);
                }
                var setup = Spiller(spilled);
                setup.Spill(doStatement.Condition);
                setup.KeepAfterResume(doStatement.Condition);
                spiller.Add(loop with { Condition = Condition(doStatement.Condition), ConditionSetup = loop.ConditionSetup.Concat(setup.Statements).ToEquatableArray() });
                break;
            }
            case ForStatementSyntax forStatement:
            {
                var initializers = Spiller(spilled);
                // The loop's own closure environment first, as BuildFor does: these initializers replace its.
                foreach (var enter in EnterClosure(forStatement))
                {
                    initializers.Add(enter);
                }
                if (forStatement.Declaration is { } declaration && IsStepLocal(declaration))
                {
                    DeclareStepLocals(declaration, forStatement, initializers, context); // `for (ref int x = ref a[F()]; ...)`, as in a block
                }
                else if (forStatement.Declaration is not null)
                {
                    DeclareSpilled(forStatement.Declaration, spilled, initializers, context, statement);
                }
                foreach (var initializer in forStatement.Initializers)
                {
                    SpillEffect(initializers, initializer, spilled, context);
                }
                var setup = Spiller(spilled);
                if (forStatement.Condition is not null)
                {
                    setup.Spill(forStatement.Condition);
                    setup.KeepAfterResume(forStatement.Condition);
                }
                // A declared value, an initializer or an incrementor with a lambda kept after the resume is not written by the loop, whose header these statements
                // replace: there it would be made as it is (see ExpressionSpiller.KeepAfterResume, StatementRewriter.KeepingDeclarator).
                var unwritten = (forStatement.Declaration?.Variables.Select(static v => v.Initializer?.Value) ?? Enumerable.Empty<ExpressionSyntax?>())
                    .Concat(forStatement.Initializers).Concat(forStatement.Incrementors).OfType<ExpressionSyntax>().Where(EvaluatesKeptLambda).ToList();
                foreach (var part in unwritten)
                {
                    _scope.Spilled[part] = "default";
                }
                var loop = (ForStatement)BuildFlattened(statement, context, line); // the body's states come before the incrementors'
                foreach (var part in unwritten)
                {
                    _scope.Spilled.Remove(part);
                }
                var incrementors = Spiller(spilled);
                foreach (var incrementor in forStatement.Incrementors)
                {
                    SpillEffect(incrementors, incrementor, spilled, context);
                }
                spiller.Add(loop with
                {
                    Initializers = initializers.Statements.ToEquatableArray(),
                    ConditionSetup = setup.Statements.ToEquatableArray(),
                    Incrementors = EquatableArray<CodeExpression>.Empty,
                    IncrementorStatements = incrementors.Statements.ToEquatableArray(),
                });
                break;
            }
            default:
                // if, switch, foreach, using: the condition, value, collection or resource is evaluated once, before.
                var entered = EnterBeforeItsValue(statement, spiller);
                foreach (var part in SpilledStatement.SpillableParts(statement))
                {
                    spiller.Spill((ExpressionSyntax)part);
                    spiller.KeepAfterResume((ExpressionSyntax)part); // `if (Next(1) > 0 && (rows.AsSpan()[0] = x => ...) is null)`, `switch (...)`
                }
                spiller.Add(BuiltAfterItsValue(entered, () => BuildFlattened(statement, context, line)));
                break;
        }
        return new BlockStatement(spiller.Statements.ToEquatableArray(), line);
    }

    /// <summary>
    /// Ref (or ref struct) locals of Step() declared with suspending initializers (<c>ref int a = ref n[0], b = ref n[F()]</c>, in a block
    /// or a <c>for</c> header): one declaration per variable, in C#'s order (left to right), each after its own
    /// initializer's suspensions: <c>a</c> refers to <c>n[0]</c> before <c>F()</c> runs.
    /// </summary>
    private void DeclareStepLocals(VariableDeclarationSyntax declaration, StatementSyntax host, ExpressionSpiller spiller, JumpContext context)
    {
        spiller.Add(new CommentStatement(StepLocalComment(declaration)));
        foreach (var variable in declaration.Variables)
        {
            spiller.Spill(variable.Initializer!.Value);
            if (ClosureScopes.KeptReferencePart(_scope.Model, variable, EvaluatesKeptLambda) is { } referencePart)
            {
                spiller.KeepAfterResume(referencePart); // `ref int a = ref n[0], b = ref n[Next(1) + ((span[0] = x => ...) is null ? 0 : 1)];`, as for one
            }
            else if (EvaluatesKeptLambda(variable.Initializer.Value))
            {
                // `Span<int> a = ..., b = Made(Next(1) + ((span[0] = x => ...) is null ? 0 : 1));`: declared without its value, assigned after the resume in a block
                // that keeps the environments (see Binding/ClosureScopes.IsKeptRefStructDeclarationAfter).
                spiller.Add(KeptDeclaredBefore(declaration, host, variable, context));
                continue;
            }
            spiller.Add(KeptDeclarator(declaration, host, variable, context));
        }
    }

    /// <summary>
    /// <c>Span&lt;int&gt; b;</c> then <c>{ Closure1 captured1 = closure1; b = Made(next1 + ...); }</c>: a local of a ref struct type declared without its value
    /// (<c>scoped</c> when the value may be narrower than the caller's context, as C# gives the local its value's) and assigned in a block that keeps the environments.
    /// </summary>
    private Statement KeptDeclaredBefore(VariableDeclarationSyntax declaration, StatementSyntax host, VariableDeclaratorSyntax variable, JumpContext context)
    {
        var rewriter = new StatementRewriter(_scope, new Router(this, context), DedentOf(host));
        var type = declaration.Type.WithoutTrivia();
        if (type is not ScopedTypeSyntax && ClosureScopes.MayBeNarrow(_scope.Model, variable.Initializer!.Value))
        {
            type = SyntaxFactory.ScopedType(SyntaxFactory.Token(SyntaxKind.ScopedKeyword).WithTrailingTrivia(SyntaxFactory.Space), type);
        }
        var declared = SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(type.WithTrailingTrivia(SyntaxFactory.Space))
            .WithVariables(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(variable.Identifier.WithoutTrivia()))));
        // Its value's collections of a span type kept in locals of their own before the block (C# makes them for the block they are in).
        var store = rewriter.KeepingDeclarator(variable, out var collections);
        return new BlockStatement(new[] { declared }.Concat(collections).Append(store)
            .Select(s => (Statement)(Code(rewriter.Splice(s), variable) with { EndReachable = true })).ToEquatableArray(), LineOf(variable));
    }

    /// <summary>
    /// A <c>for</c> loop's initializer or incrementor expression, run for its effect: a suspending call
    /// as a statement (<c>Yield.Sleep(1)</c>), a compound assignment (<c>i += F()</c>), or any other expression spilled.
    /// </summary>
    private void SpillEffect(ExpressionSpiller spiller, ExpressionSyntax expression, SpilledStatement spilled, JumpContext context)
    {
        if (expression is InvocationExpressionSyntax call && spilled.Sites.TryGetValue(call, out var site))
        {
            spiller.SpillOperandsOf(call);
            spiller.Add(Suspend(site, call.ToString(), context));
        }
        else if (expression is AssignmentExpressionSyntax assignment && !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && spiller.Suspends(assignment.Right))
        {
            spiller.SpillCompoundAssignment(assignment, LineOf(assignment));
        }
        else
        {
            spiller.Spill(expression);
            // `k = Next(k) + ((rows.AsSpan()[0] = x => ...) is null ? 1 : 2)`, `k += (...)` after a suspension elsewhere in the header: the rest, after the resume, in a block
            // that keeps the environments (see Binding/ClosureScopes.IsKeptInForHeader)
            spiller.Add(EvaluatesKeptLambda(expression) ? KeepingEvaluation(expression) : Evaluate(expression));
        }
    }

    /// <summary>Declarators in order, each initializer's suspensions spilled just before its store.</summary>
    private void DeclareSpilled(VariableDeclarationSyntax declaration, SpilledStatement spilled, ExpressionSpiller spiller, JumpContext context, StatementSyntax statement)
    {
        foreach (var variable in declaration.Variables)
        {
            if (spilled.Top is { Declarator: { } declarator } top && declarator == variable)
            {
                spiller.SpillOperandsOf(top.Call);
                spiller.Add(Suspend(top, statement.ToString(), context));
                continue;
            }
            if (variable.Initializer is null)
            {
                continue;
            }
            spiller.Spill(variable.Initializer.Value);
            if (EvaluatesKeptLambda(variable.Initializer.Value))
            {
                // `var c = Next(1) + ((span[0] = x => ...) is null ? 0 : 1);`, `int[] ns = { Next(1), (...) };`: the rest, after the resume, in a block that keeps the environments
                // (see StatementRewriter.KeepingDeclarator).
                var rewriter = new StatementRewriter(_scope, new Router(this, context), DedentOf(variable));
                spiller.Add(Code(rewriter.Splice(rewriter.KeepingDeclarator(variable)), variable) with { EndReachable = true });
                continue;
            }
            spiller.Add(Assign(FieldOf(variable), InitializerValue(variable), variable));
        }
    }

    /// <summary>
    /// Whether <paramref name="expression"/>, rewritten, still evaluates a lambda made in a block that keeps the environments (see Binding/ClosureScopes.KeptBeforeSuspension):
    /// not one the spiller already stored in a temporary the expression reads in its place.
    /// </summary>
    internal bool EvaluatesKeptLambda(ExpressionSyntax expression) =>
        _scope.KeptBeforeSuspension.Count > 0 &&
        expression.DescendantNodesAndSelf(n => !_scope.Spilled.ContainsKey(n)).Any(n => _scope.KeptBeforeSuspension.ContainsKey(n) && !_scope.Spilled.ContainsKey(n));

    /// <summary>The spilled suspensions of a using declaration's resource, run before the using acquires it; null when it has none.</summary>
    private Statement? SpillBefore(LocalDeclarationStatementSyntax declaration)
    {
        if (!_suspensions.Spilled.TryGetValue(declaration, out var spilled))
        {
            return null;
        }
        var spiller = Spiller(spilled);
        foreach (var part in SpilledStatement.SpillableParts(declaration))
        {
            spiller.Spill((ExpressionSyntax)part);
            spiller.KeepAfterResume((ExpressionSyntax)part); // `using var r = Next(1) > 0 && (rows.AsSpan()[0] = x => ...) is null ? a : b;`
        }
        return new BlockStatement(spiller.Statements.ToEquatableArray(), LineOf(declaration));
    }

    /// <summary><c>=&gt; Log(F());</c>: the method's whole body, spilled.</summary>
    private Statement BuildSpilledExpressionBody(SpilledStatement spilled, ExpressionSyntax expression, int line)
    {
        var spiller = Spiller(spilled);
        if (spilled.Top is { } top)
        {
            spiller.SpillOperandsOf(top.Call);
            spiller.Add(Suspend(top, top.Call.ToString() + ";", JumpContext.Method));
        }
        else
        {
            spiller.Spill(expression);
            spiller.Add(_scope.IsVoid ? Evaluate(expression) : new ReturnStatement(Rewrite(expression), line));
        }
        return new BlockStatement(spiller.Statements.ToEquatableArray(), line);
    }
}
