using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Coroutines.Generator.Diagnostics;
using Coroutines.Generator.Model;
using Coroutines.Generator.Names;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Binding;

/// <summary>
/// A <c>[Coroutine]</c> local function (C#'s <c>async</c> local function): its state machine and
/// factory are members of the containing type, as for a method, named after the function
/// (<c>InnerStateMachine</c>, <c>InnerCoroutine</c>); a call from the enclosing coroutine (or from
/// itself) is a call of another coroutine. Checked here: what the containing type's members cannot
/// stand for (COR0016, with what to write instead) and names it would share (COR0020).
/// </summary>
internal static class LocalFunctionCoroutines
{
    /// <summary>
    /// Reports why <paramref name="function"/> cannot be a coroutine; true when it can, with
    /// <paramref name="capture"/> set when it captures variables (or <c>this</c>) of the coroutine around it.
    /// </summary>
    public static bool Check(CoroutineSyntax syntax, IMethodSymbol function, SemanticModel model, List<DiagnosticInfo> diagnostics, out LocalFunctionCapture? capture, CancellationToken ct)
    {
        capture = null;
        var name = function.Name;
        var shown = $"the local function '{name}'";
        var type = function.ContainingType;
        if (WhyNotCopied(syntax.Node, model, ct) is { } notCopied)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedTarget, syntax.Identifier, $"{shown}, {notCopied.What}", notCopied.Fix));
            return false;
        }
        var captured = Captured(syntax.Node, model, ct);
        if (captured.Count > 0)
        {
            if (WhyNotShared(function, captured) is { } why)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedTarget, syntax.Identifier, $"{shown}, {why.What}", why.Fix));
                return false;
            }
            var enclosingMethod = (IMethodSymbol)function.ContainingSymbol;
            var enclosingSyntax = CoroutineSyntax.Of(enclosingMethod.DeclaringSyntaxReferences[0].GetSyntax(ct))!;
            capture = new LocalFunctionCapture(
                enclosingMethod,
                enclosingSyntax,
                captured.Where(static c => c.Symbol is ILocalSymbol or IParameterSymbol).Select(static c => c.Symbol!).ToList(),
                captured.Any(static c => c.Symbol is null));
        }
        if (SharesName(function, capture, ct))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameTaken, syntax.Identifier, name, name,
                $"its state machine '{GeneratedNames.StateMachine(function, false, SymbolText.IdentifierPart)}' and factory '{GeneratedNames.Factory(name)}' are members of '{type.Name}', as are those of another coroutine of that name"));
            return false;
        }
        return true;
    }

    /// <summary>
    /// Why the captured variables cannot be shared with the local function's state machine: only
    /// those of a <c>[Coroutine]</c> method around it can (its state machine holds them in fields, and
    /// the local function's state machine, a class nested in it, reads them there); null when they can.
    /// </summary>
    private static (string What, string Fix)? WhyNotShared(IMethodSymbol function, List<(string Name, ISymbol? Symbol)> captured)
    {
        var name = function.Name;
        var names = string.Join(", ", captured.Select(static c => $"'{c.Name}'"));
        var enclosing = function.ContainingSymbol as IMethodSymbol;
        if (IsTopLevel(enclosing))
        {
            return ($"which captures {names} of the top-level statements (they are not a coroutine: only a coroutine's state machine can share its variables with the local function's)",
                $"make '{name}' static and pass {names} as parameters");
        }
        if (enclosing is { MethodKind: MethodKind.Ordinary } && !IsCoroutine(enclosing))
        {
            return ($"which captures {names} of the method '{enclosing.Name}', which is not a coroutine (a source generator only adds code: it cannot change '{enclosing.Name}', whose locals and parameters stay ordinary ones that no state machine holds, so the local function's cannot share them)",
                $"make '{name}' static and pass {names} as parameters, or mark '{enclosing.Name}' [Coroutine]");
        }
        if (enclosing is { MethodKind: MethodKind.LocalFunction } outer && IsCoroutine(outer))
        {
            // This one's state machine nests in the outer one's, itself nested in the method's when it shares that one's variables;
            // what it adds to the user's class (base accessors, snapshot registration) is written as many levels out.
            return null;
        }
        if (enclosing is not { MethodKind: MethodKind.Ordinary })
        {
            return WhyNotSharedInside(function, enclosing, names);
        }
        if (captured.Any(static c => c.Symbol is null) && function.ContainingType.IsValueType)
        {
            return ($"which captures 'this' of the struct '{function.ContainingType.Name}' (C# refuses that too, CS1673: a local function of a struct cannot use its instance members)",
                $"copy what '{name}' needs into locals of '{enclosing.Name}' and use those, or make '{name}' static and pass them as parameters");
        }
        foreach (var (other, symbol) in captured)
        {
            if (symbol is IMethodSymbol helper &&
                !(helper.GetAttributes().Any(static a => CoroutineBinder.IsCoroutineAttribute(a.AttributeClass)) && SymbolEqualityComparer.Default.Equals(helper.ContainingSymbol, enclosing)))
            {
                return ($"which calls the [Coroutine] local function '{other}' of another method, whose state machine shares that method's variables",
                    $"make '{other}' static and pass what it uses as parameters");
            }
        }
        return null;
    }

    /// <summary>
    /// Why one that captures cannot be a coroutine inside a lambda or a local function that is not
    /// one (a limit of a source generator, not of the state machines: the lambda's body in the state
    /// machine could keep its variables in an environment shared with the local function's). Code
    /// that is not a coroutine runs a call of the function as plain code, and could make its
    /// coroutine only through its factory; that factory would have to be a member of the user's
    /// type, called by the lambda's code as written, which is what runs when the method is called
    /// directly, and there no member can reach the lambda's variables (ordinary locals of C#'s own
    /// closure). A <c>[Coroutine]</c> local function in place of the lambda can share them (its
    /// state machine holds them, and a call of the function there is a coroutine's call).
    /// </summary>
    private static (string What, string Fix) WhyNotSharedInside(IMethodSymbol function, IMethodSymbol? enclosing, string names)
    {
        var name = function.Name;
        var (container, same, fix) = enclosing switch
        {
            { MethodKind: MethodKind.LocalFunction } local => ($"the local function '{local.Name}'", $"'{local.Name}'", $"mark '{local.Name}' [Coroutine]"),
            { MethodKind: MethodKind.AnonymousFunction } when enclosing.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is AnonymousMethodExpressionSyntax
                => ("an anonymous method", "the anonymous method", "write the anonymous method as a [Coroutine] local function"),
            _ => ("a lambda", "the lambda", "write the lambda as a [Coroutine] local function"),
        };
        var outermost = OutermostMethod(function);
        var runs = IsTopLevel(outermost) ? "what the top-level statements run" : $"also what runs when '{outermost.Name}' is called directly";
        return ($"which captures {names} inside {container}, which is not a coroutine (a limit of a source generator: there a call of '{name}' runs it as plain code, " +
                $"and only its factory could make its coroutine, as a member of '{function.ContainingType.Name}' that the code of {same} as written would call, " +
                $"and that code is {runs}, where no member can reach those variables)",
            $"make '{name}' static and pass {names} as parameters, or {fix}, which may share its variables with '{name}'");
    }

    /// <summary>
    /// What <paramref name="function"/> captures from the methods around it, in the order first
    /// used: their locals and parameters, <c>this</c> (also implicit, through an instance member;
    /// no symbol), <c>base</c>, and <c>[Coroutine]</c> local functions that are not static (which
    /// may capture in turn); also what the local functions it uses that are not coroutines capture
    /// (it declares copies of them, <see cref="UsedLocalFunctions"/>).
    /// </summary>
    public static List<(string Name, ISymbol? Symbol)> Captured(SyntaxNode function, SemanticModel model, CancellationToken ct)
    {
        var captured = new List<(string Name, ISymbol? Symbol)>();
        foreach (var scanned in new[] { function }.Concat(UsedLocalFunctions(function, model, ct)))
        {
            CapturedIn(scanned, captured, model, ct);
        }
        return captured;
    }

    private static void CapturedIn(SyntaxNode function, List<(string Name, ISymbol? Symbol)> captured, SemanticModel model, CancellationToken ct)
    {
        void Add(string what, ISymbol? symbol)
        {
            if (!captured.Any(c => c.Name == what))
            {
                captured.Add((what, symbol));
            }
        }
        foreach (var node in function.DescendantNodes())
        {
            switch (node)
            {
                case ThisExpressionSyntax:
                    Add("this", null);
                    break;
                case BaseExpressionSyntax:
                    Add("base", null);
                    break;
                case SimpleNameSyntax simple when !IsMemberName(simple):
                    var symbol = model.GetSymbolInfo(simple, ct).Symbol;
                    switch (symbol)
                    {
                        case ILocalSymbol or IParameterSymbol when !DeclaredIn(function, symbol):
                            Add(symbol.Name, symbol.OriginalDefinition);
                            break;
                        case IMethodSymbol { MethodKind: MethodKind.LocalFunction, IsStatic: false } local when !DeclaredIn(function, symbol) && IsCoroutine(local):
                            Add(symbol.Name, symbol.OriginalDefinition);
                            break;
                        case IFieldSymbol or IPropertySymbol or IEventSymbol or IMethodSymbol { MethodKind: MethodKind.Ordinary } when !symbol.IsStatic:
                            Add("this", null);
                            break;
                    }
                    break;
            }
        }
    }

    /// <summary>
    /// The local functions of the methods around <paramref name="function"/> that are not
    /// coroutines and that it uses, directly or through one another, in the order first used. Its
    /// state machine is a class of its own, where their declarations (in the enclosing state
    /// machine's <c>Step()</c>) are out of reach, so it declares copies of them: a local function
    /// holds no state, and a copy reads and writes what it captures where the original does
    /// (<c>enclosing.count</c>), so both mean the same, as C# calls one method with one closure.
    /// </summary>
    public static List<LocalFunctionStatementSyntax> UsedLocalFunctions(SyntaxNode function, SemanticModel model, CancellationToken ct)
    {
        var used = new List<LocalFunctionStatementSyntax>();
        for (var i = -1; i < used.Count; i++)
        {
            var scanned = i < 0 ? function : used[i];
            foreach (var name in scanned.DescendantNodes().OfType<SimpleNameSyntax>())
            {
                if (!IsMemberName(name) &&
                    model.GetSymbolInfo(name, ct).Symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction } local &&
                    !IsCoroutine(local) && !DeclaredIn(function, local) && !DeclaredIn(scanned, local) &&
                    local.OriginalDefinition.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(ct) is LocalFunctionStatementSyntax declaration &&
                    !used.Contains(declaration))
                {
                    used.Add(declaration);
                }
            }
        }
        return used;
    }

    /// <summary>
    /// Why a local function that <paramref name="function"/> uses (and would copy) cannot be copied:
    /// it uses a <c>[Coroutine]</c> local function of the method as plain code (as a delegate; a
    /// call there is COR0006), through a declaration only the method's state machine keeps; null when all can be.
    /// </summary>
    private static (string What, string Fix)? WhyNotCopied(SyntaxNode function, SemanticModel model, CancellationToken ct)
    {
        foreach (var used in UsedLocalFunctions(function, model, ct))
        {
            foreach (var name in used.DescendantNodes().OfType<SimpleNameSyntax>())
            {
                if (!IsMemberName(name) &&
                    model.GetSymbolInfo(name, ct).Symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction } local &&
                    IsCoroutine(local) && !DeclaredIn(used, local))
                {
                    var helper = used.Identifier.ValueText;
                    return ($"which uses the local function '{helper}', which uses the [Coroutine] local function '{local.Name}' as plain code (through its declaration, which only the method's state machine keeps, out of reach of a copy of '{helper}')",
                        $"use '{local.Name}' in '{function switch { LocalFunctionStatementSyntax f => f.Identifier.ValueText, _ => "it" }}' itself rather than in '{helper}'");
                }
            }
        }
        return null;
    }

    /// <summary>
    /// Whether a state machine leaves out <paramref name="function"/>'s declaration: a
    /// <c>[Coroutine]</c> only called (<see cref="OnlyCalledAsCoroutine"/>), or a local function used
    /// only by such coroutines (and by local functions left out in turn), each of which declares a
    /// copy of its own (<see cref="UsedLocalFunctions"/>): the one kept would be unused (CS8321).
    /// </summary>
    public static bool LeftOut(LocalFunctionStatementSyntax function, SemanticModel model, GeneratedFactoryTypes factories) =>
        OnlyCalledAsCoroutine(function, model, factories) || OnlyUsedByCoroutines(function, model, factories, new HashSet<SyntaxNode>());

    private static bool OnlyUsedByCoroutines(LocalFunctionStatementSyntax function, SemanticModel model, GeneratedFactoryTypes factories, HashSet<SyntaxNode> seen)
    {
        if (!seen.Add(function) || model.GetDeclaredSymbol(function) is not IMethodSymbol symbol || IsCoroutine(symbol) ||
            CoroutineSyntax.Around(function.Parent!) is not { } enclosing)
        {
            return false;
        }
        var name = function.Identifier.ValueText;
        var references = 0;
        foreach (var reference in enclosing.Node.DescendantNodes(n => n != function).OfType<SimpleNameSyntax>())
        {
            if (reference.Identifier.ValueText != name || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(reference).Symbol?.OriginalDefinition, symbol))
            {
                continue;
            }
            references++;
            var user = reference.Ancestors().TakeWhile(a => a != enclosing.Node).OfType<LocalFunctionStatementSyntax>().LastOrDefault();
            var leftOut = user is not null && (model.GetDeclaredSymbol(user) is IMethodSymbol userSymbol && IsCoroutine(userSymbol)
                ? OnlyCalledAsCoroutine(user, model, factories)
                : OnlyUsedByCoroutines(user, model, factories, seen));
            if (!leftOut)
            {
                return false;
            }
        }
        return references > 0;
    }

    private static bool IsCoroutine(IMethodSymbol method) =>
        method.GetAttributes().Any(static a => CoroutineBinder.IsCoroutineAttribute(a.AttributeClass));

    /// <summary>
    /// Whether the enclosing coroutine's state machine leaves out <paramref name="function"/>'s
    /// declaration: it is a <c>[Coroutine]</c> that the body only calls (each call becomes a call
    /// of its factory), so the copy would be unused (CS8321). One used as a delegate or in
    /// <c>nameof</c> is kept.
    /// </summary>
    public static bool OnlyCalledAsCoroutine(LocalFunctionStatementSyntax function, SemanticModel model, GeneratedFactoryTypes factories)
    {
        if (function.AttributeLists.Count == 0 || model.GetDeclaredSymbol(function) is not IMethodSymbol symbol || !factories.IsCoroutine(symbol) ||
            CoroutineSyntax.Around(function.Parent!) is not { } enclosing)
        {
            return false;
        }
        var name = function.Identifier.ValueText;
        foreach (var reference in enclosing.Node.DescendantNodes(n => n != function).OfType<SimpleNameSyntax>())
        {
            if (reference.Identifier.ValueText == name &&
                !(reference.Parent is InvocationExpressionSyntax call && call.Expression == reference) &&
                SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(reference).Symbol?.OriginalDefinition, symbol))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// The type parameters of the methods around <paramref name="function"/>, outermost first: a
    /// local function of a generic method uses them, so its state machine and factory, members of
    /// the containing type, are generic over them before its own (a call passes them explicitly,
    /// as the method's type parameters are in scope in each state machine generic over them).
    /// </summary>
    public static List<ITypeParameterSymbol> OuterTypeParameters(IMethodSymbol function)
    {
        var outer = new List<ITypeParameterSymbol>();
        for (var enclosing = function.OriginalDefinition.ContainingSymbol; enclosing is IMethodSymbol method; enclosing = method.ContainingSymbol)
        {
            outer.InsertRange(0, method.TypeParameters);
        }
        return outer;
    }

    /// <summary>Whether <paramref name="method"/> is the entry point the compiler makes of top-level statements (<c>Program.&lt;Main&gt;$</c>).</summary>
    public static bool IsTopLevel(IMethodSymbol? method) =>
        method is { Name: WellKnownMemberNames.TopLevelStatementsEntryPointMethodName, ContainingSymbol: INamedTypeSymbol { Name: WellKnownMemberNames.TopLevelStatementsEntryPointTypeName } };

    private static bool DeclaredIn(SyntaxNode function, ISymbol symbol) =>
        symbol.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == function.SyntaxTree && function.Span.Contains(r.Span));

    /// <summary>A name after a dot, or a member named in an initializer or an argument: no receiver of its own.</summary>
    public static bool IsMemberName(SimpleNameSyntax node) => node.Parent switch
    {
        MemberAccessExpressionSyntax access => access.Name == node,
        MemberBindingExpressionSyntax => true,
        QualifiedNameSyntax qualified => qualified.Right == node,
        AliasQualifiedNameSyntax => true,
        NameColonSyntax => true,
        NameEqualsSyntax => true,
        AssignmentExpressionSyntax assignment => assignment.Left == node && assignment.Parent is InitializerExpressionSyntax,
        _ => false,
    };

    private static IMethodSymbol OutermostMethod(IMethodSymbol function)
    {
        var method = function;
        while (method.ContainingSymbol is IMethodSymbol outer)
        {
            method = outer;
        }
        return method;
    }

    /// <summary>
    /// Another coroutine of the containing type would get the same generated names: a
    /// <c>[Coroutine]</c> method of that name, or another <c>[Coroutine]</c> local function of that
    /// name (found by its syntax: the attribute's name, as the compiler has not bound other files here).
    /// </summary>
    private static bool SharesName(IMethodSymbol function, LocalFunctionCapture? capture, CancellationToken ct)
    {
        if (capture is not null)
        {
            return false; // its state machine is a class of the one around it, which declares no other of that name
        }
        var type = function.ContainingType;
        if (type.GetMembers(function.Name).Any(static m => m.GetAttributes().Any(static a => CoroutineBinder.IsCoroutineAttribute(a.AttributeClass))))
        {
            return true;
        }
        var named = 0;
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            foreach (var local in reference.GetSyntax(ct).DescendantNodes().OfType<LocalFunctionStatementSyntax>())
            {
                if (local.Identifier.ValueText == function.Name && local.AttributeLists.SelectMany(static l => l.Attributes).Any(static a => IsCoroutineName(a.Name)))
                {
                    named++;
                }
            }
        }
        return named > 1;
    }

    private static bool IsCoroutineName(NameSyntax name) =>
        name.ToString().Split('.', ':').Last() is "Coroutine" or "CoroutineAttribute";
}

/// <summary>
/// What a <c>[Coroutine]</c> local function captures from the <c>[Coroutine]</c> method around it
/// (<see cref="Enclosing"/>): the state machine of that method keeps them in fields, and the local
/// function's state machine, a class nested in it, reads and writes them there (as C# shares a
/// display class between a method and its local functions).
/// </summary>
internal sealed record LocalFunctionCapture(IMethodSymbol Enclosing, CoroutineSyntax EnclosingSyntax, List<ISymbol> Variables, bool CapturesThis);
