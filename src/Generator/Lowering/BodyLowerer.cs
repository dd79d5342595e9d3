using System.Collections.Generic;
using System.Linq;
using System.Text;
using Coroutines.Generator.Binding;
using Coroutines.Generator.Model;
using Coroutines.Generator.Names;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// Turns the method body into the statement model: statements that contain a suspension become
/// structure (try, using, foreach and switch desugared into loops, tests, labels and tries);
/// every other statement becomes rewritten text. Jumps are resolved here, against a
/// <see cref="JumpContext"/>, so kept code and flattened code agree on every label.
/// </summary>
internal sealed partial class BodyLowerer
{
    private readonly RewriteScope _scope;
    private readonly SuspensionFinder _suspensions;
    private readonly List<FieldModel> _fields;
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly Dictionary<string, int> _labelCounts = new();
    private bool _returnValueDeclared;

    public BodyLowerer(RewriteScope scope, SuspensionFinder suspensions, List<FieldModel> fields, List<DiagnosticInfo> diagnostics)
    {
        _scope = scope;
        _suspensions = suspensions;
        _fields = fields;
        _diagnostics = diagnostics;
    }

    public BlockStatement BuildBody(CoroutineSyntax method)
    {
        var body = BuildBodyItself(method);
        if (_scope.CopiedLocalFunctions.Count == 0)
        {
            return body;
        }
        // A local function's coroutine declares copies of the method's local functions it uses, first (see LocalFunctionCoroutines.UsedLocalFunctions).
        var copies = _scope.CopiedLocalFunctions.Select(f => Kept(f, JumpContext.Method, LineOf(f)));
        return body with { Statements = copies.Concat(body.Statements).ToEquatableArray() };
    }

    private BlockStatement BuildBodyItself(CoroutineSyntax method)
    {
        ReserveNames(method);
        var context = JumpContext.Method;
        if (method.Body is not null)
        {
            return (BlockStatement)Build(method.Body, context);
        }
        // Expression body: `=> expr;` is `{ expr; }` or `{ return expr; }`.
        var expression = method.ExpressionBody!.Expression;
        var line = LineOf(expression);
        Statement statement;
        if (_suspensions.Spilled.TryGetValue(method.ExpressionBody, out var spilled))
        {
            statement = BuildSpilledExpressionBody(spilled, expression, line);
        }
        else if (_suspensions.ExpressionBody is { } suspension)
        {
            statement = Suspend(suspension, suspension.Call.ToString() + ";", context);
        }
        else if (_scope.IsVoid)
        {
            statement = Evaluate(expression);
        }
        else
        {
            statement = new ReturnStatement(Rewrite(expression), line);
        }
        return new BlockStatement(new[] { statement }.ToEquatableArray(), line);
    }

    private Statement Build(StatementSyntax statement, JumpContext context)
    {
        var line = LineOf(statement);
        if (_suspensions.Spilled.TryGetValue(statement, out var spilled))
        {
            return EnterEmbedded(statement, BuildSpilled(spilled, context, line));
        }
        if (_suspensions.Statements.TryGetValue(statement, out var suspension))
        {
            return Suspend(suspension, statement.ToString(), context);
        }
        if (statement is LabeledStatementSyntax labeled)
        {
            return BuildLabeled(labeled, context);
        }
        if (!_suspensions.Flattened.Contains(statement))
        {
            return EnterEmbedded(statement, Kept(statement, context, line));
        }
        return EnterEmbedded(statement, BuildFlattened(statement, context, line));
    }

    /// <summary>A statement that contains a suspension, as structure (its suspensions, if any in its own expressions, already spilled).</summary>
    private Statement BuildFlattened(StatementSyntax statement, JumpContext context, int line)
    {
        switch (statement)
        {
            case BlockSyntax block:
                return new BlockStatement(EnterClosure(block).Concat(BuildStatements(block.Statements, 0, context)).ToEquatableArray(), line);
            case IfStatementSyntax ifStatement:
                return new IfStatement(
                    Condition(ifStatement.Condition),
                    Header(ifStatement, ifStatement.CloseParenToken),
                    Build(ifStatement.Statement, context),
                    ifStatement.Else is null ? null : Build(ifStatement.Else.Statement, context),
                    line);
            case WhileStatementSyntax whileStatement:
            {
                var labels = NewLoop("while");
                return new WhileStatement(
                    Condition(whileStatement.Condition),
                    Header(whileStatement, whileStatement.CloseParenToken),
                    Build(whileStatement.Statement, context.InLoop(labels)),
                    labels,
                    IsConstantTrue(whileStatement.Condition),
                    line)
                {
                    ConditionSetup = EnterClosure(whileStatement).ToEquatableArray(), // the condition's variables, new at each test
                };
            }
            case DoStatementSyntax doStatement:
            {
                var labels = NewLoop("do");
                return new DoStatement(
                    Build(doStatement.Statement, context.InLoop(labels)),
                    Condition(doStatement.Condition),
                    "do ... " + Header(doStatement.WhileKeyword, doStatement.CloseParenToken),
                    labels,
                    IsConstantTrue(doStatement.Condition),
                    LineOf(doStatement.Condition))
                {
                    ConditionSetup = EnterClosure(doStatement).ToEquatableArray(),
                };
            }
            case ForStatementSyntax forStatement:
                return BuildFor(forStatement, context, line);
            case TryStatementSyntax tryStatement:
                return AfterEnteringClosure(tryStatement, BuildTry(tryStatement.Block, tryStatement.Catches, tryStatement.Finally, context, line));
            case UsingStatementSyntax usingStatement:
                return BuildUsing(usingStatement, context, line);
            case CommonForEachStatementSyntax forEach:
                return BuildForEach(forEach, context, line);
            case SwitchStatementSyntax switchStatement:
                return BuildSwitch(switchStatement, context, line);
            case CheckedStatementSyntax checkedStatement:
                return Build(checkedStatement.Block, context); // its statements' arithmetic is written `checked(...)` (StatementRewriter)
            default:
                return Kept(statement, context, line);
        }
    }

    /// <summary>Statements of a flattened block from <paramref name="start"/> on: a using declaration takes the rest of the block as its body.</summary>
    private IEnumerable<Statement> BuildStatements(SyntaxList<StatementSyntax> statements, int start, JumpContext context)
    {
        for (var i = start; i < statements.Count; i++)
        {
            if (statements[i] is LocalDeclarationStatementSyntax declaration && declaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword))
            {
                var rest = statements;
                var index = i;
                if (SpillBefore(declaration) is { } spilled)
                {
                    yield return spilled; // the resource's suspensions, before the using acquires it
                }
                yield return BuildUsingDeclaration(declaration, ctx => new BlockStatement(BuildStatements(rest, index + 1, ctx).ToEquatableArray(), LineOf(declaration)), context);
                yield break;
            }
            yield return Build(statements[i], context);
        }
    }

    private Statement BuildFor(ForStatementSyntax forStatement, JumpContext context, int line)
    {
        var labels = NewLoop("for");
        var initializers = new List<Statement>(EnterClosure(forStatement));
        if (forStatement.Declaration is { } declaration && IsStepLocal(declaration))
        {
            initializers.Add(new CommentStatement(StepLocalComment(declaration)));
            initializers.AddRange(declaration.Variables.Select(v => KeptDeclarator(declaration, forStatement, v, context)));
        }
        else if (forStatement.Declaration is not null)
        {
            initializers.AddRange(Assignments(forStatement.Declaration));
        }
        initializers.AddRange(forStatement.Initializers.Select(Evaluate));
        var condition = forStatement.Condition is null || IsConstantTrue(forStatement.Condition)
            ? null
            : Condition(forStatement.Condition);
        return new ForStatement(
            initializers.ToEquatableArray(),
            condition,
            forStatement.Incrementors.Select(e => (CodeExpression)Rewrite(e)).ToEquatableArray(),
            Header(forStatement, forStatement.CloseParenToken),
            Build(forStatement.Statement, context.InLoop(labels)),
            labels,
            line);
    }

    private Statement Kept(StatementSyntax statement, JumpContext context, int line)
    {
        switch (statement)
        {
            case LocalDeclarationStatementSyntax declaration when _scope.KeepingStatements.Contains(declaration) && !IsStepLocal(declaration):
                // `{ Closure1 captured1 = closure1; closure1.n = (slot = x => x.A + captured1.item) is null ? 0 : 1; }` (see StatementRewriter.VisitLocalDeclarationStatement).
                return KeptAsWritten(statement, context);
            case LocalDeclarationStatementSyntax declaration when !declaration.IsConst && IsAtFlattenedLevel(statement) && !IsStepLocal(declaration):
                return new BlockStatement(Assignments(declaration.Declaration).ToEquatableArray(), line);
            case BreakStatementSyntax when context.Break is not null:
                return Comment(statement, JumpTo(context.Break, context));
            case ContinueStatementSyntax when context.Continue is not null:
                return Comment(statement, JumpTo(context.Continue, context));
            case GotoStatementSyntax gotoStatement when GotoTarget(gotoStatement) is { } label:
                return Comment(statement, JumpTo(label, context));
            case ReturnStatementSyntax returnStatement:
                return Return(returnStatement.Expression is null ? null : Rewrite(returnStatement.Expression), context, line);
            case LocalFunctionStatementSyntax function when _scope.LeavesOut(function):
                return new BlockStatement(EquatableArray<Statement>.Empty, line); // a coroutine of its own (its calls call its factory), or used only by such coroutines (each has a copy)
            case LocalDeclarationStatementSyntax declaration when IsStepLocal(declaration):
                return new BlockStatement(
                    new Statement[]
                    {
                        new CommentStatement(StepLocalComment(declaration.Declaration)),
                        KeptAsWritten(statement, context),
                    }.ToEquatableArray(),
                    line);
            default:
                return KeptAsWritten(statement, context);
        }
    }

    private static string StepLocalComment(VariableDeclarationSyntax declaration) => declaration.Type is RefTypeSyntax
        ? "a ref local that lives across no suspension: a local of Step(), not a field (a field cannot hold a reference), as C# keeps it a local of MoveNext"
        : "a ref struct local that lives across no suspension: a local of Step(), not a field (a field cannot hold a ref struct), as C# keeps it a local of MoveNext";

    /// <summary>
    /// The declaration of <paramref name="variable"/> alone, with the type of <paramref name="declaration"/>, one of its several
    /// (a ref local of Step()), written as a statement; <paramref name="host"/> is the statement that declares it (a block's declaration or a <c>for</c> loop).
    /// </summary>
    private Statement KeptDeclarator(VariableDeclarationSyntax declaration, StatementSyntax host, VariableDeclaratorSyntax variable, JumpContext context)
    {
        var rewriter = new StatementRewriter(_scope, new Router(this, context), DedentOf(host));
        var variables = SyntaxFactory.SingletonSeparatedList((VariableDeclaratorSyntax)rewriter.Visit(variable)!.WithoutLeadingTrivia());
        var alone = host is LocalDeclarationStatementSyntax statement
            ? statement.WithDeclaration(declaration.WithVariables(variables))
            : SyntaxFactory.LocalDeclarationStatement(declaration.WithVariables(variables).WithoutTrivia()).WithLeadingTrivia(host.GetLeadingTrivia());
        return Code(rewriter.Splice(alone), variable) with { EndReachable = true };
    }

    private Statement KeptAsWritten(StatementSyntax statement, JumpContext context)
    {
        var rewriter = new StatementRewriter(_scope, new Router(this, context), DedentOf(statement));
        var rewritten = rewriter.Visit(statement)!;
        if (rewriter.FollowingOf(rewritten) is { } following)
        {
            // `ReadOnlySpan<int> span;` then `{ Closure1 captured1 = closure1; span = ...; }` (see StatementRewriter.VisitLocalDeclarationStatement).
            return new BlockStatement(
                following.Prepend(rewritten).Select((s, i) => (Statement)(Code(rewriter.Splice(s), statement) with { EndReachable = i < following.Length || EndReachable(statement) })).ToEquatableArray(),
                LineOf(statement));
        }
        return Code(rewriter.Splice(rewritten), statement) with
        {
            JumpTargets = rewriter.JumpTargets.Count == 0 ? EquatableArray<string>.Empty : rewriter.JumpTargets.Distinct().ToEquatableArray(),
            EndReachable = statement is LocalFunctionStatementSyntax || EndReachable(statement),
            IsDeclaration = statement is LocalFunctionStatementSyntax,
        };
    }

    private bool EndReachable(StatementSyntax statement)
    {
        if (_scope.Reachability.EndCertainlyReachable(statement))
        {
            return true;
        }
        var flow = _scope.Model.AnalyzeControlFlow(statement);
        return flow is null || !flow.Succeeded || flow.EndPointIsReachable;
    }

    /// <summary>A ref local or a local of a ref struct type used only between suspensions: kept as declared, a local of Step().</summary>
    private bool IsStepLocal(LocalDeclarationStatementSyntax declaration) => IsStepLocal(declaration.Declaration);

    /// <summary>The same for a declaration of a block or of a <c>for</c> loop's header.</summary>
    private bool IsStepLocal(VariableDeclarationSyntax declaration) =>
        _scope.StepLocals.Count > 0 && declaration.Variables.Any(v => _scope.Model.GetDeclaredSymbol(v) is { } local && _scope.StepLocals.ContainsKey(local));

    private bool IsAtFlattenedLevel(StatementSyntax statement) =>
        statement.Parent is BlockSyntax or SwitchSectionSyntax && _suspensions.Flattened.Contains(statement.Parent is SwitchSectionSyntax section ? section.Parent! : statement.Parent);

    private static Statement Comment(StatementSyntax source, Statement jump) =>
        jump is JumpStatement simple ? simple with { SourceText = OneLine(source.ToString()) } : jump;

    /// <summary>A jump to <paramref name="target"/>, routed through each suspending finally it leaves.</summary>
    private Statement JumpTo(JumpTarget target, JumpContext context)
    {
        if (context.Depth <= target.FrameDepth)
        {
            return new JumpStatement(target.Label, null, 0);
        }
        return Route(context, outside => JumpTo(target, outside));
    }

    /// <summary><c>return</c>: straight out of the method, or through the suspending finallys around it.</summary>
    /// <param name="afterStore">Runs once the value is stored, before the finallys (a finished callee released).</param>
    private Statement Return(CodeExpression? value, JumpContext context, int line, Statement? afterStore = null)
    {
        if (context.Depth == 0)
        {
            return new ReturnStatement(value, line);
        }
        var statements = new List<Statement>();
        if (value is not null)
        {
            DeclareReturnValue();
            statements.Add(new AssignStatement(GeneratedNames.ReturnValue, value, line));
            if (afterStore is not null)
            {
                statements.Add(afterStore);
            }
        }
        statements.Add(Route(context, ReturnStored));
        return new BlockStatement(statements.ToEquatableArray(), line);
    }

    private Statement ReturnStored(JumpContext context) =>
        context.Depth == 0
            ? new ReturnStatement(_scope.IsVoid ? null : new TextExpression(GeneratedNames.ReturnValue), 0)
            : Route(context, ReturnStored);

    /// <summary>Leaves the innermost suspending finally's try: record the branch, run the finally, replay the jump outside.</summary>
    private static Statement Route(JumpContext context, System.Func<JumpContext, Statement> replay)
    {
        var frame = context.Frames[context.Frames.Count - 1];
        frame.Exits.Add(replay(frame.Outside));
        var branch = frame.Exits.Count;
        return new BlockStatement(new Statement[]
        {
            new AssignStatement(frame.BranchField, branch.ToString(System.Globalization.CultureInfo.InvariantCulture), 0),
            new JumpStatement(frame.Label, $"leave the try through its finally (branch {branch})", 0),
        }.ToEquatableArray(), 0);
    }

    private void DeclareReturnValue()
    {
        if (!_returnValueDeclared)
        {
            _returnValueDeclared = true;
            _fields.Add(new FieldModel(GeneratedNames.ReturnValue, _scope.ReturnType!, "the value of a return that waits for a finally", _scope.ReturnTypeNeedsDefault));
        }
    }

    private void AddField(string name, string type, string comment, bool needsDefault = false) =>
        _fields.Add(new FieldModel(name, type, comment, needsDefault));

    /// <summary>A hoisted declaration becomes assignments to its fields, one per initialized declarator.</summary>
    private IEnumerable<Statement> Assignments(VariableDeclarationSyntax declaration)
    {
        foreach (var variable in declaration.Variables)
        {
            if (variable.Initializer is null)
            {
                continue;
            }
            yield return Assign(FieldOf(variable), InitializerValue(variable), variable);
        }
    }

    /// <summary>An initializer as an expression: <c>int[] a = { 1, 2 }</c> assigns <c>new int[] { 1, 2 }</c>.</summary>
    private CodeExpression InitializerValue(VariableDeclaratorSyntax variable)
    {
        var value = variable.Initializer!.Value;
        if (value is InitializerExpressionSyntax && _scope.Model.GetDeclaredSymbol(variable) is ILocalSymbol { Type: IArrayTypeSymbol array })
        {
            return new ArrayCreationExpression(SymbolText.Type(array), RewriteKept(value, variable));
        }
        return RewriteKept(value, variable);
    }

    private CodeExpression FieldOf(SyntaxNode declarator)
    {
        var symbol = _scope.Model.GetDeclaredSymbol(declarator);
        return (symbol is null || _scope.FieldExpression(symbol) is not { } field ? null : _scope.KeptVariable(symbol, field)) ?? declarator.ToString();
    }

    /// <summary>Kept code: continuation lines lose the indentation of the line it started on, unless a literal spans them.</summary>
    private static CodeStatement Code(SplicedCode code, SyntaxNode origin) =>
        new(code, LineOf(origin), KeepsIndent(origin), EquatableArray<string>.Empty);

    /// <summary>The user's expression, evaluated for its effect.</summary>
    private EvaluateStatement Evaluate(ExpressionSyntax expression) =>
        new(RewriteKept(expression, expression), LineOf(expression)) { KeepContinuationIndent = KeepsIndent(expression) };

    /// <summary>How many columns the continuation lines of code starting at <paramref name="origin"/> lose: the indentation of its first line (none where a literal spans lines).</summary>
    private static int? DedentOf(SyntaxNode origin)
    {
        if (KeepsIndent(origin))
        {
            return null;
        }
        // The start line's leading white space, counted in the text (not copied out of it).
        var text = origin.SyntaxTree.GetText();
        var line = text.Lines.GetLineFromPosition(origin.SpanStart);
        var at = line.Start;
        while (at < line.End && char.IsWhiteSpace(text[at]))
        {
            at++;
        }
        return at - line.Start;
    }

    /// <summary>A store of <paramref name="value"/>, an expression of the user's code at <paramref name="origin"/> (see <see cref="RewriteKept"/>), into <paramref name="target"/>.</summary>
    private static AssignStatement Assign(CodeExpression target, CodeExpression value, SyntaxNode origin) =>
        new(target, value, LineOf(origin)) { KeepContinuationIndent = KeepsIndent(origin) };

    private LoopLabels NewLoop(string keyword)
    {
        return LoopLabels.Of(GeneratedNames.Loop(keyword, Next(keyword)));
    }

    private int Next(string keyword)
    {
        _labelCounts.TryGetValue(keyword, out var count);
        _labelCounts[keyword] = ++count;
        return count;
    }

    private CodeExpression Rewrite(SyntaxNode node) => StatementRewriter.Rewrite(_scope, node);

    /// <summary>
    /// The condition of an if or a loop, rewritten; one that is not a bool (a type with its own <c>operator true</c>) as
    /// <c>(x) ? true : false</c>, which converts it as <c>if (x)</c> does: the flattened code negates conditions, and
    /// <c>!x</c> would not compile or would call the type's <c>operator !</c> instead.
    /// </summary>
    private CodeExpression Condition(ExpressionSyntax condition)
    {
        var rewritten = Rewrite(condition);
        return !IsNumberComparison(condition) && _scope.Model.GetTypeInfo(condition).Type is { SpecialType: not SpecialType.System_Boolean, TypeKind: not TypeKind.Error }
            ? new BinaryExpression(new ParenthesizedExpression(rewritten), "?", new TextExpression("true : false"))
            : rewritten;
    }

    // `i < n` of numbers (literals, or variables that moved to fields, whose types are known) is C#'s own
    // comparison, a bool: not asked of the model, which would bind the whole loop (issue 16).
    private bool IsNumberComparison(ExpressionSyntax condition) =>
        condition is BinaryExpressionSyntax binary &&
        (binary.IsKind(SyntaxKind.LessThanExpression) || binary.IsKind(SyntaxKind.LessThanOrEqualExpression) ||
         binary.IsKind(SyntaxKind.GreaterThanExpression) || binary.IsKind(SyntaxKind.GreaterThanOrEqualExpression) ||
         binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression)) &&
        IsNumber(binary.Left) && IsNumber(binary.Right);

    private bool IsNumber(ExpressionSyntax operand)
    {
        var type = operand switch
        {
            LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.NumericLiteralExpression) => SpecialType.System_Int32,
            // `total % 3`, `(i + 1)`: C#'s arithmetic on two numbers is a number (no user-defined operator applies to them).
            ParenthesizedExpressionSyntax parenthesized => IsNumber(parenthesized.Expression) ? SpecialType.System_Int32 : SpecialType.None,
            BinaryExpressionSyntax arithmetic when IsArithmetic(arithmetic) => IsNumber(arithmetic.Left) && IsNumber(arithmetic.Right) ? SpecialType.System_Int32 : SpecialType.None,
            IdentifierNameSyntax name => _scope.HoistedVariableReadBy(name) switch
            {
                ILocalSymbol local => local.Type.SpecialType,
                IParameterSymbol { RefKind: RefKind.None } parameter => parameter.Type.SpecialType,
                _ => SpecialType.None,
            },
            _ => SpecialType.None,
        };
        return type is >= SpecialType.System_Char and <= SpecialType.System_Double;
    }

    private static bool IsArithmetic(BinaryExpressionSyntax binary) =>
        binary.IsKind(SyntaxKind.AddExpression) || binary.IsKind(SyntaxKind.SubtractExpression) || binary.IsKind(SyntaxKind.MultiplyExpression) ||
        binary.IsKind(SyntaxKind.DivideExpression) || binary.IsKind(SyntaxKind.ModuloExpression);

    /// <summary><paramref name="node"/> rewritten, for a statement of its own that starts at <paramref name="origin"/> (see <see cref="DedentOf"/>).</summary>
    private CodeExpression RewriteKept(SyntaxNode node, SyntaxNode origin) => StatementRewriter.Rewrite(_scope, node, DedentOf(origin));

    private bool IsConstantTrue(ExpressionSyntax condition) =>
        !ConstantConditions.CannotBeConstant(condition) && _scope.Model.GetConstantValue(condition) is { HasValue: true, Value: true };

    // Half-typed code can have a missing closing token before the start: clamp the span.
    private static string Header(SyntaxNode node, SyntaxToken end) =>
        OneLine(node.SyntaxTree.GetText().ToString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(node.SpanStart, System.Math.Max(node.SpanStart, end.Span.End))));

    private static string Header(SyntaxToken start, SyntaxToken end) =>
        OneLine(start.SyntaxTree!.GetText().ToString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(start.SpanStart, System.Math.Max(start.SpanStart, end.Span.End))));

    /// <summary>The user's code on one line, for a comment.</summary>
    /// <remarks>Each run of white space becomes one space (as <c>Regex.Replace(text, @"\s+", " ")</c>: <c>\s</c> is <see cref="char.IsWhiteSpace(char)"/>), without a regular expression: it runs for every statement.</remarks>
    internal static string OneLine(string text)
    {
        text = text.Trim();
        var builder = new StringBuilder(text.Length);
        var changed = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                builder.Append(text[i]);
                continue;
            }
            var start = i;
            while (i + 1 < text.Length && char.IsWhiteSpace(text[i + 1]))
            {
                i++;
            }
            changed |= i > start || text[start] != ' ';
            builder.Append(' ');
        }
        return changed ? builder.ToString() : text;
    }

    public static int LineOf(SyntaxNode node) => node.SyntaxTree.GetText().Lines.GetLinePosition(node.SpanStart).Line + 1;

    // Multi-line string literals must keep their text byte for byte: never re-indent their lines.
    private static bool KeepsIndent(SyntaxNode node) =>
        node.DescendantTokens().Any(static t =>
            (t.IsKind(SyntaxKind.StringLiteralToken) || t.IsKind(SyntaxKind.InterpolatedStringTextToken) ||
             t.IsKind(SyntaxKind.MultiLineRawStringLiteralToken) || t.IsKind(SyntaxKind.InterpolatedMultiLineRawStringStartToken) ||
             t.IsKind(SyntaxKind.Utf8MultiLineRawStringLiteralToken)) && t.Text.IndexOf('\n') >= 0);

    /// <summary>Jumps found in kept code, resolved against the context the code sits in.</summary>
    private sealed class Router : IJumpRouter
    {
        private readonly BodyLowerer _builder;
        private readonly JumpContext _context;

        public Router(BodyLowerer builder, JumpContext context)
        {
            _builder = builder;
            _context = context;
        }

        public RoutedJump? Break() => _context.Break is null ? null : Render(_builder.JumpTo(_context.Break, _context));

        public RoutedJump? Continue() => _context.Continue is null ? null : Render(_builder.JumpTo(_context.Continue, _context));

        public RoutedJump Return(CodeExpression? value) => Render(_builder.Return(value, _context, 0));

        public RoutedJump? GotoCase(object? value)
        {
            var target = _context.Switch?.Cases.FirstOrDefault(c => Equals(c.Value, value)).Label;
            return target is null ? null : Render(_builder.JumpTo(new JumpTarget(target, _context.Switch!.FrameDepth), _context));
        }

        public RoutedJump? GotoLabel(GotoStatementSyntax statement) =>
            _builder.GotoTarget(statement) is { } target ? Render(_builder.JumpTo(target, _context)) : null;

        public RoutedJump? GotoDefault() =>
            _context.Switch?.DefaultLabel is { } label ? Render(_builder.JumpTo(new JumpTarget(label, _context.Switch.FrameDepth), _context)) : null;

        public RoutedJump? Rethrow() =>
            _context.RethrowField is { } field ? Render(new RethrowStatement(field)) : null;

        // Kept code carries the routed jump as a typed hole; the emitter writes it.
        private static RoutedJump Render(Statement statement)
        {
            var labels = new List<string>();
            CollectLabels(statement, labels);
            return new RoutedJump(statement, labels);
        }

        private static void CollectLabels(Statement statement, List<string> labels)
        {
            if (statement is BlockStatement block)
            {
                foreach (var child in block.Statements)
                {
                    CollectLabels(child, labels);
                }
            }
            else if (statement is JumpStatement jump)
            {
                labels.Add(jump.Label);
            }
        }
    }
}
