using System;
using System.Collections.Generic;
using System.Collections.Immutable;
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
/// The parse step: reads one [Coroutine] method with its semantic model and produces a
/// value-equatable <see cref="CoroutineModel"/> (or diagnostics). Nothing after this step sees
/// a symbol or a syntax node.
/// </summary>
internal static class CoroutineBinder
{
    public const string CoroutineAttribute = "Coroutines.CoroutineAttribute";

    /// <summary>Binds the method <paramref name="context"/> targets; see <see cref="Bind(SyntaxNode, ISymbol, SemanticModel, CancellationToken)"/>.</summary>
    public static BoundCoroutine Bind(GeneratorAttributeSyntaxContext context, CancellationToken ct) =>
        Bind(context.TargetNode, context.TargetSymbol, WithoutNullableAnalysis(context.SemanticModel), ct);

    /// <summary>
    /// A model of the same tree that binds without C#'s nullable analysis (issue 16): that analysis is
    /// about 0.4 of a body's binding, and with it the first query binds the whole body, where without it
    /// a query binds only the statement around its node. The generator needs no flow state: the <c>?</c>
    /// of the fields it declares comes from the declarations (<see cref="DeclaredNullability"/>).
    /// </summary>
    private static SemanticModel WithoutNullableAnalysis(SemanticModel model) =>
#pragma warning disable RSEXPERIMENTAL001 // SemanticModelOptions is experimental in Roslyn 4.14; the generator cannot take a newer Roslyn (CS9057), and the option is only an optimization
        model.Compilation.GetSemanticModel(model.SyntaxTree, SemanticModelOptions.DisableNullableAnalysis);
#pragma warning restore RSEXPERIMENTAL001

    /// <summary>
    /// Binds one [Coroutine] method: its suspension sites, the suspending calls they make, the
    /// locals that live across a suspension, and every COR check. The result is not cached by
    /// the pipeline (it holds syntax and symbols): lowering turns it into the model.
    /// </summary>
    public static BoundCoroutine Bind(SyntaxNode target, ISymbol symbol, SemanticModel semanticModel, CancellationToken ct)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var bound = BindMethod(target, symbol, semanticModel, diagnostics, ct);
        return bound ?? new BoundCoroutine(KeyOf(symbol), null, null, semanticModel, null, null, null, diagnostics);
    }

    private static BoundCoroutine? BindMethod(SyntaxNode target, ISymbol symbol, SemanticModel semanticModel, List<DiagnosticInfo> diagnostics, CancellationToken ct)
    {
        if (CoroutineSyntax.Of(target) is not { } syntax || symbol is not IMethodSymbol method)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedTarget, target, "this declaration", "put it on a method or a local function"));
            return null;
        }
        var name = SymbolText.MethodName(method);
        if (!syntax.IsLocalFunction && IsDuplicate(method))
        {
            return null; // the compiler reports the duplicate (CS0111); two outputs would collide
        }
        LocalFunctionCapture? capture = null;
        // The one walk over the body's syntax: what it contains, for the checks and passes below.
        var shape = ((SyntaxNode?)syntax.Body ?? syntax.ExpressionBody) is { } written ? BodySyntax.Of(written) : null;
        if (!CheckMethod(syntax, method, shape, diagnostics) ||
            (syntax.IsLocalFunction && !LocalFunctionCoroutines.Check(syntax, method, semanticModel, diagnostics, out capture, ct)))
        {
            return null;
        }
        FileLocalTypeUses.Check(syntax, method, (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody, semanticModel, diagnostics, ct);

        if (IsAbstractInstanceMethod(method))
        {
            // An abstract coroutine has no body: only its abstract factory is generated, which each [Coroutine] override (or implementation) provides.
            return new BoundCoroutine(KeyOf(method), syntax, method, semanticModel, null, null, null, diagnostics) { Shape = shape };
        }
        SyntaxNode body = (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody!;
        shape ??= BodySyntax.Of(body);
        var factories = new GeneratedFactoryTypes(semanticModel, body, shape.NamesFactory);
        var suspensions = SuspensionFinder.Find(body, shape, method, semanticModel, factories, diagnostics, ct);
        foreach (var baseAccess in shape.HasBase ? body.DescendantNodes().OfType<BaseExpressionSyntax>() : Enumerable.Empty<BaseExpressionSyntax>())
        {
            if (UnreachableBase(baseAccess, semanticModel, ct) is { } what)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BaseAccess, baseAccess, baseAccess.Parent!.ToString(), name, what));
            }
        }
        foreach (var awaitToken in shape.HasAwait ? AwaitsOf(body) : Enumerable.Empty<SyntaxToken>())
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AwaitInCoroutine, awaitToken, name));
        }
        // Bind only identifiers that spell a primary-constructor parameter (usually there is none).
        var primaryParameters = method.ContainingType.InstanceConstructors
            .Where(static c => c.DeclaringSyntaxReferences.Any(static r => r.GetSyntax() is TypeDeclarationSyntax))
            .SelectMany(static c => c.Parameters)
            .Select(static p => p.Name)
            .ToImmutableHashSet();
        foreach (var identifier in primaryParameters.Count > 0 ? body.DescendantNodes().OfType<IdentifierNameSyntax>() : Enumerable.Empty<IdentifierNameSyntax>())
        {
            if (primaryParameters.Contains(identifier.Identifier.ValueText) &&
                semanticModel.GetSymbolInfo(identifier, ct).Symbol is IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } } primary)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PrimaryConstructorParameter, identifier, primary.Name, name));
            }
        }
        // An override or implementation of a coroutine must be one (COR0032) even when it does not suspend.
        if (!suspensions.Any && !diagnostics.Any(static d => d.IsError) && !OverrideChain.ProvidedCoroutines(method).Any())
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoSuspension, syntax.Identifier, name));
        }

        if (shape.HasFinally)
        {
            WarnAboutFilterOrder(body, suspensions, diagnostics);
        }
        CheckNames(syntax, method, body, shape, suspensions, semanticModel, diagnostics);
        var hoisting = CaptureWalker.Collect(semanticModel, factories, suspensions, body, shape.HasBase, diagnostics, shape.HasDesignation);
        if (shape.DeclaresMemberName)
        {
            CheckKeptLocalNames(name, body, hoisting, semanticModel, diagnostics);
        }
        SaveabilityCheck.Check(method, body, suspensions, hoisting, diagnostics, capture);
        if (syntax.Body is not null)
        {
            hoisting.Closures = ClosureScopes.Find(semanticModel, syntax.Body, shape, suspensions, hoisting, diagnostics);
        }
        return new BoundCoroutine(KeyOf(method), syntax, method, semanticModel, factories, suspensions, hoisting, diagnostics) { Capture = capture, Shape = shape };
    }

    /// <summary>
    /// COR0025: the <c>await</c> keywords of the method's own body (an <c>await</c> expression,
    /// <c>await foreach</c>, <c>await using</c>); those inside an async lambda or local function
    /// belong to that function and are fine.
    /// </summary>
    private static IEnumerable<SyntaxToken> AwaitsOf(SyntaxNode body) =>
        body.DescendantNodes(static n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax)
            .Select(static n => n switch
            {
                AwaitExpressionSyntax a => a.AwaitKeyword,
                CommonForEachStatementSyntax f => f.AwaitKeyword,
                UsingStatementSyntax u => u.AwaitKeyword,
                LocalDeclarationStatementSyntax l => l.AwaitKeyword,
                _ => default,
            })
            .Where(static t => t.IsKind(SyntaxKind.AwaitKeyword));

    /// <summary>
    /// COR0014: the <c>base</c> accesses the generated accessors cannot stand for (see
    /// Lowering/BaseAccessors): an event used other than to add or remove a handler or in <c>nameof</c>
    /// (a constant). Null for the rest (every use of a base indexer has an accessor, a variable that the
    /// right side of its compound assignment declares is hoisted, see CaptureWalker; a member that returns
    /// by reference is reached through one that returns the same reference), and for code that does not bind.
    /// </summary>
    private static string? UnreachableBase(BaseExpressionSyntax baseAccess, SemanticModel model, CancellationToken ct)
    {
        if (baseAccess.Parent is not MemberAccessExpressionSyntax access)
        {
            return null;
        }
        return model.GetSymbolInfo(access, ct).Symbol switch
        {
            IEventSymbol when access.Parent is AssignmentExpressionSyntax { Left: var left } eventAssignment && left == access &&
                              (eventAssignment.IsKind(SyntaxKind.AddAssignmentExpression) || eventAssignment.IsKind(SyntaxKind.SubtractAssignmentExpression)) => null,
            IEventSymbol when IsInNameof(access, model, ct) => null,
            IEventSymbol => "an event, other than to add or remove a handler",
            _ => null,
        };
    }

    /// <summary>Whether <paramref name="expression"/> is inside a <c>nameof(...)</c>, a constant the rewriter writes as its string.</summary>
    private static bool IsInNameof(ExpressionSyntax expression, SemanticModel model, CancellationToken ct) =>
        expression.Ancestors().OfType<InvocationExpressionSyntax>().Any(i =>
            i.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" } && model.GetConstantValue(i, ct) is { HasValue: true, Value: string });

    /// <summary>An abstract method of a class or interface that is not static: it gets an abstract factory and no state machine.</summary>
    public static bool IsAbstractInstanceMethod(IMethodSymbol method) => method.IsAbstract && !method.IsStatic;

    /// <summary>How models name a method, the same from its declaration and from a call to it.</summary>
    public static string KeyOf(ISymbol method) =>
        method is IMethodSymbol { MethodKind: MethodKind.LocalFunction, ContainingSymbol: { } enclosing }
            ? KeyOf(enclosing) + "+" + method.Name // a local function has no documentation comment id; its name is unique in its method
            : method.OriginalDefinition.GetDocumentationCommentId() ?? method.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    // Loops, not LINQ: asked of every coroutine, and nearly always of a name with one member.
    private static bool IsDuplicate(IMethodSymbol method)
    {
        var members = method.ContainingType.GetMembers(method.Name);
        if (members.Length < 2)
        {
            return false;
        }
        var same = 0;
        foreach (var member in members)
        {
            if (member is IMethodSymbol other && other.TypeParameters.Length == method.TypeParameters.Length && SameParameterTypes(other, method))
            {
                same++;
            }
        }
        return same > 1;
    }

    private static bool SameParameterTypes(IMethodSymbol a, IMethodSymbol b)
    {
        if (a.Parameters.Length != b.Parameters.Length)
        {
            return false;
        }
        for (var i = 0; i < a.Parameters.Length; i++)
        {
            if (!SymbolEqualityComparer.Default.Equals(a.Parameters[i].Type, b.Parameters[i].Type))
            {
                return false;
            }
        }
        return true;
    }

    private static bool CheckMethod(CoroutineSyntax syntax, IMethodSymbol method, BodySyntax? shape, List<DiagnosticInfo> diagnostics)
    {
        var count = diagnostics.Count;
        var name = SymbolText.MethodName(method);
        foreach (var type in syntax.Node.Ancestors().OfType<TypeDeclarationSyntax>())
        {
            if (!type.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TypeNotPartial, type.Identifier, type.Identifier.Text, name));
            }
        }
        if (syntax.Node is MethodDeclarationSyntax { ExplicitInterfaceSpecifier: { } explicitInterface } && !OverrideChain.ImplementedCoroutines(method).Any())
        {
            // Callers reach it only through the interface's method, whose call runs the interface's factory: that method must be a coroutine.
            var shown = $"{explicitInterface.Name}.{syntax.Identifier.ValueText}";
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.UnsupportedTarget,
                syntax.Identifier,
                $"the explicit interface implementation '{shown}' of a method that is not a coroutine",
                $"a coroutine calling '{shown}' would not reach its state machine. Mark '{shown}' in the interface with [Coroutine] (the interface must be partial). Or move the body into a coroutine method of '{method.ContainingType.Name}' and implement '{shown}' by calling that method"));
        }
        var asyncKeyword = syntax.Modifiers.FirstOrDefault(static m => m.IsKind(SyntaxKind.AsyncKeyword));
        if (asyncKeyword.IsKind(SyntaxKind.AsyncKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AsyncMethod, asyncKeyword, name));
        }
        if (syntax.Body is null && syntax.ExpressionBody is null && !IsAbstractInstanceMethod(method))
        {
            var reason = method.IsAbstract ? "it is a static abstract interface member, which has no factory to implement; put [Coroutine] on each implementation" : method.IsExtern ? "it is extern" : method.IsPartialDefinition ? "it is a partial declaration; put [Coroutine] on the implementing part" : "it has no body";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoBody, syntax.Identifier, name, reason));
        }
        foreach (var parameter in method.Parameters.Where(static p => p.RefKind != RefKind.None))
        {
            var location = parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() ?? syntax.Node;
            var kind = parameter.RefKind switch
            {
                RefKind.Out => "out",
                RefKind.In => "in",
                RefKind.Ref => "ref",
                _ => "ref readonly",
            };
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RefParameter, location, parameter.Name, name, kind));
        }
        // A struct's coroutine works on a copy of `this`, as a C# async method does; a ref struct cannot be copied into a field.
        if (!method.IsStatic && method.ContainingType.IsRefLikeType)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StructInstanceMethod, syntax.Identifier, name, method.ContainingType.Name));
        }
        if (shape?.FirstYield is { } yield)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.IteratorMethod, yield.YieldKeyword, name));
        }
        return diagnostics.Count == count;
    }

    /// <summary>
    /// COR0020: the generated class and factory, and the labels and members Step() uses, must not
    /// collide with what the user already declared there.
    /// </summary>
    private static void CheckNames(CoroutineSyntax syntax, IMethodSymbol method, SyntaxNode body, BodySyntax shape, SuspensionFinder suspensions, SemanticModel model, List<DiagnosticInfo> diagnostics)
    {
        var name = method.Name;
        var facts = CompilationFacts.Of(model.Compilation);
        foreach (var (taken, isFactory) in new[] { (StateMachineName(method), false), (GeneratedNames.Factory(name), true) })
        {
            var clash = false;
            for (var type = method.ContainingType; type is not null && !clash; type = type.ContainingType)
            {
                clash = type.Name == taken || type.TypeParameters.Any(p => p.Name == taken);
            }
            for (var type = method.ContainingType; type is not null && !clash; type = type.BaseType)
            {
                // A referenced assembly's generated factory or state machine (for a coroutine this one overrides or hides) is no clash: the new one overrides or hides it.
                clash = type.GetMembers(taken).Any(m => !(IsGenerated(m) && (isFactory ? m is IMethodSymbol : IsStateMachineClass(m))));
            }
            clash |= method.TypeParameters.Any(p => p.Name == taken);
            // A type of that name from outside (a namespace, a using) would be hidden in the containing type.
            clash |= facts.MayNameTypeOrNamespace(taken) && model.LookupNamespacesAndTypes(syntax.Node.SpanStart, name: taken).Any(static t => (t.DeclaringSyntaxReferences.IsEmpty || !IsGenerated(t)) && !(t.ContainingType is not null && IsStateMachineClass(t) && IsGenerated(t)));
            if (clash)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameTaken, syntax.Identifier, taken, name, "the generated " + (isFactory ? "factory" : "state-machine class")));
            }
        }
        // The state machine declares the method's type parameters and sees its containing types': one
        // named like a member it declares or inherits (state, SuspendAt, Step, DefaultName, ...) clashes.
        var members = facts.StateMachineMembers;
        var typeParameters = method.TypeParameters.AsEnumerable();
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            typeParameters = typeParameters.Concat(type.TypeParameters);
        }
        foreach (var typeParameter in typeParameters)
        {
            if (members.Contains(typeParameter.Name) || GeneratedNames.IsMember(typeParameter.Name))
            {
                var location = typeParameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is TypeParameterSyntax declared && declared.SyntaxTree == syntax.SyntaxTree
                    ? declared.Identifier
                    : syntax.Identifier;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameTaken, location, typeParameter.Name, name, "a member of the generated state-machine class"));
            }
        }
        foreach (var label in shape.HasLabel ? body.DescendantNodes().OfType<LabeledStatementSyntax>() : Enumerable.Empty<LabeledStatementSyntax>())
        {
            if (GeneratedNames.IsLabel(label.Identifier.ValueText))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameTaken, label.Identifier, label.Identifier.ValueText, name, "a label of the generated Step()"));
            }
        }
        // Declarations kept in Step()'s own scope: a local function or constant of a flattened block.
        foreach (var statement in shape.DeclaresFunctionOrConstant ? body.DescendantNodes(static n => !SuspensionFinder.IsFunction(n)).OfType<StatementSyntax>() : Enumerable.Empty<StatementSyntax>())
        {
            if (statement.Parent is not (BlockSyntax or SwitchSectionSyntax) || !suspensions.Flattened.Contains(statement.Parent is SwitchSectionSyntax section ? section.Parent! : statement.Parent))
            {
                continue;
            }
            var declared = statement switch
            {
                LocalFunctionStatementSyntax function => new[] { function.Identifier },
                LocalDeclarationStatementSyntax { IsConst: true } constant => constant.Declaration.Variables.Select(static v => v.Identifier).ToArray(),
                _ => System.Array.Empty<SyntaxToken>(),
            };
            foreach (var identifier in declared.Where(static i => GeneratedNames.IsMember(i.ValueText)))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameTaken, identifier, identifier.ValueText, name, "a member the generated Step() uses"));
            }
        }
    }

    /// <summary>
    /// COR0020: a local that stays a local in Step() (declared in code kept as written) hides, in
    /// its scope, the members the generated statements there call: <c>return x;</c> becomes
    /// <c>return Complete(x);</c>. Hoisted locals become fields under a free name; <c>@this</c>
    /// renames the instance field instead.
    /// </summary>
    private static void CheckKeptLocalNames(string name, SyntaxNode body, CaptureWalker hoisting, SemanticModel model, List<DiagnosticInfo> diagnostics)
    {
        var hoisted = new HashSet<ISymbol>(hoisting.Locals.Select(static l => (ISymbol)l.Local), SymbolEqualityComparer.Default);
        foreach (var node in body.DescendantNodes(static n => !SuspensionFinder.IsFunction(n)))
        {
            var identifier = node switch
            {
                VariableDeclaratorSyntax v => v.Identifier,
                SingleVariableDesignationSyntax d => d.Identifier,
                ForEachStatementSyntax f => f.Identifier,
                CatchDeclarationSyntax c => c.Identifier,
                _ => default,
            };
            if (identifier.ValueText is not { Length: > 0 } text || text == "this" || !GeneratedNames.IsMember(text) ||
                model.GetDeclaredSymbol(node) is not ILocalSymbol local || hoisted.Contains(local))
            {
                continue;
            }
            var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.NameTaken, identifier, text, name, "a member the generated Step() uses");
            if (!diagnostics.Contains(diagnostic))
            {
                diagnostics.Add(diagnostic);
            }
        }
    }

    // A factory or class of the same name that the generator itself made, seen in a later compilation.
    private static bool IsGenerated(ISymbol symbol) =>
        symbol.DeclaringSyntaxReferences.All(static r => GeneratedNames.IsGeneratedFile(r.SyntaxTree.FilePath));

    // A class deriving from Coroutine or Coroutine<T>, as every generated state machine does.
    private static bool IsStateMachineClass(ISymbol symbol) =>
        symbol is INamedTypeSymbol { BaseType: { Name: "Coroutine", ContainingNamespace: { Name: "Coroutines", ContainingNamespace.IsGlobalNamespace: true } } };

    /// <summary>
    /// COR0019: C# runs the filters of enclosing catches before inner finally blocks (two-pass
    /// exception handling). A finally that suspends runs only after its exception was caught, so
    /// such a filter would run after it: the one ordering the state machine cannot keep.
    /// </summary>
    private static void WarnAboutFilterOrder(SyntaxNode body, SuspensionFinder suspensions, List<DiagnosticInfo> diagnostics)
    {
        foreach (var tryStatement in body.DescendantNodes(static n => !SuspensionFinder.IsFunction(n)).OfType<TryStatementSyntax>())
        {
            if (tryStatement.Finally is null || !suspensions.Flattened.Contains(tryStatement.Finally.Block))
            {
                continue;
            }
            var filtered = tryStatement.Ancestors()
                .TakeWhile(a => a != body)
                .OfType<TryStatementSyntax>()
                .Any(outer => outer.Block.Span.Contains(tryStatement.Span) && outer.Catches.Any(static c => c.Filter is not null));
            if (filtered)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FilterAfterSuspendingFinally, tryStatement.Finally.FinallyKeyword));
            }
        }
    }

    /// <summary>Whether <paramref name="attribute"/> is <c>[Coroutine]</c> (its name is compared first: spelling every attribute's full name is not free).</summary>
    public static bool IsCoroutineAttribute(INamedTypeSymbol? attribute) =>
        attribute is { Name: "CoroutineAttribute" } &&
        (attribute is { TypeKind: not TypeKind.Error, Arity: 0, ContainingType: null, ContainingNamespace: { Name: "Coroutines", ContainingNamespace.IsGlobalNamespace: true } } ||
         attribute.ToDisplayString() == CoroutineAttribute);

    /// <summary>The generated class's name (see <see cref="GeneratedNames.StateMachine"/>).</summary>
    public static string StateMachineName(IMethodSymbol method)
    {
        var members = method.ContainingType.GetMembers(method.Name);
        // One member of that name (the usual case) is no overload: its attributes are not read.
        var overloaded = members.Length > 1 && members
            .OfType<IMethodSymbol>()
            .Count(static m => m.GetAttributes().Any(static a => IsCoroutineAttribute(a.AttributeClass))) > 1;
        return GeneratedNames.StateMachine(method, overloaded, SymbolText.IdentifierPart);
    }
}
