using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Diagnostics;
using Coroutines.Generator.Lowering;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Coroutines.Generator.Binding;

/// <summary>
/// Capture analysis for closures, after Roslyn's <c>IteratorAndAsyncCaptureWalker</c> and the
/// scopes its <c>LambdaRewriter</c> gives closure environments. A hoisted local lives in a field
/// of the state machine: one variable per coroutine. That is C#'s meaning only for a scope entered
/// once. A local that a lambda or local function captures, declared in a scope that can be entered
/// again (a loop body, each iteration of a foreach, a for loop inside a loop, any block when the
/// method jumps back with <c>goto</c>), needs a fresh variable per entry: such locals are grouped by
/// scope, and each scope gets a closure environment (a small class created on each entry, see
/// Lowering/BodyLowerer.Closures). COR0013 where that cannot be done correctly.
/// </summary>
internal sealed partial class ClosureScopes
{
    private readonly SemanticModel _model;
    private readonly SyntaxNode _body;
    private readonly SuspensionFinder _suspensions;
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly bool _jumpsBack;

    private ClosureScopes(SemanticModel model, SyntaxNode body, BodySyntax shape, SuspensionFinder suspensions, List<DiagnosticInfo> diagnostics)
    {
        _model = model;
        _body = body;
        _suspensions = suspensions;
        _diagnostics = diagnostics;
        // A goto to a label before a block enters the block again: be safe and treat every block as re-entered.
        _jumpsBack = shape.HasGotoLabel;
    }

    /// <summary>The scope (block, for, foreach, switch or try) each local that needs a fresh variable per entry belongs to.</summary>
    public Dictionary<ILocalSymbol, SyntaxNode> ScopeOf { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Those scopes, in source order.</summary>
    public List<SyntaxNode> Scopes { get; } = new();

    /// <summary>
    /// The local functions that use such locals, themselves or through the local functions they
    /// call, and the scopes whose environments each takes as parameters (in source order): called
    /// directly it gets the current ones; made a delegate or called from a closure, the ones that
    /// closure keeps, as C# binds a local function to the display classes of its entry.
    /// </summary>
    public Dictionary<IMethodSymbol, List<SyntaxNode>> LocalFunctionScopes { get; } = new(SymbolEqualityComparer.Default);

    public static ClosureScopes Find(SemanticModel model, BlockSyntax body, BodySyntax shape, SuspensionFinder suspensions, CaptureWalker hoisting, List<DiagnosticInfo> diagnostics)
    {
        var result = new ClosureScopes(model, body, shape, suspensions, diagnostics);
        // Only a lambda, an anonymous method, a local function or a query captures: without one
        // (the common case) no data-flow analysis of the whole body is needed.
        if (hoisting.Locals.Count == 0 || !shape.HasFunctionOrQuery)
        {
            return result;
        }
        var flow = model.AnalyzeDataFlow(body);
        if (flow is null || !flow.Succeeded)
        {
            return result;
        }
        foreach (var (local, declaration) in hoisting.Locals)
        {
            if (!flow.Captured.Contains(local, SymbolEqualityComparer.Default) || result.Scope(declaration) is not ({ } scope, var refused) || !result.IsReentered(scope))
            {
                continue;
            }
            if (refused)
            {
                result.Refuse(declaration, local.Name, "it is declared in the collection of a foreach that does not suspend, where the generator cannot give each run its own variable", "Declare it in a statement of its own before the foreach");
                continue;
            }
            // A foreach body block is entered once per iteration, like the iteration variable's scope: one environment for both.
            result.ScopeOf[local] = scope is BlockSyntax { Parent: CommonForEachStatementSyntax forEach } block && forEach.Statement == block && result.IsForEachScope(forEach) ? forEach : scope;
        }
        result.Scopes.AddRange(result.ScopeOf.Values.Distinct().OrderBy(static s => s.SpanStart));
        if (result.ScopeOf.Count > 0)
        {
            result.FindLocalFunctionScopes();
            result.CheckClosures(hoisting, flow);
        }
        return result;
    }

    /// <summary>
    /// The scope whose entry makes a new variable for the local <paramref name="declaration"/>
    /// declares (null: the method body, entered once), or <c>Refused</c> when that scope is not one
    /// the lowering enters as a whole (the collection of a foreach kept as written).
    /// </summary>
    private (SyntaxNode? Scope, bool Refused) Scope(SyntaxNode declaration)
    {
        switch (declaration)
        {
            case CommonForEachStatementSyntax forEach:
                return (forEach, false);
            case CatchDeclarationSyntax { Parent: CatchClauseSyntax { Parent: TryStatementSyntax tryStatement } }:
                return (tryStatement, false); // a catch runs at most once per try: one environment per try is one per catch
        }
        for (var node = declaration.Parent; node is not null && node != _body; node = node.Parent)
        {
            switch (node)
            {
                case CommonForEachStatementSyntax forEach when forEach.Expression.Span.Contains(declaration.Span):
                    // The collection's variables: one per run of the foreach (the collection is evaluated once), entered before it.
                    return (forEach.Expression, !IsForEachScope(forEach));
                case CommonForEachStatementSyntax forEach when !forEach.Statement.Span.Contains(declaration.Span):
                    return (forEach, false); // a deconstructing foreach's variables
                case ForStatementSyntax forStatement when !forStatement.Statement.Span.Contains(declaration.Span):
                    return (forStatement, false);
                case SwitchStatementSyntax switchStatement:
                    return (switchStatement, false); // sections share one scope; a case label's variables are set before its section runs
                case WhileStatementSyntax or DoStatementSyntax:
                    return (node, false); // a loop condition's variables: new ones each time it is tested
                case CatchClauseSyntax { Parent: TryStatementSyntax tryStatement }:
                    return (tryStatement, false); // a filter's variables: its catch's, new with them for each run of the try
                case LabeledStatementSyntax:
                    continue;
                case StatementSyntax when node.Parent is BlockSyntax block:
                    return (block, false);
                case StatementSyntax when node.Parent is SwitchSectionSyntax { Parent: SwitchStatementSyntax switchStatement }:
                    return (switchStatement, false);
                case StatementSyntax when node.Parent is not LabeledStatementSyntax:
                    return (node, false); // an embedded statement is a scope of its own, entered each time it runs
            }
        }
        return (null, false);
    }

    // Every foreach that suspends gets an environment when it captures its variable; merging its body's into it needs none of its own.
    private bool IsForEachScope(CommonForEachStatementSyntax forEach) => _suspensions.Flattened.Contains(forEach);

    /// <summary>Whether control can enter <paramref name="scope"/> more than once in one run of the method.</summary>
    private bool IsReentered(SyntaxNode scope)
    {
        if (scope is CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax || _jumpsBack)
        {
            return true;
        }
        // A foreach's collection is entered once per run of its foreach: re-entered when the foreach is (its ancestors below).
        return (scope is ExpressionSyntax { Parent: CommonForEachStatementSyntax forEach } ? forEach : scope).Ancestors().TakeWhile(a => a != _body).Any(static a => a is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax);
    }

    /// <summary>
    /// A lambda that captures such a local is made through its environment (it keeps that entry's
    /// variables): its delegate type must be one the generated code can name or C# can infer.
    /// </summary>
    private void CheckClosures(CaptureWalker hoisting, DataFlowAnalysis flow)
    {
        _hoisting = hoisting;
        foreach (var function in _body.DescendantNodes().Where(SuspensionFinder.IsFunction))
        {
            // A lambda that calls a local function using such locals keeps them too.
            var captured = CapturedIn(function).FirstOrDefault() ??
                CalledIn(function).Where(LocalFunctionScopes.ContainsKey).Select(f => ScopeOf.First(p => p.Value == LocalFunctionScopes[f][0]).Key).FirstOrDefault();
            if (function is LocalFunctionStatementSyntax || function.Ancestors().TakeWhile(a => a != _body).Any(static a => a is AnonymousFunctionExpressionSyntax))
            {
                continue; // a local function, or made inside a lambda that is made through the environment
            }
            if (captured is null)
            {
                // It keeps nothing, but its call is made through the environments all the same when the call reads their variables (`F(copy is var n, x => x.A)`).
                if (!CanBeMade(_model, (AnonymousFunctionExpressionSyntax)function, out _) && MadeWithItsCall(_model, (AnonymousFunctionExpressionSyntax)function, out var readingAround) is { } reading && CapturedIn(reading).Any())
                {
                    if (KeptForItsVariables(function, reading, hoisting, flow))
                    {
                        continue;
                    }
                    if (readingAround)
                    {
                        ValuesMadeAround.Add(reading);
                    }
                    KeepDeclaredIn(reading, hoisting, flow);
                }
                continue;
            }
            if (CanBeMade(_model, (AnonymousFunctionExpressionSyntax)function, out _))
            {
                continue;
            }
            var made = MadeWithItsCall(_model, (AnonymousFunctionExpressionSyntax)function, out var around);
            // `Use(Spanned(rows, x => x.A + item).Length);`: an expression statement of its own keeps the environments in a block, written as it is
            // (a condition, a collection or a declaration of a type other than a ref struct only when nothing around the call can be made:
            // `while (Sum(Spanned(...)) < 3)`, `var n = Spanned(...).Length;` are made around it, as it is evaluated).
            if (made is null || around && KeepingStatement(function) is { } keeping && KeptHead(keeping) is null && !(keeping is LocalDeclarationStatementSyntax declaration && IsKeptDeclaration(declaration)))
            {
                var refused = false;
                if ((KeepingStatement(function) ?? KeepingStatementOnceHoisted(function, hoisting, flow, ref refused)) is { } statement)
                {
                    KeepingStatements.Add(statement);
                    continue;
                }
                if (refused)
                {
                    continue; // a variable of the statement read after it cannot live in a field: said where it is declared
                }
                if (made is null && IsBeforeItsSuspensions(function))
                {
                    KeptBeforeSuspension[function] = captured.Name;
                    continue;
                }
                RefuseUnmade(function, captured.Name);
                continue;
            }
            if (made is WithExpressionSyntax && SuspendsAfter(made, function) &&
                !(function.Ancestors().TakeWhile(a => a != made).OfType<ConditionalExpressionSyntax>().ToList() is { Count: 1 } choices && ChoosesALambdaAfterTheResume(_model, choices[0])))
            {
                // A member of a `with`, and a suspension of the copy comes after it: the spiller evaluates a `?:` around it before that
                // suspension, apart from the copy (a lambda alone it leaves in place, one before it is spilled before the copy is made,
                // and a `?:` of lambdas and constants is chosen after it, its condition kept: see ChoosesALambdaAfterTheResume; an object
                // `new() { ... }`, in the `with` or not, is kept whole, made through the environments). So a `?:` whose other branch evaluates
                // something (`c ? x => ... : Other()`) is made in that store, written in a block that keeps the environments (see
                // KeptBeforeSuspension; also after a suspension in its condition: the statement enters no scope, so the environments are the
                // same after the resume), its field of the `?:`'s type or, when it has none, the member's (ExpressionSpiller.Keep). A variable
                // the statement declares elsewhere stays the statement's (`Tag = int.TryParse(s, out var k) ? Fetch(k) : 0`): that block holds only the member's
                // value; one that value declares lives in a field, which the block assigns.
                if (IsBeforeItsSuspensions(function, after: true, KeptOfWith((WithExpressionSyntax)made, function)))
                {
                    KeptBeforeSuspension[function] = captured.Name;
                    continue;
                }
                RefuseUnmade(function, captured.Name);
                continue;
            }
            if (KeptForItsVariables(function, made, hoisting, flow))
            {
                continue;
            }
            if (around)
            {
                ValuesMadeAround.Add(made);
            }
            KeepDeclaredIn(made, hoisting, flow);
        }
    }

    /// <summary>
    /// Whether <paramref name="made"/> declares a variable that a closure captures, in a scope entered again that is not a block's
    /// (<c>while (Sum(Counted(Spanned(rows, x =&gt; x.A + item), out var n)) &gt; n) later.Add(() =&gt; n);</c>, an embedded statement of an
    /// <c>if</c>), where no environment can keep it for each entry when the call is made inside a lambda: then the statement around
    /// the lambda, when it does not suspend, keeps the environments in a block of its own instead (see <see cref="KeepingStatement"/>),
    /// the lambda and the call where they are, so the variable stays the statement's own, new for each entry as C# makes it.
    /// </summary>
    private bool KeptForItsVariables(SyntaxNode function, ExpressionSyntax made, CaptureWalker hoisting, DataFlowAnalysis flow)
    {
        if (!DeclaredIn(made).Any(d => !hoisting.Locals.Any(l => SymbolEqualityComparer.Default.Equals(l.Local, d.Local)) && hoisting.IsUsedOutside(d.Local, made) &&
                flow.Captured.Contains(d.Local, SymbolEqualityComparer.Default) && Scope(d.Designation) is ({ } scope and not BlockSyntax, _) && IsReentered(scope)) ||
            KeepingStatement(function, variablesOfItsOwn: true) is not { } statement)
        {
            return false;
        }
        KeepingStatements.Add(statement);
        return true;
    }

    /// <summary>
    /// The values around a call whose value is a ref struct that are made through the environments (see <see cref="ValueAround"/>):
    /// <c>closure1.Capture(captured1 =&gt; Spanned(rows, x =&gt; x.A + captured1.item).Length)</c>.
    /// </summary>
    public HashSet<ExpressionSyntax> ValuesMadeAround { get; } = new();

    /// <summary>
    /// What the block that keeps the environments for <paramref name="function"/>, a branch of a <c>?:</c> in a member of <paramref name="with"/>, may hold
    /// (see Lowering/ExpressionSpiller.SpillWith and SpillWithOnKeptReceiver): the value of that member, or the copy made with the receiver and the members
    /// before the first that suspends; not the members after it, whose variables stay the statement's.
    /// </summary>
    private static IEnumerable<SyntaxNode> KeptOfWith(WithExpressionSyntax with, SyntaxNode function) =>
        new SyntaxNode[] { with.Expression }.Concat(with.Initializer.Expressions.TakeWhile(e => e.SpanStart <= function.SpanStart));

    /// <summary>Whether <paramref name="function"/> is a branch of a <c>?:</c> and a suspension in <paramref name="made"/> comes after it.</summary>
    private bool SuspendsAfter(ExpressionSyntax made, SyntaxNode function) =>
        function.Ancestors().TakeWhile(a => a != made).Any(static a => a is ConditionalExpressionSyntax) &&
        _suspensions.Spilled.Values.Any(s => s.Sites.Keys.Any(c => made.Span.Contains(c.Span) && c.SpanStart > function.Span.End));

    /// <summary>
    /// Whether <paramref name="conditional"/> (<c>c ? x =&gt; x.A + item : null</c>) chooses between lambdas and constants, one a lambda
    /// whose value has no type a field could be given (an anonymous type is in it): evaluated before a suspension, only its plain
    /// <c>bool</c> condition is kept (ExpressionSpiller.Preserve); its branches evaluate nothing, so the lambda is chosen after the resume.
    /// </summary>
    public static bool ChoosesALambdaAfterTheResume(SemanticModel model, ConditionalExpressionSyntax conditional) =>
        model.GetTypeInfo(conditional.Condition).Type?.SpecialType == SpecialType.System_Boolean &&
        (model.GetTypeInfo(conditional).Type ?? model.GetTypeInfo(conditional).ConvertedType) is { } type && AnonymousShape.IsNeeded(type) &&
        new[] { conditional.WhenTrue, conditional.WhenFalse }.Select(Unparenthesized).All(b => b is AnonymousFunctionExpressionSyntax or LiteralExpressionSyntax or DefaultExpressionSyntax || model.GetConstantValue(b).HasValue) &&
        new[] { conditional.WhenTrue, conditional.WhenFalse }.Select(Unparenthesized).Any(static b => b is AnonymousFunctionExpressionSyntax);

    private static ExpressionSyntax Unparenthesized(ExpressionSyntax expression) =>
        expression is ParenthesizedExpressionSyntax parenthesized ? Unparenthesized(parenthesized.Expression) : expression;

    private void RefuseUnmade(SyntaxNode function, string name)
    {
        var diagnostic = Unmade(function, name);
        if (!_diagnostics.Contains(diagnostic))
        {
            _diagnostics.Add(diagnostic);
        }
    }

    /// <summary>COR0013 for a lambda capturing <paramref name="name"/> that the generated code can make nowhere (see <see cref="CheckClosures"/>).</summary>
    public static DiagnosticInfo Unmade(SyntaxNode function, string name) =>
        DiagnosticInfo.Create(DiagnosticDescriptors.CapturedLoopLocal, function, name, "the lambda that captures it has a delegate type the generated code cannot name (an anonymous type is in it), and the generated code can make it neither with the call it is an argument of (not one that reads a ref local or a ref struct variable) or, when that call's value is a ref struct, with the value of another type around it in the same expression (`Spanned(...).Length`) or, kept in a local of a block or a switch section or referred into by a ref local declared there (through its receiver or the first argument of a method named without one, after arguments that evaluate nothing or are not `out` arguments, declaring no variable and holding no lambda other than one made with a call in it), in a block of its own (not a ref struct looped over by a `foreach` that suspends, nor a value that holds a collection expression of a span type after something else it evaluates that is not an argument (not `out`) or a receiver of a reference type, declaring no variable and holding no lambda other than one made with a call in it, where it is not evaluated each time the value is outside such an argument, or holding a lambda not made with a call in it, nor a value used by reference elsewhere), nor with its assignment or object (not through a ref local, to something of a ref struct type, or as a branch of a `?:` in a `with` with a suspension after it in the same expression whose branches are not all lambdas and constants), nor in a statement that keeps them in a block of its own (an expression statement, a declaration of a block's or a switch section's locals with values, or the condition of an `if`, a `while`, a `do` or a `for` or the collection of a `foreach`, that does not suspend and whose variables that code after it reads can live in fields or, of a ref struct type, are declared by an `out` argument or a pattern), nor in a part of a statement that suspends evaluated before its first suspension, an argument of a coroutine's call or of a suspension point (not of a suspension point one of whose arguments is of a ref struct type that holds an anonymous type, nor passed to one by reference) or a part evaluated after a suspension of an expression statement, a declaration of a block's or a `for` loop's locals, a `return`, a `throw`, the condition of an `if`, a `while`, a `do` or a `for`, the value of a `switch` or a `lock`, the collection of a `foreach`, the resource of a `using` statement or of a declaration of one `using` local, a `for` initializer or incrementor, a `?.` statement, a declaration of ref struct locals or of ref locals in an index or an argument passed by value that holds the local's suspensions and is evaluated first or after a receiver of a reference type (not another declaration of ref locals, a declaration of several `using` locals, nor another value, or the value of a compound assignment, of a ref struct type that C# does not convert there (a `switch` value, a `foreach` collection, an operand of an operator of its own) or of a type holding an anonymous type whose shape the generated code cannot write)",
            "Pass the lambda directly as an argument of a method call, or assign it directly to an array element, a field, a property or a local. Or make it part of a statement that does not suspend, declaring no variable of a ref struct type that code after it reads other than by an `out` argument or a pattern, or put it before the first suspension of its statement. Or use the ref struct the call makes in the same expression (`Spanned(...).Length`), or keep it in a local of its own declared with the call (`var span = Spanned(...);`, a collection expression of a span type it reads declared in a local before it). Or use a class or a record instead of the anonymous type");

    /// <summary>
    /// The statements that keep the current environments in locals of their own (see <see cref="KeepingStatement"/>).
    /// </summary>
    public HashSet<StatementSyntax> KeepingStatements { get; } = new();

    /// <summary>
    /// For a lambda that can be made neither through the environments on its own nor with its call, assignment or object (it is
    /// assigned through a ref local or to an element of a span, is an argument of a call whose value is a ref struct, or that
    /// call or assignment reads such a variable): the expression statement around it, when that statement does not suspend.
    /// The statement is written in a block that first keeps the current environments in locals (<c>{ Closure1 captured1 = closure1; ... }</c>,
    /// a new local on each run of the block, as C# gives a display class to each entry) and reads the variables through
    /// them; the lambda stays where it is, so C#'s order holds as written. The same for an <c>if</c>, a <c>while</c> or a <c>foreach</c>
    /// that does not suspend, the lambda in its condition or collection (see <see cref="KeptHead"/>), and for a declaration of a block's locals
    /// (see <see cref="IsKeptDeclaration"/>). Null for any other statement: one that declares a variable whose scope is the block around it
    /// (<c>out var n</c>: a block would end it, see <see cref="DeclaresOutside"/>), a statement that suspends (it is split, see <see cref="KeptBeforeSuspension"/>).
    /// </summary>
    /// <param name="variablesOfItsOwn">
    /// Whether the statement may declare variables whose scope is the statement itself (a <c>while</c> condition's, an embedded
    /// statement's: see <see cref="KeptForItsVariables"/>): written in a block, they keep their scope.
    /// </param>
    /// <param name="hoistedAfter">
    /// Whether the variables of its expressions that code after it reads have been hoisted (see <see cref="KeepingStatementOnceHoisted"/>): then only
    /// those that live in no field are refused; otherwise any of an expression statement or a declaration, and one of an <c>if</c> read after it.
    /// </param>
    private StatementSyntax? KeepingStatement(SyntaxNode function, bool variablesOfItsOwn = false, bool hoistedAfter = false) =>
        function.Ancestors().TakeWhile(a => a != _body).FirstOrDefault(static a => a is StatementSyntax or LocalFunctionStatementSyntax) is StatementSyntax statement &&
        (statement is ExpressionStatementSyntax || statement is LocalDeclarationStatementSyntax declaration && (IsKeptRefStructDeclaration(declaration, function) || IsKeptDeclaration(declaration)) ||
            KeptHead(statement) is { } head && head.Span.Contains(function.Span) && !_suspensions.Flattened.Contains(statement)) &&
        !_suspensions.Statements.ContainsKey(statement) && !_suspensions.Spilled.ContainsKey(statement) &&
        (variablesOfItsOwn
            ? ((SyntaxNode?)KeptHead(statement) ?? statement).DescendantNodes(static n => !SuspensionFinder.IsFunction(n)).OfType<SingleVariableDesignationSyntax>().All(d => Scope(d).Scope == statement)
            : !DeclaresOutside(statement, hoistedAfter)) &&
        !statement.Ancestors().TakeWhile(a => a != _body).Any(static a => a is LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax)
            ? statement
            : null;

    /// <summary>
    /// Whether a variable <paramref name="statement"/> declares in an expression (<c>out var n</c>, <c>is { } kept</c>) is one a block around it
    /// would hide from code after it: one of an expression statement or a declaration (its scope is the enclosing block), one of the condition
    /// of an <c>if</c> read after the <c>if</c> (the same); once those read after it are hoisted, only one that lives in no field
    /// (see <see cref="KeepingStatementOnceHoisted"/>). The variables of a <c>while</c> condition or a <c>foreach</c> collection are the statement's own.
    /// </summary>
    private bool DeclaresOutside(StatementSyntax statement, bool hoistedAfter) => statement switch
    {
        WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or ForEachStatementSyntax => false,
        _ when hoistedAfter => ReadAfter(statement).Any(),
        IfStatementSyntax => ReadAfter(statement, alsoHoisted: true).Any(),
        _ => statement.DescendantNodes(static n => !SuspensionFinder.IsFunction(n)).OfType<SingleVariableDesignationSyntax>().Any(),
    };

    /// <summary>
    /// The condition of an <c>if</c> or a <c>while</c>, the collection of a <c>foreach</c> (<c>foreach (var v in Spanned(rows, x =&gt; x.A + item))</c>):
    /// when the statement does not suspend, it is written in a block that keeps the environments, and only this part reads them
    /// through its locals (its body, kept as written, makes its own closures as any other). Null for any other statement.
    /// </summary>
    public static ExpressionSyntax? KeptHead(StatementSyntax statement) => statement switch
    {
        IfStatementSyntax @if => @if.Condition,
        WhileStatementSyntax @while => @while.Condition,
        DoStatementSyntax @do => @do.Condition,
        ForStatementSyntax { Condition: { } condition } => condition,
        ForEachStatementSyntax forEach when forEach.AwaitKeyword.RawKind == 0 => forEach.Expression,
        _ => null,
    };

    /// <summary>
    /// A declaration of locals of a ref struct type (never fields) of a block or a switch section, <c>var span = Spanned(rows, x =&gt; x.A + item);</c>:
    /// written as the declaration without a value and a block that keeps the environments and assigns it (see StatementRewriter.VisitLocalDeclarationStatement),
    /// <c>scoped</c> when the value may be narrower than the caller's context, as C# gives the local its value's (see <see cref="MayBeNarrow"/>).
    /// Or a ref local into such a value, <c>ref readonly var r = ref Spanned(...)[0];</c> (see <see cref="KeptByReference"/>), the lambda in that value:
    /// the value is kept that way in a local of its own, which the ref local then refers into. Its type must be one the generated code can name,
    /// and a collection expression of a span type in its value one that can be kept in a local of its own declared before that block (C# makes it
    /// for the block it is in, CS9203 in a block of its own: see <see cref="KeptCollections"/>), in any declarator's value.
    /// </summary>
    private bool IsKeptRefStructDeclaration(LocalDeclarationStatementSyntax declaration, SyntaxNode function) =>
        declaration.Parent is BlockSyntax or SwitchSectionSyntax && !declaration.IsConst && declaration.UsingKeyword.RawKind == 0 &&
        (declaration.Declaration.Type is RefTypeSyntax
            ? KeptByReference(_model, declaration) is { } value && value.Span.Contains(function.Span) && IsKeptValue(value)
            : declaration.Declaration.Variables.All(v =>
                _model.GetDeclaredSymbol(v) is ILocalSymbol { Type: { IsRefLikeType: true } type } && type.CanBeNamed() && v.Initializer is { } initializer &&
                IsKeptValue(initializer.Value)) &&
              declaration.Declaration.Variables.Select(v => MayBeNarrow(_model, v.Initializer!.Value)).Distinct().Count() == 1);

    // A later declarator's collections are kept after the values before it: the declaration is written one declarator at a time then.
    private bool IsKeptValue(ExpressionSyntax value) =>
        _model.GetTypeInfo(value).Type is { IsRefLikeType: true } type && type.CanBeNamed() && KeptCollections.Of(_model, value) is not null;

    /// <summary>
    /// For a ref local declared into a value of a ref struct type, <c>ref readonly var r = ref Spanned(...)[0];</c>: that value, evaluated first
    /// (the receiver of the element, member or call the local refers to, or the first argument of a call of a method named without a receiver,
    /// <c>ref var r = ref Pick(ref Filled(...)[0]);</c>, after arguments that evaluate nothing, <c>Second(n, ref Filled(...)[0])</c>), <c>Spanned(...)</c>;
    /// null for any other declaration.
    /// </summary>
    public static ExpressionSyntax? KeptByReference(SemanticModel model, LocalDeclarationStatementSyntax declaration) => KeptByReference(model, declaration, out _);

    /// <param name="before">
    /// The arguments before it that evaluate something (<c>Second(Count(), ref Filled(...)[0])</c>, or a variable a closure captures): each is kept
    /// in a local of its own before the block that makes the value (see KeptCollections.CanBeKeptBefore), so that C#'s order holds.
    /// </param>
    public static ExpressionSyntax? KeptByReference(SemanticModel model, LocalDeclarationStatementSyntax declaration, out List<ExpressionSyntax> before)
    {
        before = new List<ExpressionSyntax>();
        if (declaration.Declaration.Type is not RefTypeSyntax || declaration.Declaration.Variables.Count != 1 ||
            declaration.Declaration.Variables[0].Initializer?.Value is not RefExpressionSyntax { Expression: { } referenced })
        {
            return null;
        }
        for (var node = referenced; ;)
        {
            node = node switch
            {
                ElementAccessExpressionSyntax element => element.Expression,
                // `Pick(ref Filled(...)[0])`: a method's name evaluates nothing, so its first argument is evaluated first; or the first after
                // ones that evaluate nothing and can be read after it (`Second(n, ref Filled(...)[0])`, `n` a local nothing writes or captures).
                InvocationExpressionSyntax { ArgumentList.Arguments.Count: > 0 } call when NamesAMethod(model, call.Expression) =>
                    FirstReferred(model, call, referenced, before),
                InvocationExpressionSyntax call => call.Expression,
                MemberAccessExpressionSyntax member when member.IsKind(SyntaxKind.SimpleMemberAccessExpression) => member.Expression,
                ParenthesizedExpressionSyntax parenthesized => parenthesized.Expression,
                _ => null!,
            };
            if (node is null)
            {
                return null;
            }
            if (model.GetTypeInfo(node).Type is { IsRefLikeType: true })
            {
                return node;
            }
        }
    }

    // The first argument of `call` that is not one evaluated before it and read after the value is made (it evaluates nothing) or kept before
    // that value in a local of its own (`before`, a ref local for one passed by reference, `Second(ref row[Count()], ref Filled(...)[0])`); or the
    // first one that is neither (the one the lambda is in), which C# evaluates first then.
    private static ExpressionSyntax FirstReferred(SemanticModel model, InvocationExpressionSyntax call, ExpressionSyntax referenced, List<ExpressionSyntax> before)
    {
        foreach (var argument in call.ArgumentList.Arguments)
        {
            if (argument.RefKindKeyword.RawKind == 0 && KeptCollections.EvaluatesNothing(model, argument.Expression, referenced))
            {
                continue;
            }
            if (!KeptCollections.CanBeKeptBefore(model, argument) || argument.RefKindKeyword.RawKind == 0 && model.GetTypeInfo(argument.Expression).Type is { IsRefLikeType: true })
            {
                return argument.Expression;
            }
            before.Add(argument.Expression);
        }
        return null!;
    }

    // `Pick`, `Program.Pick<int>`: no receiver to evaluate.
    private static bool NamesAMethod(SemanticModel model, ExpressionSyntax callee) =>
        model.GetSymbolInfo(callee).Symbol is IMethodSymbol && (callee is SimpleNameSyntax || callee is MemberAccessExpressionSyntax { Expression: var type } && model.GetSymbolInfo(type).Symbol is ITypeSymbol);

    /// <summary>
    /// Whether a value of a ref struct type may be narrower than the caller's context (C#'s safe-context): made on the stack
    /// (<c>stackalloc</c>, a collection expression of a span type), from a reference (<c>ref</c>, an argument given by reference), or reading a
    /// variable of a ref struct type that is or may be (declared <c>scoped</c>, with such a value, or not by a declaration of its own).
    /// Kept in a local declared without a value, it is declared <c>scoped</c> then, as C# gives the local its value's context; otherwise not (a
    /// <c>scoped</c> local could not be given to what C# lets the original be given to).
    /// </summary>
    public static bool MayBeNarrow(SemanticModel model, ExpressionSyntax value) => MayBeNarrow(model, value, new HashSet<ISymbol>(SymbolEqualityComparer.Default));

    private static bool MayBeNarrow(SemanticModel model, ExpressionSyntax value, HashSet<ISymbol> seen) =>
        value.DescendantNodesAndSelf(static n => !SuspensionFinder.IsFunction(n)).Any(n => n switch
        {
            StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax or RefExpressionSyntax => true,
            // A variable given by reference (`ref x`, or to an `in` parameter without a keyword): the value may refer to it.
            ArgumentSyntax argument => argument.RefKindKeyword.RawKind != 0 || model.GetOperation(argument) is IArgumentOperation { Parameter.RefKind: not RefKind.None },
            PrefixUnaryExpressionSyntax unary => unary.IsKind(SyntaxKind.AddressOfExpression),
            CollectionExpressionSyntax => model.GetTypeInfo(n).ConvertedType is { IsRefLikeType: true },
            IdentifierNameSyntax => model.GetSymbolInfo(n).Symbol switch
            {
                IParameterSymbol { Type.IsRefLikeType: true } or ILocalSymbol { Type.IsRefLikeType: true, RefKind: not RefKind.None } => true,
                ILocalSymbol { Type.IsRefLikeType: true } local => seen.Add(local) && LocalMayBeNarrow(model, local, seen),
                _ => false,
            },
            _ => false,
        });

    private static bool LocalMayBeNarrow(SemanticModel model, ILocalSymbol local, HashSet<ISymbol> seen) =>
        local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is not VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } declarator ||
        declaration.Type is ScopedTypeSyntax ||
        declarator.Initializer is { } initializer && (declarator.SyntaxTree != model.SyntaxTree || MayBeNarrow(model, initializer.Value, seen));

    /// <summary>
    /// Whether <paramref name="function"/> is in an argument of <paramref name="site"/>, a call of a coroutine (<c>Next((slot = x =&gt; ...) is null ? 1 : 0)</c>,
    /// <c>o?.Run(...)</c> too): the store of the callee, made with its arguments before the suspension, is written in a block that keeps the environments
    /// (see Lowering/StatementRewriter.KeepingCall); or an argument of a suspension point passed by value (<c>Yield.Sleep((slot = x =&gt; ...) is null ? 1 : 2)</c>):
    /// its arguments are stored before it in fields, that one in such a block (see Lowering/BodyLowerer.Operands), so each must have a type a field can be given.
    /// </summary>
    private bool IsKeptInArguments(SuspensionSite site, SyntaxNode function) =>
        site.Call.ArgumentList.Arguments.FirstOrDefault(a => a.Span.Contains(function.Span)) is { } argument &&
        (site.Binding.Kind == SuspendingCallKind.CoroutineCall ||
         argument.RefKindKeyword.IsKind(SyntaxKind.None) && site.Call.ArgumentList.Arguments.All(a => _model.GetTypeInfo(a.Expression).ConvertedType is { } type &&
             (!AnonymousShape.IsNeeded(type) || !type.IsRefLikeType && AnonymousShape.Of(type, out _) is not null))); // one whose type holds an anonymous type: in an `object` field read back through its shape

    /// <summary>
    /// Whether <paramref name="function"/> comes after <paramref name="site"/> in an expression statement (the value of a compound assignment, <c>??=</c> too), a <c>for</c> header
    /// (see <see cref="IsKeptInForHeader"/>), a <c>?.</c> statement (<c>holder?.Inner(Next(1)).Take((rows.AsSpan()[0] = x =&gt; ...) is null ? 0 : 1);</c>: what it
    /// evaluates after its suspensions written under the null test in a block that keeps the environments, see Lowering/ExpressionSpiller.SpillConditionalAccess), the value of
    /// the one local of a declaration of <c>using</c> locals (stored before the using acquires it, see Lowering/BodyLowerer.SpillBefore), a declaration of ref struct locals or
    /// ref locals (see <see cref="IsKeptRefStructDeclarationAfter"/>, <see cref="IsKeptRefLocalAfter"/>), a declaration of a block's locals other than
    /// ref or ref struct locals, a returned or thrown value, the condition of an <c>if</c>, a <c>while</c>, a <c>do</c> or a <c>for</c>, the value of a
    /// <c>switch</c> or a <c>lock</c>, the collection of a <c>foreach</c> or the resource of a <c>using</c> statement
    /// (<c>var c = Next(1) + ((rows.AsSpan()[0] = x =&gt; ...) is null ? 0 : 1);</c>: C# refuses a ref local or a span variable used after the
    /// suspension, CS9217 and CS4007, and so does the generator, COR0009): evaluated after the resume, in a store of the spiller before a later
    /// suspension or in what the statement does once its suspensions are spilled, written in a block that keeps the environments (see
    /// Lowering/BodyLowerer.BuildSpilled, StatementRewriter.KeepingDeclarator and ExpressionSpiller.KeepAfterResume, which stores such a value or condition
    /// in a field first, so it must have a type a field can be given).
    /// </summary>
    private bool IsKeptAfter(SuspensionSite site, SyntaxNode function, StatementSyntax statement) =>
        site.Call.Span.End <= function.SpanStart &&
        (statement is ExpressionStatementSyntax { Expression: not (ConditionalAccessExpressionSyntax or AssignmentExpressionSyntax { RawKind: not (int)SyntaxKind.SimpleAssignmentExpression }) } ||
         statement is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax compound } && compound.Right.Span.Contains(function.Span) && CanBeStored(compound.Right) ||
         statement is ForStatementSyntax header && IsKeptInForHeader(site, function, header) ||
         statement is LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.UsingKeyword, Declaration: { Type: not RefTypeSyntax, Variables.Count: 1 } usingLocals } &&
         usingLocals.Variables[0].Initializer?.Value is { } resourceValue and not InitializerExpressionSyntax && resourceValue.Span.Contains(function.Span) && CanBeStored(resourceValue) ||
         statement is ExpressionStatementSyntax { Expression: ConditionalAccessExpressionSyntax } ||
         IsKeptRefStructDeclarationAfter(statement, function) ||
         IsKeptRefLocalAfter(statement, function) ||
         statement is LocalDeclarationStatementSyntax { IsConst: false, UsingKeyword.RawKind: 0, Declaration.Type: not RefTypeSyntax } declaration && declaration.Parent is BlockSyntax &&
         declaration.Declaration.Variables.All(v => _model.GetDeclaredSymbol(v) is ILocalSymbol { Type.IsRefLikeType: false }) ||
         statement switch
         {
             ReturnStatementSyntax { Expression: { } value } => value,
             ThrowStatementSyntax { Expression: { } thrown } => thrown,
             IfStatementSyntax ifStatement => ifStatement.Condition,
             WhileStatementSyntax whileStatement => whileStatement.Condition,
             DoStatementSyntax doStatement => doStatement.Condition,
             ForStatementSyntax forStatement => forStatement.Condition,
             SwitchStatementSyntax switchStatement => switchStatement.Expression,
             ForEachStatementSyntax forEach => forEach.Expression,
             LockStatementSyntax lockStatement => lockStatement.Expression,
             UsingStatementSyntax { Expression: { } resource } => resource,
             UsingStatementSyntax { Declaration: { Variables.Count: 1, Type: not RefTypeSyntax } resources } => resources.Variables[0].Initializer?.Value,
             _ => null,
         } is { } part && part.Span.Contains(function.Span) && CanBeStored(part));

    /// <summary>
    /// Whether <paramref name="function"/> comes after <paramref name="site"/> in an initializer or an incrementor of <paramref name="forStatement"/>: the value of a
    /// compound assignment (<c>??=</c> too) that suspends (<c>k += Next(k) + ((rows.AsSpan()[0] = x =&gt; ...) is null ? 1 : 2)</c>), stored after the resume as in an
    /// expression statement, or any other (<c>k = Next(k) + (...)</c>, <c>k += (...)</c> after a suspension in another part of the header), evaluated after the resume
    /// in a block that keeps the environments; or in the value of a local its declaration declares (not a ref or ref struct local; an array's initializer too), stored after the resume as
    /// in a declaration of a block's locals (see Lowering/BodyLowerer.SpillEffect and DeclareSpilled).
    /// </summary>
    private bool IsKeptInForHeader(SuspensionSite site, SyntaxNode function, ForStatementSyntax forStatement) =>
        forStatement.Initializers.Concat(forStatement.Incrementors).FirstOrDefault(e => e.Span.Contains(function.Span)) is { } effect
            ? !(effect is AssignmentExpressionSyntax { RawKind: not (int)SyntaxKind.SimpleAssignmentExpression } compound && compound.Right.Span.Contains(function.Span) &&
                _suspensions.Spilled.TryGetValue(forStatement, out var spilled) && spilled.Sites.Values.Any(s => compound.Right.Span.Contains(s.Call.Span))) || CanBeStored(compound.Right)
            : forStatement.Declaration is { Type: not RefTypeSyntax } declaration && declaration.Span.Contains(function.Span) &&
              declaration.Variables.All(v => _model.GetDeclaredSymbol(v) is ILocalSymbol { Type.IsRefLikeType: false });

    /// <summary>Whether the value of <paramref name="part"/>, or the value C# converts it to, has a type a field can be given (see <see cref="ResumedParts"/>).</summary>
    private bool CanBeStored(ExpressionSyntax part) => ResumedParts.FieldTypeOf(_model, part) is not null;

    private CaptureWalker? _hoisting;

    /// <summary>
    /// The lambdas of a statement that suspends, before its first suspension (<c>var n = ((slot = x =&gt; x.A + item) is null ? 0 : 1) + Next(item);</c>:
    /// C# refuses a ref local or a span used after it, CS9217 and CS4007) or in an argument of a coroutine's call (<c>Next((slot = x =&gt; ...) is null ? 1 : 0)</c>),
    /// that can be made neither through the environments nor with their assignment: each is made in the store of the value the spiller keeps before the
    /// suspension or of the callee, in a block that keeps the environments (see Lowering/StatementRewriter.KeepingStore and KeepingCall), with the name of
    /// the variable it captures (COR0013 if neither stores it).
    /// </summary>
    public Dictionary<SyntaxNode, string> KeptBeforeSuspension { get; } = new();

    /// <param name="after">Whether a suspension before it may come first too (a `?:` of a `with` is kept before the one after it, and the environments are the same after a resume).</param>
    /// <param name="kept">
    /// What the block that keeps the environments may hold, when that is not the rest of the statement (see <see cref="KeptOfWith"/>): only a variable
    /// it declares would end with that block, unless it lives in a field (as a variable a statement that suspends declares does, see CaptureWalker);
    /// the statement's others stay where C# declares them (<c>Tag = int.TryParse(s, out var k) ? Fetch(k) : 0</c>).
    /// </param>
    private bool IsBeforeItsSuspensions(SyntaxNode function, bool after = false, IEnumerable<SyntaxNode>? kept = null) =>
        function.Ancestors().TakeWhile(a => a != _body).FirstOrDefault(static a => a is StatementSyntax or LocalFunctionStatementSyntax) is StatementSyntax statement &&
        (_suspensions.Spilled.TryGetValue(statement, out var spilled) ? (IEnumerable<SuspensionSite>)spilled.Sites.Values : _suspensions.Statements.TryGetValue(statement, out var site) ? new[] { site } : null) is { } sites &&
        (after ? sites.Any(s => s.Call.SpanStart > function.Span.End) : sites.All(s => s.Call.SpanStart > function.Span.End || IsKeptInArguments(s, function) || IsKeptAfter(s, function, statement))) &&
        (!after ||
         !(kept ?? new[] { (SyntaxNode?)KeptHead(statement) ?? statement }).SelectMany(static k => k.DescendantNodes(static n => !SuspensionFinder.IsFunction(n))).OfType<SingleVariableDesignationSyntax>()
            .Any(d => kept is null || _model.GetDeclaredSymbol(d) is not ILocalSymbol local || !IsHoisted(local))) &&
        !statement.Ancestors().TakeWhile(a => a != _body).Any(static a => a is LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax);

    /// <summary>
    /// A declaration of a block's or a switch section's locals of any other type with a value, <c>var n = (slot = x =&gt; x.A + item) is null ? 0 : 1;</c>
    /// (an array's initializer too, <c>bool[] tests = { ... };</c>): when they live in fields (they live across a suspension, or have a type the generated
    /// code cannot name, see <see cref="KeepingStatementOnceHoisted"/>), written as a block that keeps the environments and assigns the fields;
    /// otherwise as the declaration without values and such a block, as a ref struct's.
    /// </summary>
    private bool IsKeptDeclaration(LocalDeclarationStatementSyntax declaration)
    {
        if (!HasValues(declaration))
        {
            return false;
        }
        var inFields = new HashSet<bool>();
        foreach (var local in declaration.Declaration.Variables.Select(v => (ILocalSymbol)_model.GetDeclaredSymbol(v)!))
        {
            var hoisted = IsHoisted(local);
            if (!hoisted && !local.Type.CanBeNamed())
            {
                return false;
            }
            inFields.Add(hoisted);
        }
        return inFields.Count == 1; // all in fields, or all locals
    }

    /// <summary>
    /// Made inside the lambda that makes the call, a variable <paramref name="made"/> declares would end with it: one that code
    /// after it reads lives in a field. Not hoisted yet, it is in a statement kept as written; captured by a closure in a block
    /// entered again, it lives in an environment of that block, made at its start (see StatementRewriter.VisitBlock).
    /// </summary>
    private void KeepDeclaredIn(ExpressionSyntax made, CaptureWalker hoisting, DataFlowAnalysis flow)
    {
        foreach (var (local, designation) in DeclaredIn(made).Where(d => !hoisting.Locals.Any(l => SymbolEqualityComparer.Default.Equals(l.Local, d.Local)) && hoisting.IsUsedOutside(d.Local, made)))
        {
            Hoist(local, designation, hoisting, flow, "it is declared in a call that the generated code makes inside a lambda (with the lambda over an anonymous type it takes), in a statement that is not a block's or a switch section's and cannot be written in a block of its own (not an expression statement, a statement embedded in an `if` or a loop, or the condition of an `if` or a loop that does not suspend), where a closure cannot keep a new variable for each entry", "that call", inSwitch: true);
        }
    }

    /// <summary>
    /// Hoists <paramref name="local"/>, which a statement kept as written or made inside a lambda declares: whether it now lives in a field.
    /// Captured by a closure in a block entered again, it lives in an environment of that block, made at its start; in any other scope
    /// entered again it is refused (COR0013) for <paramref name="reason"/>, the fix naming what to declare it <paramref name="before"/>; but in a
    /// switch's (a section's statement, <paramref name="inSwitch"/>: made inside a lambda with its call), it lives in an environment of the switch,
    /// made as it is entered (its sections share it; see StatementRewriter.VisitSwitchStatement).
    /// </summary>
    private bool Hoist(ILocalSymbol local, SyntaxNode designation, CaptureWalker hoisting, DataFlowAnalysis flow, string reason, string before, bool inSwitch = false)
    {
        if (flow.Captured.Contains(local, SymbolEqualityComparer.Default) && Scope(designation) is ({ } scope, _) && IsReentered(scope))
        {
            if (scope is not BlockSyntax && !(inSwitch && scope is SwitchStatementSyntax) && !IsEmbedded(scope))
            {
                Refuse(designation, local.Name, reason,
                    $"Declare '{local.Name}' with a value in a statement of its own before {before}, and assign it in {before.Replace("that ", "the ")}");
                return false;
            }
            if (!hoisting.Hoist(local, designation))
            {
                return false; // the capture walker said why it cannot live in a field
            }
            ScopeOf[local] = scope;
            if (!Scopes.Contains(scope))
            {
                var after = Scopes.FindIndex(s => s.SpanStart > scope.SpanStart);
                Scopes.Insert(after < 0 ? Scopes.Count : after, scope);
            }
            return true;
        }
        return hoisting.Hoist(local, designation);
    }

    /// <summary>
    /// An embedded statement that is no loop, switch or try (<c>if (c) return F(..., out var k, x =&gt; ...) &amp;&amp; new Func&lt;int&gt;(() =&gt; k)() &gt; 0 ? 1 : 0;</c>):
    /// its variables live in an environment made as it is entered, as a block's, the statement written as a block of its own then
    /// (BodyLowerer.EnterEmbedded, StatementRewriter.Visit).
    /// </summary>
    public static bool IsEmbedded(SyntaxNode scope) =>
        scope is StatementSyntax and not (BlockSyntax or ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax or SwitchStatementSyntax or TryStatementSyntax or LabeledStatementSyntax) &&
        scope.Parent is IfStatementSyntax or ElseClauseSyntax or WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax or LockStatementSyntax or UsingStatementSyntax or FixedStatementSyntax;

    /// <summary>
    /// Whether a lambda that keeps an environment can be made through it (<c>Capture&lt;T&gt;</c>),
    /// and as which type: its delegate type, or null to keep its natural type, inferred (a
    /// delegate type the compiler made for it, for a <c>ref</c> parameter or a default value, or
    /// one with an anonymous type: the generated code cannot name those).
    /// </summary>
    public static bool CanBeMade(SemanticModel model, AnonymousFunctionExpressionSyntax lambda, out ITypeSymbol? type)
    {
        var info = model.GetTypeInfo(lambda);
        type = info.ConvertedType;
        if (type is null || type.CanBeNamed())
        {
            return type is not null;
        }
        var converted = (INamedTypeSymbol?)(info.ConvertedType as INamedTypeSymbol);
        type = null;
        // C# gives a lambda a natural type when its parameters are typed (or it has none): the delegate type
        // the compiler makes for it, or Func/Action when those fit (no ref, params or default value).
        if (lambda is not ParenthesizedLambdaExpressionSyntax { } typed || typed.ParameterList.Parameters.Any(static p => p.Type is null) || converted is null)
        {
            return false;
        }
        if (converted.IsImplicitlyDeclared)
        {
            return true;
        }
        var plain = typed.ParameterList.Parameters.All(static p => p.Modifiers.Count == 0 && p.Default is null);
        var name = converted.OriginalDefinition.ContainingNamespace?.ToDisplayString() + "." + converted.OriginalDefinition.MetadataName;
        return plain && (name.StartsWith("System.Func`", System.StringComparison.Ordinal) || name.StartsWith("System.Action`", System.StringComparison.Ordinal) || name == "System.Action");
    }

    /// <summary>
    /// For a lambda <see cref="CanBeMade"/> refuses (its delegate type holds an anonymous type and
    /// its parameters are not typed: <c>Array.ConvertAll(items, x =&gt; x.A + item)</c>): the call it
    /// is an argument of, which is made through the environments instead, its value's type inferred
    /// (<c>closure1.Capture(captured1 =&gt; Array.ConvertAll(items, x =&gt; x.A + captured1.item))</c>);
    /// a call with no value is run through them (<c>closure1.Run(captured1 =&gt; Array.ForEach(...))</c>);
    /// a call of a <c>?.</c> chain, the whole chain (its null test stays inside, evaluated in C#'s order).
    /// A lambda that is a branch of a <c>?:</c> argument, the same. A lambda assigned to a member in a <c>with</c>: the copy, made as
    /// a whole (<c>closure1.Capture(captured1 =&gt; holder with { Slot = x =&gt; ... })</c>); in <c>new() { ... }</c>, what that is
    /// assigned to or passed to. Null where that would change what the code means: the lambda is a <c>ref</c>/<c>out</c>
    /// argument, the value is a ref struct (a lambda cannot return it) with no value of another type around it (see <see cref="ValueAround"/>,
    /// made instead), or it reads a ref local or a variable of a ref struct type (a lambda cannot capture them).
    /// </summary>
    public static ExpressionSyntax? MadeWithItsCall(SemanticModel model, AnonymousFunctionExpressionSyntax lambda) => MadeWithItsCall(model, lambda, out _);

    /// <param name="around">Whether the result is the value around a call whose value is a ref struct (see <see cref="ValueAround"/>).</param>
    public static ExpressionSyntax? MadeWithItsCall(SemanticModel model, AnonymousFunctionExpressionSyntax lambda, out bool around)
    {
        around = false;
        // `F(rows, c ? x => ... : x => ...)`: a branch of a `?:` argument is made with the call too (its condition evaluated in it, in C#'s order).
        SyntaxNode argument = lambda;
        while (true)
        {
            while (argument.Parent is ParenthesizedExpressionSyntax ||
                   argument.Parent is ConditionalExpressionSyntax conditional && conditional.Condition != argument)
            {
                argument = argument.Parent!;
            }
            // `holder with { Slot = x => ... }`: a member's assignment names a member of the object being made, so the object is made
            // as a whole, its members assigned in it in C#'s order. `new() { Slot = x => ... }` (a typed `new` cannot name the anonymous
            // type): made with what it is assigned to or passed to.
            if (argument.Parent is AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax { Parent: WithExpressionSyntax or BaseObjectCreationExpressionSyntax } initializer } member &&
                member.Right == argument && member.IsKind(SyntaxKind.SimpleAssignmentExpression))
            {
                argument = initializer.Parent!;
                if (argument is WithExpressionSyntax with)
                {
                    return model.GetTypeInfo(with).Type is { TypeKind: not TypeKind.Error, IsRefLikeType: false } && CanBeCaptured(model, with) ? with : null;
                }
                continue;
            }
            break;
        }
        if (argument.Parent is AssignmentExpressionSyntax assignment && assignment.Right == argument)
        {
            // `slots[i] = x => ...`, `holder.Slot += x => ...`: the whole assignment, its left side evaluated in it first, as C# does.
            return CanBeAssignedInALambda(model, assignment) ? assignment : null;
        }
        if (argument.Parent is not ArgumentSyntax { RefKindKeyword.RawKind: 0, Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } })
        {
            return null;
        }
        ExpressionSyntax made = call;
        if (ConditionalChains.RootBinding(call) is { } binding)
        {
            // `rows?.ForEach(x => ...)`, `a?.b.Select(x => ...).ToList()`, `a?[0]?.F(x => ...)`: the chain as a whole, from its first receiver.
            if (ConditionalChains.OwnerOf(binding) is not { } chain)
            {
                return null;
            }
            made = WholeChain(chain);
        }
        if (model.GetTypeInfo(made).Type is not { } type || type.TypeKind is TypeKind.Error)
        {
            return null;
        }
        around = type.IsRefLikeType;
        return (around ? ValueAround(model, made) : made) is { } value && CanBeCaptured(model, value) ? value : null;
    }

    /// <summary>
    /// For a call whose value is a ref struct (a lambda cannot return one, <c>Spanned(rows, x =&gt; x.A + item)</c>): the
    /// expression around it that first has a value of another type (<c>Spanned(rows, x =&gt; x.A + item).Length</c>,
    /// <c>Sum(Spanned(...))</c>), made through the environments instead, wherever it is (a declaration, a condition, a
    /// <c>return</c>). Null when there is none in the statement's expression, or it is used by reference (<c>ref</c>, assigned
    /// to, a member of it called in place).
    /// </summary>
    private static ExpressionSyntax? ValueAround(SemanticModel model, ExpressionSyntax made)
    {
        var value = made;
        while (model.GetTypeInfo(value).Type is { IsRefLikeType: true })
        {
            switch (value.Parent)
            {
                case ArgumentSyntax { RefKindKeyword.RawKind: 0, Parent: BaseArgumentListSyntax { Parent: InvocationExpressionSyntax or ElementAccessExpressionSyntax or BaseObjectCreationExpressionSyntax } list }:
                    value = (ExpressionSyntax)list.Parent!;
                    continue;
                case AnonymousFunctionExpressionSyntax or AssignmentExpressionSyntax or RefExpressionSyntax or DeclarationExpressionSyntax or ConditionalAccessExpressionSyntax:
                    return null;
                case ExpressionSyntax outer:
                    value = outer;
                    continue;
                default:
                    return null;
            }
        }
        if (model.GetTypeInfo(value).Type is not { TypeKind: not TypeKind.Error, SpecialType: not SpecialType.System_Void } || IsUsedByReference(model, value))
        {
            return null;
        }
        return value;
    }

    // `ref var r = ref Spanned(...)[0];`, `Spanned(...)[0]++`, `Spanned(...)[0].Mutate()`: a copy made in a lambda would not be the element.
    private static bool IsUsedByReference(SemanticModel model, ExpressionSyntax value) =>
        value.Parent is RefExpressionSyntax or ArgumentSyntax { RefKindKeyword.RawKind: not 0 } or PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression or (int)SyntaxKind.AddressOfExpression } or PostfixUnaryExpressionSyntax ||
        value.Parent is AssignmentExpressionSyntax assignment && assignment.Left == value ||
        value.Parent is MemberAccessExpressionSyntax && model.GetSymbolInfo(value).Symbol is IPropertySymbol { ReturnsByRef: true } or IMethodSymbol { ReturnsByRef: true } && model.GetTypeInfo(value).Type is { IsValueType: true, IsReadOnly: false };

    /// <summary>Whether <paramref name="made"/> reads no ref local or parameter and no variable of a ref struct type: a lambda can capture neither.</summary>
    private static bool CanBeCaptured(SemanticModel model, ExpressionSyntax made) =>
        !made.DescendantNodesAndSelf(static n => !SuspensionFinder.IsFunction(n)).OfType<IdentifierNameSyntax>().Any(e =>
            model.GetSymbolInfo(e).Symbol is ILocalSymbol { RefKind: not RefKind.None } or IParameterSymbol { RefKind: not RefKind.None } ||
            model.GetSymbolInfo(e).Symbol is ILocalSymbol { Type.IsRefLikeType: true } or IParameterSymbol { Type.IsRefLikeType: true });

    /// <summary>
    /// Whether <paramref name="assignment"/> means the same inside a lambda: a statement or a value,
    /// not a member of an object initializer (its left side names a member of the object being made),
    /// and its left side reads no ref local and nothing of a ref struct type (a lambda cannot capture them).
    /// </summary>
    private static bool CanBeAssignedInALambda(SemanticModel model, AssignmentExpressionSyntax assignment) =>
        assignment.Parent is not InitializerExpressionSyntax &&
        !assignment.Left.DescendantNodesAndSelf(static n => !SuspensionFinder.IsFunction(n)).OfType<ExpressionSyntax>().Any(e =>
            model.GetTypeInfo(e).Type is { IsRefLikeType: true } ||
            e is IdentifierNameSyntax && model.GetSymbolInfo(e).Symbol is ILocalSymbol { RefKind: not RefKind.None } or IParameterSymbol { RefKind: not RefKind.None });

    /// <summary>The <c>?.</c> chain <paramref name="chain"/> is the rest of (<c>a?.b?.F()</c>), or itself.</summary>
    public static ExpressionSyntax WholeChain(ConditionalAccessExpressionSyntax chain)
    {
        ExpressionSyntax whole = chain;
        while (whole.Parent is ConditionalAccessExpressionSyntax outer && outer.WhenNotNull == whole)
        {
            whole = outer;
        }
        return whole;
    }

    /// <summary>
    /// Whether <paramref name="made"/> (see <see cref="MadeWithItsCall"/>) has no value: run through the environments, not captured.
    /// A call of a void coroutine has one in the state machine: its factory's, the coroutine it starts.
    /// </summary>
    public static bool IsVoidCall(SemanticModel model, ExpressionSyntax made) =>
        model.GetTypeInfo(made).Type is { SpecialType: SpecialType.System_Void } &&
        !(made is InvocationExpressionSyntax call && model.GetSymbolInfo(call).Symbol is IMethodSymbol method &&
          (method.ReducedFrom ?? method).OriginalDefinition.GetAttributes().Any(static a => CoroutineBinder.IsCoroutineAttribute(a.AttributeClass)));

    /// <summary>
    /// The variables <paramref name="made"/> declares (<c>out var n</c>, <c>o is string s</c>) outside its lambdas:
    /// made inside a lambda, they would end with it, so those that code after it reads must live in fields.
    /// </summary>
    private IEnumerable<(ILocalSymbol Local, SyntaxNode Designation)> DeclaredIn(ExpressionSyntax made) =>
        made.DescendantNodes(static n => !SuspensionFinder.IsFunction(n))
            .OfType<SingleVariableDesignationSyntax>()
            .Select(d => (Local: _model.GetDeclaredSymbol(d) as ILocalSymbol, Designation: (SyntaxNode)d))
            .Where(static d => d.Local is not null)
            .Select(static d => (d.Local!, d.Designation));

    private void FindLocalFunctionScopes()
    {
        var functions = _body.DescendantNodes().OfType<LocalFunctionStatementSyntax>()
            .Select(f => (Syntax: f, Symbol: _model.GetDeclaredSymbol(f)))
            .Where(static f => f.Symbol is not null && !f.Symbol.GetAttributes().Any(static a => CoroutineBinder.IsCoroutineAttribute(a.AttributeClass))) // a [Coroutine] one reads them through the state machine
            .ToList();
        var scopes = functions.ToDictionary(
            f => f.Symbol!,
            f => new HashSet<SyntaxNode>(CapturedIn(f.Syntax).Select(l => ScopeOf[l])),
            (IEqualityComparer<IMethodSymbol>)SymbolEqualityComparer.Default);
        // Through the local functions each calls, until nothing changes (they may call each other).
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var (syntax, symbol) in functions)
            {
                foreach (var called in CalledIn(syntax))
                {
                    if (scopes.TryGetValue(called, out var theirs) && !SymbolEqualityComparer.Default.Equals(called, symbol))
                    {
                        var before = scopes[symbol!].Count;
                        scopes[symbol!].UnionWith(theirs);
                        changed |= scopes[symbol!].Count != before;
                    }
                }
            }
        }
        foreach (var pair in scopes)
        {
            if (pair.Value.Count > 0)
            {
                LocalFunctionScopes[pair.Key] = pair.Value.OrderBy(static s => s.SpanStart).ToList();
            }
        }
    }

    /// <summary>The local functions <paramref name="node"/> names (calls or makes a delegate of).</summary>
    private IEnumerable<IMethodSymbol> CalledIn(SyntaxNode node) =>
        node.DescendantNodes()
            .OfType<SimpleNameSyntax>()
            .Select(n => _model.GetSymbolInfo(n).Symbol)
            .OfType<IMethodSymbol>()
            .Where(static m => m.MethodKind == MethodKind.LocalFunction)
            .Select(static m => m.OriginalDefinition)
            .Distinct(SymbolEqualityComparer.Default)
            .Cast<IMethodSymbol>();

    private IEnumerable<ILocalSymbol> CapturedIn(SyntaxNode node) =>
        node.DescendantNodes()
            .OfType<IdentifierNameSyntax>()
            .Select(n => _model.GetSymbolInfo(n).Symbol)
            .OfType<ILocalSymbol>()
            .Where(ScopeOf.ContainsKey);

    private void Refuse(SyntaxNode location, string name, string reason, string fix)
    {
        var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.CapturedLoopLocal, location, name, reason, fix);
        if (!_diagnostics.Contains(diagnostic))
        {
            _diagnostics.Add(diagnostic);
        }
    }
}
