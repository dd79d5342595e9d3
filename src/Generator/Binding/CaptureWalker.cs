using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Diagnostics;
using Coroutines.Generator.Model;
using Coroutines.Generator.Names;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Binding;

/// <summary>
/// Finds the locals whose scope is a flattened block, condition or loop header: once flattened,
/// such a scope no longer exists in C#, so the local must live in a field. Locals scoped inside a
/// statement that is kept as written stay ordinary locals.
/// </summary>
internal sealed partial class CaptureWalker
{
    private readonly SemanticModel _model;
    private readonly SuspensionFinder _suspensions;
    private readonly SyntaxNode _body;
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly GeneratedFactoryTypes _factories;

    private CaptureWalker(SemanticModel model, GeneratedFactoryTypes factories, SuspensionFinder suspensions, SyntaxNode body, List<DiagnosticInfo> diagnostics)
    {
        _model = model;
        _factories = factories;
        _suspensions = suspensions;
        _body = body;
        _diagnostics = diagnostics;
    }

    private Dictionary<InvocationExpressionSyntax, SuspensionSite>? _sites;

    private bool _hasDesignations = true;

    /// <summary>
    /// The ref locals of flattened blocks that no use reaches past a suspension: locals of Step(), not fields (C# 13's rule, see <see cref="RefLocalLiveness"/>),
    /// declared by a declarator or, of a ref struct type, by a designation (<c>out ReadOnlySpan&lt;int&gt; values</c>, <c>is var span</c>) in a statement that does not suspend.
    /// </summary>
    public List<(ILocalSymbol Local, SyntaxNode Declaration)> StepLocals { get; } = new();

    /// <summary>The hoisted locals in declaration order, with the syntax that declares each.</summary>
    public List<(ILocalSymbol Local, SyntaxNode Declaration)> Locals { get; } = new();

    /// <summary>The hoisted locals that closures capture in a scope entered more than once: each entry gets fresh variables.</summary>
    public ClosureScopes? Closures { get; set; }

    /// <summary>The type of a hoisted local's field: its own, or for <c>var x = WorkCoroutine(...)</c> the one its initializer has once the generated factory exists.</summary>
    public ITypeSymbol TypeOf(ILocalSymbol local) => DeclaredNullability.OfLocal(local, _factories.TypeOfLocal(local) ?? local.Type, _model);

    /// <summary>The field's type as written: <see cref="TypeOf"/>, or for <c>var w = WrapCoroutine(EchoCoroutine(5))</c> the one C# infers from the generated class.</summary>
    public string TypeTextOf(ILocalSymbol local) => _factories.TypeTextOfLocal(local) ?? SymbolText.Type(TypeOf(local));

    /// <param name="hasBase">Whether the body has a <c>base</c> expression (<see cref="BodySyntax.HasBase"/>): only then can it update a base indexer.</param>
    /// <param name="hasDesignations">Whether the body declares an expression variable (<see cref="BodySyntax.HasDesignation"/>): only then are expressions searched for them.</param>
    public static CaptureWalker Collect(SemanticModel model, GeneratedFactoryTypes factories, SuspensionFinder suspensions, SyntaxNode body, bool hasBase, List<DiagnosticInfo> diagnostics, bool hasDesignations = true)
    {
        var hoisting = new CaptureWalker(model, factories, suspensions, body, diagnostics) { _hasDesignations = hasDesignations };
        hoisting.VisitFlattened(body);
        if (hasBase)
        {
            hoisting.HoistBaseIndexerUpdateVariables();
        }
        return hoisting;
    }

    /// <summary>
    /// <c>base[i] += int.TryParse(s, out var n) ? n : 0; Use(n);</c>: the right side of a base indexer's compound or
    /// <c>??=</c> assignment runs in a lambda given to the generated accessor, so a variable it declares that code after
    /// it reads lives in a field, in scope on both sides, also in a statement that is kept as written.
    /// </summary>
    private void HoistBaseIndexerUpdateVariables()
    {
        var updates = _body.DescendantNodes(static n => !SuspensionFinder.IsFunction(n))
            .OfType<AssignmentExpressionSyntax>()
            .Where(static a => !a.IsKind(SyntaxKind.SimpleAssignmentExpression) && a.Left is ElementAccessExpressionSyntax { Expression: BaseExpressionSyntax });
        foreach (var update in updates)
        {
            foreach (var designation in update.Right.DescendantNodesAndSelf(static n => !SuspensionFinder.IsFunction(n)).OfType<SingleVariableDesignationSyntax>())
            {
                if (_model.GetDeclaredSymbol(designation) is ILocalSymbol local && !Locals.Any(l => SymbolEqualityComparer.Default.Equals(l.Local, local)) &&
                    IsUsedOutside(local, update) && Check(local, designation))
                {
                    Locals.Add((local, designation));
                }
            }
        }
    }

    /// <summary>Hoists <paramref name="local"/> (a variable of a call made inside a lambda, see ClosureScopes.MadeWithItsCall): whether it now lives in a field.</summary>
    public bool Hoist(ILocalSymbol local, SyntaxNode designation)
    {
        if (!Check(local, designation))
        {
            return false;
        }
        Locals.Add((local, designation));
        return true;
    }

    private void VisitFlattened(SyntaxNode node)
    {
        switch (node)
        {
            case BlockSyntax block:
                VisitStatements(block.Statements);
                break;
            case IfStatementSyntax ifStatement:
                ScanExpression(ifStatement.Condition, ifStatement.Condition);
                VisitChild(ifStatement.Statement);
                if (ifStatement.Else is not null)
                {
                    VisitChild(ifStatement.Else.Statement);
                }
                break;
            case WhileStatementSyntax whileStatement:
                ScanExpression(whileStatement.Condition, whileStatement.Condition);
                VisitChild(whileStatement.Statement);
                break;
            case DoStatementSyntax doStatement:
                VisitChild(doStatement.Statement);
                ScanExpression(doStatement.Condition, doStatement.Condition);
                break;
            case ForStatementSyntax forStatement:
                if (forStatement.Declaration is not null)
                {
                    AddDeclaration(forStatement.Declaration, forStatement);
                }
                foreach (var initializer in forStatement.Initializers)
                {
                    ScanExpression(initializer, forStatement);
                }
                if (forStatement.Condition is not null)
                {
                    ScanExpression(forStatement.Condition, forStatement);
                }
                foreach (var incrementor in forStatement.Incrementors)
                {
                    ScanExpression(incrementor, forStatement);
                }
                VisitChild(forStatement.Statement);
                break;
            case TryStatementSyntax tryStatement:
                VisitChild(tryStatement.Block);
                foreach (var clause in tryStatement.Catches)
                {
                    if (!_suspensions.Flattened.Contains(clause.Block))
                    {
                        continue;
                    }
                    // The handler runs after the try: its exception variable must outlive the catch.
                    if (clause.Declaration is not null && _model.GetDeclaredSymbol(clause.Declaration) is ILocalSymbol caught && Check(caught, clause.Declaration))
                    {
                        Locals.Add((caught, clause.Declaration));
                    }
                    // So must a variable its filter declares that the handler reads (`when (e.Message is string text)`).
                    if (clause.Filter is not null)
                    {
                        ScanExpression(clause.Filter.FilterExpression, clause.Filter);
                    }
                    VisitChild(clause.Block);
                }
                if (tryStatement.Finally is not null)
                {
                    VisitChild(tryStatement.Finally.Block);
                }
                break;
            case UsingStatementSyntax usingStatement:
                if (usingStatement.Declaration is not null)
                {
                    AddDeclaration(usingStatement.Declaration, usingStatement);
                }
                else if (usingStatement.Expression is not null)
                {
                    ScanExpression(usingStatement.Expression, usingStatement);
                }
                VisitChild(usingStatement.Statement);
                break;
            case LockStatementSyntax lockStatement:
                // Its value's variables are the block's; the value is spilled around its suspensions, so they live in fields.
                ScanExpression(lockStatement.Expression, lockStatement);
                VisitChild(lockStatement.Statement);
                break;
            case ForEachStatementSyntax forEach:
                ScanExpression(forEach.Expression, forEach);
                if (_model.GetDeclaredSymbol(forEach) is ILocalSymbol iteration && Check(iteration, forEach))
                {
                    Locals.Add((iteration, forEach));
                }
                VisitChild(forEach.Statement);
                break;
            case ForEachVariableStatementSyntax forEachVariable:
                ScanExpression(forEachVariable.Expression, forEachVariable);
                ScanExpression(forEachVariable.Variable, forEachVariable);
                VisitChild(forEachVariable.Statement);
                break;
            case SwitchStatementSyntax switchStatement:
                ScanExpression(switchStatement.Expression, switchStatement);
                foreach (var section in switchStatement.Sections)
                {
                    foreach (var label in section.Labels.OfType<CasePatternSwitchLabelSyntax>())
                    {
                        // Tested before the jump to the section: the variables must live in fields.
                        foreach (var designation in label.Pattern.DescendantNodesAndSelf().OfType<SingleVariableDesignationSyntax>())
                        {
                            if (_model.GetDeclaredSymbol(designation) is ILocalSymbol local && Check(local, designation))
                            {
                                Locals.Add((local, designation));
                            }
                        }
                    }
                    VisitStatements(section.Statements);
                }
                break;
            case LabeledStatementSyntax labeled:
                VisitStatements(new SyntaxList<StatementSyntax>(labeled.Statement));
                break;
            case CheckedStatementSyntax checkedStatement:
                VisitChild(checkedStatement.Block);
                break;
            case LocalDeclarationStatementSyntax or ExpressionStatementSyntax or ReturnStatementSyntax or ThrowStatementSyntax:
                // A suspension statement: what it declares lives on after the resume, like a kept statement's.
                VisitKeptAtFlattenedLevel((StatementSyntax)node);
                break;
        }
    }

    private void VisitStatements(SyntaxList<StatementSyntax> statements)
    {
        foreach (var statement in statements)
        {
            if (_suspensions.Flattened.Contains(statement))
            {
                VisitFlattened(statement);
            }
            else
            {
                VisitKeptAtFlattenedLevel(statement);
            }
        }
    }

    private void AddDeclaration(VariableDeclarationSyntax declaration, SyntaxNode container)
    {
        AddDeclarators(declaration);
        foreach (var variable in declaration.Variables)
        {
            if (variable.Initializer is not null)
            {
                ScanExpression(variable.Initializer.Value, container);
            }
        }
    }

    // An embedded statement (the body of an if or loop) is its own scope: nothing it declares
    // leaks out unless it is itself flattened.
    private void VisitChild(StatementSyntax statement)
    {
        if (_suspensions.Flattened.Contains(statement))
        {
            VisitFlattened(statement);
        }
    }

    private void VisitKeptAtFlattenedLevel(StatementSyntax statement)
    {
        switch (statement)
        {
            case LocalDeclarationStatementSyntax declaration:
                if (!declaration.IsConst)
                {
                    AddDeclaration(declaration.Declaration, statement); // a using declaration too: its body is the rest of the block
                }
                break;
            case LabeledStatementSyntax labeled:
                // The label becomes a label of Step(); the statement it labels sits at the same level.
                VisitKeptAtFlattenedLevel(labeled.Statement);
                break;
            case ExpressionStatementSyntax expression:
                ScanExpression(expression.Expression, statement);
                break;
            case ReturnStatementSyntax { Expression: { } value }:
                ScanExpression(value, statement);
                break;
            case ThrowStatementSyntax { Expression: { } thrown }:
                ScanExpression(thrown, statement);
                break;
            case IfStatementSyntax ifStatement:
                ScanExpression(ifStatement.Condition, statement); // C# lets `if (x is T t)` variables leak into the block
                break;
            case SwitchStatementSyntax switchStatement:
                ScanExpression(switchStatement.Expression, statement);
                break;
        }
    }

    private void AddDeclarators(VariableDeclarationSyntax declaration)
    {
        foreach (var variable in declaration.Variables)
        {
            if (_model.GetDeclaredSymbol(variable) is ILocalSymbol local && Check(local, variable))
            {
                Locals.Add((local, variable));
            }
        }
    }

    /// <summary>Expression variables (<c>out var x</c>, deconstruction, patterns) declared in <paramref name="expression"/>.</summary>
    private void ScanExpression(SyntaxNode expression, SyntaxNode container)
    {
        if (!_hasDesignations)
        {
            return;
        }
        var designations = expression
            .DescendantNodesAndSelf(n => !SuspensionFinder.IsFunction(n) && n is not QueryExpressionSyntax && (n is not SwitchExpressionArmSyntax arm || ArmsSuspend(arm)))
            .OfType<SingleVariableDesignationSyntax>();
        foreach (var designation in designations)
        {
            if (_model.GetDeclaredSymbol(designation) is not ILocalSymbol local)
            {
                continue;
            }
            // `out var x` and deconstructions always leave their scope here; a pattern variable
            // only needs a field when something outside its statement reads it.
            var declared = designation.Ancestors().TakeWhile(a => a != expression.Parent).Any(static a => a is DeclarationExpressionSyntax);
            // It is also moved to a field when it would hide a name the generated code uses in Step().
            // In a spilled statement, its parts run as statements of their own around the suspensions.
            if ((declared || GeneratedNames.IsMember(local.Name) || _suspensions.IsInSpilledStatement(designation) || IsUsedOutside(local, container)) && Check(local, designation))
            {
                Locals.Add((local, designation));
            }
        }
    }

    /// <summary>Whether the switch expression of <paramref name="arm"/> has a suspension in an arm: spilling tests its patterns in statements of their own.</summary>
    private bool ArmsSuspend(SwitchExpressionArmSyntax arm) =>
        _suspensions.Spilled.Values.Any(s => s.Sites.Keys.Any(c => arm.Parent!.Span.Contains(c.Span) && c.Ancestors().Any(a => a is SwitchExpressionArmSyntax && a.Parent == arm.Parent)));

    /// <summary>Whether code outside <paramref name="container"/> reads or writes <paramref name="local"/>.</summary>
    public bool IsUsedOutside(ILocalSymbol local, SyntaxNode container) =>
        _body.DescendantNodes()
            .OfType<IdentifierNameSyntax>()
            .Where(n => n.Identifier.ValueText == local.Name && !container.Span.Contains(n.Span))
            .Any(n => SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(n).Symbol, local));

    private bool Check(ILocalSymbol local, SyntaxNode declaration)
    {
        string? reason = null;
        var fix = "Declare it inside a block that contains no suspension";
        var type = _factories.TypeOfLocal(local); // `var x = WorkCoroutine(...)`: the type it will have
        if ((type is null || _factories.DependsOnAClass(local)) && declaration is VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type.IsVar: true } } &&
            _factories.TypeTextOfLocal(local) is null)
        {
            reason = "its type is not known before the generator runs (its initializer uses generated code" +
                     (_factories.WhyNotTyped(local) is { } why ? ": " + why : "") + ")";
            fix = "Declare its type instead of 'var'";
        }
        type ??= local.Type; // a type named as written (it may be one the generator adds)
        if (reason is null && (local.IsRef || type.IsRefLikeType))
        {
            (reason, fix) = local.IsRef ? RefLocalRefusal(local, declaration) : RefStructLocalRefusal(local, type, declaration);
            if (reason is null)
            {
                StepLocals.Add((local, declaration));
                return false; // used only between suspensions: a local of Step(), as C# keeps it a local of MoveNext
            }
        }
        reason ??= AnonymousShape.IsNeeded(type) ? AnonymousRefusal(local, type, declaration) : null;
        if (reason is null)
        {
            return true;
        }
        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LocalCannotBeHoisted, declaration, local.Name, reason, fix));
        return false;
    }

    /// <summary>
    /// A ref local of a flattened block (C# 13): none when no use of it reaches past a suspension (it
    /// stays a local of Step()); otherwise why it cannot be kept, as C# says (CS9217), and the fix.
    /// </summary>
    private (string? Reason, string Fix) RefLocalRefusal(ILocalSymbol local, SyntaxNode declaration)
    {
        if (LiveAcross(local, declaration) is not { } live)
        {
            return (null, "");
        }
        return live.Call is null
            ? ("it is a ref local, and C# refuses a ref local that lives across an await too (CS9217)", "Declare it inside a block that contains no suspension")
            : ($"it is a ref local that would live across '{live.Call}' (line {LineOf(live.Call)}): {live.Why}; C# refuses a ref local that lives across an await too (CS9217)",
                $"Use '{local.Name}' only before '{live.Call}'. To use the variable after it, declare another ref local after it");
    }

    /// <summary>
    /// A local of a ref struct type (<c>Span&lt;T&gt;</c>) of a flattened block: as a ref local, it stays a local of Step()
    /// when no use of it reaches past a suspension (C# 13 accepts it in <c>async</c> then); otherwise why not (CS4007).
    /// </summary>
    private (string? Reason, string Fix) RefStructLocalRefusal(ILocalSymbol local, ITypeSymbol type, SyntaxNode declaration)
    {
        if (LiveAcross(local, declaration) is not { } live)
        {
            return (null, "");
        }
        const string Refuses = "C# refuses a ref struct local that lives across an await too (CS4007)";
        return live.Call is null
            ? ($"its type '{type.ToDisplayString()}' is a ref struct, which cannot be stored in a field ({Refuses})", "Declare it inside a block that contains no suspension")
            : ($"its type '{type.ToDisplayString()}' is a ref struct, which cannot be stored in a field, and it would live across '{live.Call}' (line {LineOf(live.Call)}): {live.Why}; {Refuses}",
                $"Use '{local.Name}' only before '{live.Call}'. To use a value of that type after it, declare another local after it");
    }

    /// <summary>
    /// Null when no use of a ref or ref struct local declared in a block, a switch section or a <c>for</c> header reaches past a
    /// suspension; else the suspension it lives across and why, or no call when it is declared elsewhere (a <c>using</c>, a statement that suspends).
    /// </summary>
    private (InvocationExpressionSyntax? Call, string Why)? LiveAcross(ILocalSymbol local, SyntaxNode declaration)
    {
        // Its scope: the block or switch section of its declaration, or the `for` loop that declares it in its header.
        var scope = declaration switch
        {
            VariableDeclaratorSyntax { Parent.Parent: LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0, Parent: BlockSyntax or SwitchSectionSyntax } statement } => statement.Parent,
            VariableDeclaratorSyntax { Parent.Parent: ForStatementSyntax loop } => loop,
            SingleVariableDesignationSyntax designation when local.Type.IsRefLikeType => DesignationScope(designation),
            _ => null,
        };
        if (scope is null)
        {
            return (null, "");
        }
        return RefLocalLiveness.LiveAcross(local, declaration, scope, AllSites(), _model) is { } live ? (live.Call, live.Why) : null;
    }

    /// <summary>
    /// The block or switch section of the statement that declares a ref struct variable in an expression (<c>out ReadOnlySpan&lt;int&gt; values</c>,
    /// <c>is var span</c>), when that statement does not suspend: it is then kept as written, and the variable, as C# scopes it, is a local of Step()
    /// there (C# keeps it a local of MoveNext when it lives across no await). Null in a statement that suspends (its parts run as statements of their own).
    /// </summary>
    private SyntaxNode? DesignationScope(SingleVariableDesignationSyntax designation)
    {
        var statement = designation.Ancestors().TakeWhile(static a => !SuspensionFinder.IsFunction(a)).OfType<StatementSyntax>().FirstOrDefault();
        return statement is { Parent: BlockSyntax or SwitchSectionSyntax } && !_suspensions.IsInSpilledStatement(designation) &&
               !AllSites().Keys.Any(c => statement.Span.Contains(c.Span))
            ? statement.Parent
            : null;
    }

    private static int LineOf(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    private Dictionary<InvocationExpressionSyntax, SuspensionSite> AllSites()
    {
        if (_sites is null)
        {
            _sites = new Dictionary<InvocationExpressionSyntax, SuspensionSite>();
            foreach (var site in _suspensions.Statements.Values.Concat(_suspensions.Spilled.Values.SelectMany(static s => s.Sites.Values)))
            {
                _sites[site.Call] = site;
            }
            if (_suspensions.ExpressionBody is { } body)
            {
                _sites[body.Call] = body;
            }
        }
        return _sites;
    }

    /// <summary>
    /// The locals of an anonymous type (or a type that holds one) that C# uses as variables: passed by
    /// <c>ref</c> or <c>out</c>, assigned by <c>??=</c> or a deconstruction, declared by a <c>foreach</c>, an <c>out var</c>,
    /// a pattern or a deconstruction, or of a struct type (a tuple), whose members are variables too. Their <c>object</c> field holds a box, whose value is the variable.
    /// </summary>
    public HashSet<ILocalSymbol> AnonymousVariables { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// A local of an anonymous type lives in an <c>object</c> field, read back through its shape
    /// (<see cref="AnonymousShape"/>) and written by a plain store: null when it can, else why not.
    /// A reference that is neither a read nor the target of <c>=</c> (<c>ref x</c>, <c>out x</c>,
    /// <c>x ??= ...</c>, a deconstruction into it, <c>x = lambda</c>) needs a variable of its type: the field then holds a box of one.
    /// </summary>
    private string? AnonymousRefusal(ILocalSymbol local, ITypeSymbol type, SyntaxNode declaration)
    {
        // A `for` or `using` header's variable is stored like a declared local's (a struct one, `List<...>.Enumerator`, as a box: C# calls its methods and Dispose in place).
        var declared = declaration is VariableDeclaratorSyntax { Parent.Parent: LocalDeclarationStatementSyntax or ForStatementSyntax or UsingStatementSyntax };
        if (!declared && declaration is VariableDeclaratorSyntax)
        {
            return $"its type is anonymous, and of such locals only one declared by a statement of its own (var x = ...;), a foreach, an 'out var', a pattern or a deconstruction is kept in a field, not {VariableKind(declaration)}";
        }
        if (AnonymousShape.Of(type, out var reason) is null)
        {
            return reason is null ? "its type is anonymous and cannot be named in a field" : $"its type is anonymous and {reason}";
        }
        // A struct (a tuple) too: a read gives a copy, and `pair.Item = x` or a call that changes it must reach the variable.
        if (!declared || type.IsValueType || _body.DescendantNodes().OfType<IdentifierNameSyntax>()
                .Any(use => use.Identifier.ValueText == local.Name && AnonymousUse(use) is not null && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(use).Symbol, local)))
        {
            AnonymousVariables.Add(local);
        }
        return null;
    }

    private static string VariableKind(SyntaxNode declaration) => declaration switch
    {
        CommonForEachStatementSyntax => "a foreach variable",
        VariableDeclaratorSyntax => "a variable declared in a statement header",
        _ when declaration.Ancestors().Any(static a => a is PatternSyntax or IsPatternExpressionSyntax) => "a pattern variable",
        _ when declaration.Parent is DeclarationExpressionSyntax { Parent: ArgumentSyntax { Parent: ArgumentListSyntax } } => "an 'out var' variable",
        _ => "a variable of a deconstruction",
    };

    // A lambda, or a `?:` with one as a branch: converted to the type of what it is assigned to.
    private static bool IsLambda(ExpressionSyntax value) => value switch
    {
        ParenthesizedExpressionSyntax parenthesized => IsLambda(parenthesized.Expression),
        ConditionalExpressionSyntax conditional => IsLambda(conditional.WhenTrue) || IsLambda(conditional.WhenFalse),
        _ => value is AnonymousFunctionExpressionSyntax,
    };

    // What a reference to a local is, where it is neither read nor the target of a plain `=`; null where it is.
    private static string? AnonymousUse(IdentifierNameSyntax use)
    {
        SyntaxNode node = use;
        while (node.Parent is ParenthesizedExpressionSyntax)
        {
            node = node.Parent;
        }
        return node.Parent switch
        {
            ArgumentSyntax { RefKindKeyword.RawKind: not 0 } argument => (argument.RefKindKeyword.IsKind(SyntaxKind.RefKeyword) ? "a" : "an") + $" '{argument.RefKindKeyword.ValueText}' argument",
            RefExpressionSyntax => "a 'ref' expression",
            AssignmentExpressionSyntax assignment when assignment.Left == node && !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) => $"a '{assignment.OperatorToken.ValueText}' assignment",
            AssignmentExpressionSyntax assignment when assignment.Left == node && assignment.Right is RefExpressionSyntax => "a ref assignment",
            // `f = x => x.A`: a lambda has no type of its own to store in an `object` field; the variable's type converts it.
            AssignmentExpressionSyntax assignment when assignment.Left == node && IsLambda(assignment.Right) => "an assignment of a lambda",
            ArgumentSyntax { Parent: TupleExpressionSyntax } when IsDeconstructed(node.Parent.Parent!) => "a deconstruction",
            _ => null,
        };
    }

    private static bool IsDeconstructed(SyntaxNode tuple)
    {
        while (tuple.Parent is ArgumentSyntax { Parent: TupleExpressionSyntax outer })
        {
            tuple = outer;
        }
        return tuple.Parent is AssignmentExpressionSyntax assignment && assignment.Left == tuple || tuple.Parent is ForEachVariableStatementSyntax;
    }
}

internal static class TypeSymbolExtensions
{
    public static bool ContainsAnonymousType(this ITypeSymbol type) => type switch
    {
        { IsAnonymousType: true } => true,
        IArrayTypeSymbol array => array.ElementType.ContainsAnonymousType(),
        // `List<...>.Enumerator`: a type nested in a generic type holds that type's arguments too.
        INamedTypeSymbol named => named.TypeArguments.Any(static t => t.ContainsAnonymousType()) || named.ContainingType?.ContainsAnonymousType() == true,
        _ => false,
    };

    /// <summary>Whether <paramref name="type"/> is a delegate type the compiler made for a lambda or a method group (<c>(ref int y) =&gt; y</c>), which has no name.</summary>
    public static bool IsUnnamedDelegate(this ITypeSymbol type) => type is INamedTypeSymbol { IsAnonymousType: true, TypeKind: TypeKind.Delegate };

    /// <summary>Whether <paramref name="type"/> is or holds (<c>Tuple&lt;...&gt;</c>, an array, a tuple) a delegate type the compiler made for a lambda.</summary>
    public static bool HoldsUnnamedDelegate(this ITypeSymbol type) => type switch
    {
        _ when type.IsUnnamedDelegate() => true,
        IArrayTypeSymbol array => array.ElementType.HoldsUnnamedDelegate(),
        INamedTypeSymbol named => named.TypeArguments.Any(static t => t.HoldsUnnamedDelegate()) || named.ContainingType?.HoldsUnnamedDelegate() == true,
        _ => false,
    };

    /// <summary>Whether <paramref name="type"/> holds an anonymous type with members (<c>new { A = 1 }</c>), not counting the delegate types the compiler made for lambdas.</summary>
    public static bool HoldsAnonymousObject(this ITypeSymbol type) => type switch
    {
        _ when type.IsUnnamedDelegate() => false,
        { IsAnonymousType: true } => true,
        IArrayTypeSymbol array => array.ElementType.HoldsAnonymousObject(),
        INamedTypeSymbol named => named.TypeArguments.Any(static t => t.HoldsAnonymousObject()) || named.ContainingType?.HoldsAnonymousObject() == true,
        _ => false,
    };

    /// <summary>
    /// The part of the signature of <paramref name="unnamed"/>, a delegate type the compiler made for a lambda, or of one in it, that holds an
    /// anonymous type (<c>(ref int y) =&gt; new { A = y }</c>): no delegate type of the same signature can be declared. Null where there is none.
    /// </summary>
    public static ITypeSymbol? AnonymousPartOfSignature(this INamedTypeSymbol unnamed) =>
        unnamed.UnnamedDelegatesIn()
            .SelectMany(static u => u.DelegateInvokeMethod!.Parameters.Select(static p => p.Type).Prepend(u.DelegateInvokeMethod.ReturnType))
            .FirstOrDefault(static t => t.HoldsAnonymousObject());

    /// <summary>The delegate types the compiler made for lambdas that <paramref name="type"/> holds, the outer first, and those their signatures hold after each.</summary>
    public static IEnumerable<INamedTypeSymbol> UnnamedDelegatesIn(this ITypeSymbol type)
    {
        switch (type)
        {
            case INamedTypeSymbol named when named.IsUnnamedDelegate():
                yield return named;
                var invoke = named.DelegateInvokeMethod!;
                foreach (var part in invoke.Parameters.Select(static p => p.Type).Prepend(invoke.ReturnType).SelectMany(static t => t.UnnamedDelegatesIn()))
                {
                    yield return part;
                }
                break;
            case IArrayTypeSymbol array:
                foreach (var element in array.ElementType.UnnamedDelegatesIn())
                {
                    yield return element;
                }
                break;
            case INamedTypeSymbol { IsAnonymousType: true } anonymous:
                foreach (var member in anonymous.GetMembers().OfType<IPropertySymbol>().SelectMany(static p => p.Type.UnnamedDelegatesIn()))
                {
                    yield return member;
                }
                break;
            case INamedTypeSymbol named:
                foreach (var part in (named.ContainingType is { } outer ? new ITypeSymbol[] { outer } : []).Concat(named.TypeArguments).SelectMany(static t => t.UnnamedDelegatesIn()))
                {
                    yield return part;
                }
                break;
        }
    }

    /// <summary>Whether generated code can spell the type: no anonymous type in it, and no delegate type the compiler made for a lambda (<c>(ref int a) =&gt; ...</c>).</summary>
    public static bool CanBeNamed(this ITypeSymbol type) => type switch
    {
        { IsAnonymousType: true } => false,
        IArrayTypeSymbol array => array.ElementType.CanBeNamed(),
        INamedTypeSymbol named => !named.IsImplicitlyDeclared && named.TypeArguments.All(static t => t.CanBeNamed()) && named.ContainingType?.CanBeNamed() != false,
        _ => true,
    };
}
