using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Coroutines.Generator.Diagnostics;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Parsing;

/// <summary>
/// The parse step: reads one [Coroutine] method with its semantic model and produces a
/// value-equatable <see cref="CoroutineModel"/> (or diagnostics). Nothing after this step sees
/// a symbol or a syntax node.
/// </summary>
internal static class CoroutineParser
{
    public const string CoroutineAttribute = "Coroutines.CoroutineAttribute";

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken ct)
    {
        var diagnostics = new List<DiagnosticInfo>();
        CoroutineModel? model = null;
        try
        {
            model = ParseMethod(context, diagnostics, ct);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception)
        {
            // A generator must never throw (CS8785 drops all its output): report and skip this method.
            diagnostics.Add(Suspensions.Diagnostic(
                DiagnosticDescriptors.InternalError, context.TargetNode, context.TargetSymbol.Name, exception.GetType().Name + ": " + exception.Message));
            model = null;
        }
        if (diagnostics.Any(static d => d.IsError))
        {
            model = null;
        }
        return new ParseResult(KeyOf(context.TargetSymbol), model, diagnostics.ToEquatableArray());
    }

    private static CoroutineModel? ParseMethod(GeneratorAttributeSyntaxContext context, List<DiagnosticInfo> diagnostics, CancellationToken ct)
    {
        if (context.TargetNode is not MethodDeclarationSyntax syntax || context.TargetSymbol is not IMethodSymbol method)
        {
            diagnostics.Add(Suspensions.Diagnostic(DiagnosticDescriptors.UnsupportedTarget, context.TargetNode, "a local function"));
            return null;
        }
        var semanticModel = context.SemanticModel;
        var name = method.Name;
        if (IsDuplicate(method))
        {
            return null; // the compiler reports the duplicate (CS0111); two outputs would collide
        }
        if (!CheckMethod(syntax, method, diagnostics))
        {
            return null;
        }

        SyntaxNode body = (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody!;
        var factories = new GeneratedFactoryTypes(semanticModel, body);
        var suspensions = Suspensions.Find(body, method, semanticModel, factories, diagnostics, ct);
        foreach (var baseAccess in body.DescendantNodes().OfType<BaseExpressionSyntax>())
        {
            diagnostics.Add(Suspensions.Diagnostic(DiagnosticDescriptors.BaseAccess, baseAccess, name));
        }
        // Bind only identifiers that spell a primary-constructor parameter (usually there is none).
        var primaryParameters = method.ContainingType.InstanceConstructors
            .Where(static c => c.DeclaringSyntaxReferences.Any(static r => r.GetSyntax() is TypeDeclarationSyntax))
            .SelectMany(static c => c.Parameters)
            .Select(static p => p.Name)
            .ToImmutableHashSet();
        foreach (var identifier in body.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (primaryParameters.Contains(identifier.Identifier.ValueText) &&
                semanticModel.GetSymbolInfo(identifier, ct).Symbol is IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } } primary)
            {
                diagnostics.Add(Suspensions.Diagnostic(DiagnosticDescriptors.PrimaryConstructorParameter, identifier, primary.Name, name));
            }
        }
        if (suspensions.Statements.Count == 0 && suspensions.ExpressionBody is null && !diagnostics.Any(static d => d.IsError))
        {
            diagnostics.Add(Suspensions.Diagnostic(DiagnosticDescriptors.NoSuspension, syntax.Identifier, name));
        }

        WarnAboutFilterOrder(body, suspensions, diagnostics);
        CheckNames(syntax, method, body, suspensions, semanticModel, diagnostics);
        var hoisting = Hoisting.Collect(semanticModel, factories, suspensions, body, diagnostics);
        CheckKeptLocalNames(name, body, hoisting, semanticModel, diagnostics);
        if (syntax.Body is not null)
        {
            CheckCapturedLoopLocals(semanticModel, syntax.Body, suspensions, hoisting, diagnostics);
        }
        if (diagnostics.Any(static d => d.IsError))
        {
            return null;
        }

        var stateMachineName = StateMachineName(method);
        var scope = new RewriteScope(semanticModel, factories, method);
        var fields = AllocateFields(method, body, stateMachineName, hoisting, scope, semanticModel.Compilation);
        var builder = new BodyBuilder(scope, suspensions, fields, diagnostics);
        var statements = builder.BuildBody(syntax);
        if (diagnostics.Any(static d => d.IsError))
        {
            return null;
        }

        var parameters = method.Parameters.Select((p, i) => new ParameterModel(
            SymbolText.Identifier(p.Name),
            SymbolText.Type(p.Type),
            (i == 0 && method.IsExtensionMethod ? "this " : "") + (p.IsParams ? "params " : ""),
            syntax.ParameterList.Parameters[i].Default?.Value.ToString(),
            scope.Fields[p])).ToEquatableArray();

        var methodModel = new MethodModel(
            name,
            method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat),
            BodyBuilder.LineOf(syntax),
            SymbolText.Accessibility(method.DeclaredAccessibility),
            method.IsStatic,
            method.IsExtensionMethod,
            method.ReturnsVoid ? null : SymbolText.Type(method.ReturnType),
            SymbolText.Type(method.ContainingType),
            method.TypeParameters.Length == 0 ? "" : "<" + string.Join(", ", method.TypeParameters.Select(static t => SymbolText.Identifier(t.Name))) + ">",
            SymbolText.ConstraintClauses(method.TypeParameters).ToEquatableArray(),
            parameters,
            stateMachineName,
            name + "Coroutine",
            LocationInfo.From(syntax.Identifier))
        {
            Key = KeyOf(method),
            FactoryHidesInherited = InheritedCoroutines(method).Any(m => SameParameters(m, method)),
            StateMachineHidesInherited = InheritedCoroutines(method).Any(m => StateMachineName(m) == stateMachineName),
            InstanceField = scope.InstanceField,
        };

        return new CoroutineModel(
            HintName(method, stateMachineName),
            syntax.SyntaxTree.FilePath,
            Namespaces(syntax),
            FileUsings(syntax),
            ContainingTypes(syntax),
            methodModel,
            fields.ToEquatableArray(),
            statements)
        {
            Calls = builder.Calls.ToEquatableArray(),
        };
    }

    /// <summary>How models name a method, the same from its declaration and from a call to it.</summary>
    public static string KeyOf(ISymbol method) =>
        method.OriginalDefinition.GetDocumentationCommentId() ?? method.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    private static bool IsDuplicate(IMethodSymbol method) =>
        method.ContainingType.GetMembers(method.Name)
            .OfType<IMethodSymbol>()
            .Count(m => m.TypeParameters.Length == method.TypeParameters.Length &&
                        m.Parameters.Select(static p => p.Type).SequenceEqual(method.Parameters.Select(static p => p.Type), SymbolEqualityComparer.Default)) > 1;

    private static bool CheckMethod(MethodDeclarationSyntax syntax, IMethodSymbol method, List<DiagnosticInfo> diagnostics)
    {
        var count = diagnostics.Count;
        var name = method.Name;
        foreach (var type in syntax.Ancestors().OfType<TypeDeclarationSyntax>())
        {
            if (!type.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(Suspensions.Diagnostic(DiagnosticDescriptors.TypeNotPartial, type.Identifier, type.Identifier.Text, name));
            }
        }
        var asyncKeyword = syntax.Modifiers.FirstOrDefault(static m => m.IsKind(SyntaxKind.AsyncKeyword));
        if (asyncKeyword.IsKind(SyntaxKind.AsyncKeyword))
        {
            diagnostics.Add(Suspensions.Diagnostic(DiagnosticDescriptors.AsyncMethod, asyncKeyword, name));
        }
        if (syntax.Body is null && syntax.ExpressionBody is null)
        {
            var reason = method.IsAbstract ? "it is abstract" : method.IsExtern ? "it is extern" : method.IsPartialDefinition ? "it is a partial declaration; put [Coroutine] on the implementing part" : "it has no body";
            diagnostics.Add(Suspensions.Diagnostic(DiagnosticDescriptors.NoBody, syntax.Identifier, name, reason));
        }
        foreach (var parameter in method.Parameters.Where(static p => p.RefKind != RefKind.None))
        {
            var location = parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() ?? syntax;
            var kind = parameter.RefKind switch
            {
                RefKind.Out => "out",
                RefKind.In => "in",
                RefKind.Ref => "ref",
                _ => "ref readonly",
            };
            diagnostics.Add(Suspensions.Diagnostic(DiagnosticDescriptors.RefParameter, location, parameter.Name, name, kind));
        }
        if (!method.IsStatic && method.ContainingType.IsValueType)
        {
            diagnostics.Add(Suspensions.Diagnostic(DiagnosticDescriptors.StructInstanceMethod, syntax.Identifier, name, method.ContainingType.Name));
        }
        SyntaxNode? body = (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody;
        var yield = body?.DescendantNodes(static n => !Suspensions.IsFunction(n)).OfType<YieldStatementSyntax>().FirstOrDefault();
        if (yield is not null)
        {
            diagnostics.Add(Suspensions.Diagnostic(DiagnosticDescriptors.IteratorMethod, yield.YieldKeyword, name));
        }
        return diagnostics.Count == count;
    }

    /// <summary>
    /// COR0020: the generated class and factory, and the labels and members Step() uses, must not
    /// collide with what the user already declared there.
    /// </summary>
    private static void CheckNames(MethodDeclarationSyntax syntax, IMethodSymbol method, SyntaxNode body, Suspensions suspensions, SemanticModel model, List<DiagnosticInfo> diagnostics)
    {
        var name = method.Name;
        var generated = new[] { StateMachineName(method), name + "Coroutine" };
        foreach (var taken in generated)
        {
            var clash = false;
            for (var type = method.ContainingType; type is not null && !clash; type = type.ContainingType)
            {
                clash = type.Name == taken || type.TypeParameters.Any(p => p.Name == taken);
            }
            for (var type = method.ContainingType; type is not null && !clash; type = type.BaseType)
            {
                clash = type.GetMembers(taken).Any(m => !(m is IMethodSymbol && taken.EndsWith("Coroutine") && IsGenerated(m)));
            }
            clash |= method.TypeParameters.Any(p => p.Name == taken);
            // A type of that name from outside (a namespace, a using) would be hidden in the containing type.
            clash |= model.LookupNamespacesAndTypes(syntax.SpanStart, name: taken).Any(static t => t.DeclaringSyntaxReferences.IsEmpty || !IsGenerated(t));
            if (clash)
            {
                diagnostics.Add(Suspensions.Diagnostic(DiagnosticDescriptors.NameTaken, syntax.Identifier, taken, name, "the generated " + (taken.EndsWith("Coroutine") ? "factory" : "state-machine class")));
            }
        }
        // The state machine declares the method's type parameters and sees its containing types': one
        // named like a member it declares or inherits (state, SuspendAt, Step, DefaultName, ...) clashes.
        var members = StateMachineMemberNames(model.Compilation);
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
                diagnostics.Add(Suspensions.Diagnostic(DiagnosticDescriptors.NameTaken, location, typeParameter.Name, name, "a member of the generated state-machine class"));
            }
        }
        foreach (var label in body.DescendantNodes().OfType<LabeledStatementSyntax>())
        {
            if (GeneratedNames.IsLabel(label.Identifier.ValueText))
            {
                diagnostics.Add(Suspensions.Diagnostic(DiagnosticDescriptors.NameTaken, label.Identifier, label.Identifier.ValueText, name, "a label of the generated Step()"));
            }
        }
        // Declarations kept in Step()'s own scope: a local function or constant of a flattened block.
        foreach (var statement in body.DescendantNodes(static n => !Suspensions.IsFunction(n)).OfType<StatementSyntax>())
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
                diagnostics.Add(Suspensions.Diagnostic(DiagnosticDescriptors.NameTaken, identifier, identifier.ValueText, name, "a member the generated Step() uses"));
            }
        }
    }

    /// <summary>
    /// COR0020: a local that stays a local in Step() (declared in code kept as written) hides, in
    /// its scope, the members the generated statements there call: <c>return x;</c> becomes
    /// <c>return Complete(x);</c>. Hoisted locals become fields under a free name; <c>@this</c>
    /// renames the instance field instead.
    /// </summary>
    private static void CheckKeptLocalNames(string name, SyntaxNode body, Hoisting hoisting, SemanticModel model, List<DiagnosticInfo> diagnostics)
    {
        var hoisted = new HashSet<ISymbol>(hoisting.Locals.Select(static l => (ISymbol)l.Local), SymbolEqualityComparer.Default);
        foreach (var node in body.DescendantNodes(static n => !Suspensions.IsFunction(n)))
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
            var diagnostic = Suspensions.Diagnostic(DiagnosticDescriptors.NameTaken, identifier, text, name, "a member the generated Step() uses");
            if (!diagnostics.Contains(diagnostic))
            {
                diagnostics.Add(diagnostic);
            }
        }
    }

    // A factory or class of the same name that the generator itself made, seen in a later compilation.
    private static bool IsGenerated(ISymbol symbol) =>
        symbol.DeclaringSyntaxReferences.All(static r => r.SyntaxTree.FilePath.EndsWith(".g.cs"));

    /// <summary>
    /// COR0019: C# runs the filters of enclosing catches before inner finally blocks (two-pass
    /// exception handling). A finally that suspends runs only after its exception was caught, so
    /// such a filter would run after it: the one ordering the state machine cannot keep.
    /// </summary>
    private static void WarnAboutFilterOrder(SyntaxNode body, Suspensions suspensions, List<DiagnosticInfo> diagnostics)
    {
        foreach (var tryStatement in body.DescendantNodes(static n => !Suspensions.IsFunction(n)).OfType<TryStatementSyntax>())
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
                diagnostics.Add(Suspensions.Diagnostic(DiagnosticDescriptors.FilterAfterSuspendingFinally, tryStatement.Finally.FinallyKeyword));
            }
        }
    }

    /// <summary>COR0013: a closure capturing a loop-body local would share one field across iterations.</summary>
    private static void CheckCapturedLoopLocals(SemanticModel model, BlockSyntax body, Suspensions suspensions, Hoisting hoisting, List<DiagnosticInfo> diagnostics)
    {
        var flow = model.AnalyzeDataFlow(body);
        if (flow is null || !flow.Succeeded)
        {
            return;
        }
        foreach (var (local, declaration) in hoisting.Locals)
        {
            if (!flow.Captured.Contains(local, SymbolEqualityComparer.Default))
            {
                continue;
            }
            // A for-loop header variable is one variable for the whole loop in C# too; body locals are fresh per iteration.
            // So is a foreach iteration variable (C# 5 and later).
            var inLoopBody = declaration.AncestorsAndSelf()
                .TakeWhile(a => a != body)
                .Any(a => (a is StatementSyntax statement && statement.Parent is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax &&
                           suspensions.Flattened.Contains(statement.Parent)) ||
                          (a is CommonForEachStatementSyntax forEach && suspensions.Flattened.Contains(forEach) && !forEach.Statement.Span.Contains(declaration.Span)));
            if (inLoopBody)
            {
                diagnostics.Add(Suspensions.Diagnostic(DiagnosticDescriptors.CapturedLoopLocal, declaration, local.Name));
            }
        }
    }

    /// <summary>The members the state machine declares or inherits from Coroutine: fields and type parameters must not take these names.</summary>
    private static HashSet<string> StateMachineMemberNames(Compilation compilation)
    {
        var names = new HashSet<string> { "state", "returnValue", "SuspendAt" };
        foreach (var type in new[] { compilation.GetTypeByMetadataName("Coroutines.Coroutine`1"), compilation.GetTypeByMetadataName("Coroutines.Coroutine") })
        {
            for (var t = type; t is not null; t = t.BaseType)
            {
                foreach (var member in t.GetMembers())
                {
                    if (member.DeclaredAccessibility != Accessibility.Private && !member.IsImplicitlyDeclared)
                    {
                        names.Add(member.Name);
                    }
                }
            }
        }
        return names;
    }

    /// <summary>
    /// Names the fields: <c>@this</c> (renamed when the body declares an <c>@this</c>), then parameters and hoisted locals under their own names,
    /// renamed only when the name is taken (by the base class, the generated members, or a local
    /// of another type in a sibling scope). Same-named locals of one type share a field.
    /// </summary>
    private static List<FieldModel> AllocateFields(IMethodSymbol method, SyntaxNode body, string stateMachineName, Hoisting hoisting, RewriteScope scope, Compilation compilation)
    {
        var taken = StateMachineMemberNames(compilation);
        taken.Add("this");
        taken.Add(stateMachineName);
        foreach (var typeParameter in method.TypeParameters)
        {
            taken.Add(typeParameter.Name);
        }
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            foreach (var typeParameter in type.TypeParameters)
            {
                taken.Add(typeParameter.Name);
            }
        }

        var fields = new List<FieldModel>();
        if (!method.IsStatic)
        {
            // A local, lambda parameter or pattern variable named @this kept in Step() would hide a
            // field of that name from the code that reads the instance through it: rename the field.
            if (body.DescendantTokens().Any(static t => t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText == "this"))
            {
                scope.InstanceField = Unique("this", taken);
            }
            fields.Add(new FieldModel(scope.InstanceField, SymbolText.Type(method.ContainingType), "the instance the coroutine runs on", false));
        }
        foreach (var parameter in method.Parameters)
        {
            var fieldName = Unique(parameter.Name, taken);
            scope.Fields[parameter] = SymbolText.Identifier(fieldName);
            fields.Add(new FieldModel(SymbolText.Identifier(fieldName), SymbolText.Type(parameter.Type), $"parameter '{parameter.Name}'", false));
        }
        foreach (var (local, declaration) in hoisting.Locals)
        {
            // A name reused by a sibling scope gets its own field (x_2): a closure from the first
            // scope must not see the second variable.
            var fieldName = Unique(local.Name, taken);
            var type = hoisting.TypeOf(local);
            scope.Fields[local] = SymbolText.Identifier(fieldName);
            fields.Add(new FieldModel(
                SymbolText.Identifier(fieldName),
                SymbolText.Type(type),
                $"local '{local.Name}' (line {BodyBuilder.LineOf(declaration)})",
                !type.IsValueType));
        }
        foreach (var field in fields)
        {
            scope.MemberNames.Add(field.Name.TrimStart('@'));
        }
        foreach (var name in taken)
        {
            scope.MemberNames.Add(name);
        }
        return fields;
    }

    private static string Unique(string name, HashSet<string> taken)
    {
        var candidate = name;
        for (var i = 2; !taken.Add(candidate); i++)
        {
            candidate = $"{name}_{i}";
        }
        return candidate;
    }

    /// <summary>
    /// The [Coroutine] methods of the same name in base types whose generated members this
    /// method's would hide (CS0108 without <c>new</c>): visible from the derived type.
    /// </summary>
    private static IEnumerable<IMethodSymbol> InheritedCoroutines(IMethodSymbol method)
    {
        for (var type = method.ContainingType.BaseType; type is not null; type = type.BaseType)
        {
            foreach (var other in type.GetMembers(method.Name).OfType<IMethodSymbol>())
            {
                if (other.DeclaredAccessibility != Accessibility.Private &&
                    other.GetAttributes().Any(static a => a.AttributeClass?.ToDisplayString() == CoroutineAttribute))
                {
                    yield return other;
                }
            }
        }
    }

    private static bool SameParameters(IMethodSymbol a, IMethodSymbol b) =>
        a.Parameters.Length == b.Parameters.Length && a.TypeParameters.Length == b.TypeParameters.Length &&
        a.Parameters.Zip(b.Parameters, static (x, y) => SymbolEqualityComparer.Default.Equals(x.Type, y.Type) && x.RefKind == y.RefKind).All(static same => same);

    /// <summary><c>MStateMachine</c>; overloaded coroutines add their parameter types so each name is stable.</summary>
    private static string StateMachineName(IMethodSymbol method)
    {
        var overloaded = method.ContainingType.GetMembers(method.Name)
            .OfType<IMethodSymbol>()
            .Count(static m => m.GetAttributes().Any(static a => a.AttributeClass?.ToDisplayString() == CoroutineAttribute)) > 1;
        if (!overloaded)
        {
            return method.Name + "StateMachine";
        }
        var suffix = method.Parameters.Length == 0
            ? "NoParameters"
            : string.Join("_", method.Parameters.Select(static p => SymbolText.IdentifierPart(p.Type)));
        return $"{method.Name}_{suffix}StateMachine";
    }

    private static string HintName(IMethodSymbol method, string stateMachineName)
    {
        var type = method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", "");
        var arity = method.TypeParameters.Length == 0 ? "" : "`" + method.TypeParameters.Length;
        var name = $"{type}.{stateMachineName}{arity}";
        var chars = name.Select(static c => char.IsLetterOrDigit(c) || c is '.' or '_' or '`' ? c : '_').ToArray();
        return new string(chars) + ".g.cs";
    }

    private static EquatableArray<NamespaceModel> Namespaces(SyntaxNode syntax) =>
        syntax.Ancestors()
            .OfType<BaseNamespaceDeclarationSyntax>()
            .Reverse()
            .Select(static n => new NamespaceModel(n.Name.ToString(), Usings(n.Usings, n.Externs)))
            .ToEquatableArray();

    private static EquatableArray<string> FileUsings(SyntaxNode syntax)
    {
        var unit = syntax.SyntaxTree.GetCompilationUnitRoot();
        return Usings(unit.Usings, unit.Externs);
    }

    // Kept code is compiled in the generated file, so it needs the same usings (global ones apply already).
    private static EquatableArray<string> Usings(SyntaxList<UsingDirectiveSyntax> usings, SyntaxList<ExternAliasDirectiveSyntax> externs) =>
        externs.Select(static e => e.ToString())
            .Concat(usings.Where(static u => !u.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword)).Select(static u => u.ToString()))
            .ToEquatableArray();

    private static EquatableArray<TypeModel> ContainingTypes(SyntaxNode syntax) =>
        syntax.Ancestors()
            .OfType<TypeDeclarationSyntax>()
            .Reverse()
            .Select(static t => new TypeModel(
                Keyword(t),
                t.Identifier.Text,
                t.TypeParameterList?.ToString() ?? "",
                t.Modifiers.Any(SyntaxKind.StaticKeyword)))
            .ToEquatableArray();

    private static string Keyword(TypeDeclarationSyntax type) => type switch
    {
        RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
        RecordDeclarationSyntax => "record",
        StructDeclarationSyntax => "struct",
        InterfaceDeclarationSyntax => "interface",
        _ => "class",
    };
}
