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
/// The lowering pass: from a bound coroutine to the value-equatable <see cref="CoroutineModel"/>.
/// Allocates the state machine's fields (parameters and the locals that live across a
/// suspension), then lowers the body (<see cref="BodyLowerer"/>: desugaring, spilling, exception
/// handlers) into the structured statement tree. Nothing after this pass sees a symbol or a syntax node.
/// </summary>
internal static class CoroutineLowerer
{
    public static LoweringResult Lower(BoundCoroutine bound)
    {
        var diagnostics = bound.Diagnostics;
        if (!bound.Succeeded || bound.Syntax is not { } syntax || bound.Method is not { } method)
        {
            return new LoweringResult(bound.Key, null, diagnostics.ToEquatableArray());
        }
        var name = method.Name;
        var semanticModel = bound.SemanticModel;
        var factories = bound.Factories!;
        var suspensions = bound.Suspensions!;
        var hoisting = bound.Captures!;
        SyntaxNode body = (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody!;

        var stateMachineName = CoroutineBinder.StateMachineName(method);
        var scope = new RewriteScope(semanticModel, factories, method);
        if (!method.IsStatic)
        {
            scope.BaseAccessors = new BaseAccessors(stateMachineName, method.ContainingType, semanticModel, body.SpanStart);
        }
        var fields = AllocateFields(method, body, stateMachineName, hoisting, scope, semanticModel.Compilation);
        var builder = new BodyLowerer(scope, suspensions, fields, diagnostics);
        var statements = builder.BuildBody(syntax);
        if (diagnostics.Any(static d => d.IsError))
        {
            return new LoweringResult(bound.Key, null, diagnostics.ToEquatableArray());
        }

        var parameters = method.Parameters.Select((p, i) => new ParameterModel(
            SymbolText.Identifier(p.Name),
            SymbolText.Type(p.Type),
            (i == 0 && method.IsExtensionMethod ? "this " : "") + (p.IsParams ? "params " : ""),
            syntax.ParameterList.Parameters[i].Default is { } d ? new TextExpression(d.Value.ToString()) : null,
            scope.Fields[p])).ToEquatableArray();

        var methodModel = new MethodModel(
            name,
            method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat),
            BodyLowerer.LineOf(syntax),
            SymbolText.Accessibility(method.DeclaredAccessibility),
            method.IsStatic,
            method.IsExtensionMethod,
            method.ReturnsVoid ? null : SymbolText.Type(method.ReturnType),
            SymbolText.Type(method.ContainingType),
            method.TypeParameters.Length == 0 ? "" : "<" + string.Join(", ", method.TypeParameters.Select(static t => SymbolText.Identifier(t.Name))) + ">",
            SymbolText.ConstraintClauses(method.TypeParameters).ToEquatableArray(),
            parameters,
            stateMachineName,
            GeneratedNames.Factory(name),
            LocationInfo.From(syntax.Identifier))
        {
            Key = bound.Key,
            FactoryHidesInherited = InheritedCoroutines(method).Any(m => SameParameters(m, method)),
            StateMachineHidesInherited = InheritedCoroutines(method).Any(m => CoroutineBinder.StateMachineName(m) == stateMachineName),
            RegistrationHidesInherited = SaveabilityCheck.IsSaveable(method) && HidesRegistration(method, stateMachineName),
            InstanceField = scope.InstanceField,
            Saveable = SaveabilityCheck.IsSaveable(method),
        };

        var model = new CoroutineModel(
            GeneratedNames.HintName(method.ContainingType, stateMachineName, method.TypeParameters.Length),
            syntax.SyntaxTree.FilePath,
            Namespaces(syntax),
            FileUsings(syntax),
            ContainingTypes(syntax),
            methodModel,
            fields.ToEquatableArray(),
            statements)
        {
            Calls = builder.Calls.ToEquatableArray(),
            BaseAccessors = scope.BaseAccessors?.Models.ToEquatableArray() ?? EquatableArray<BaseAccessorModel>.Empty,
            Closures = scope.ClosureModels.Select(c => c with { MakesNaturalLambdas = scope.NaturalLambdaClosures.Contains(c.Class) }).ToEquatableArray(),
        };
        return new LoweringResult(bound.Key, model, diagnostics.ToEquatableArray());
    }

    /// <summary>
    /// Names the fields: <c>@this</c> (renamed when the body declares an <c>@this</c>), then parameters and hoisted locals under their own names,
    /// renamed only when the name is taken (by the base class, the generated members, or a local
    /// of another type in a sibling scope). Same-named locals of one type share a field.
    /// </summary>
    private static List<FieldModel> AllocateFields(IMethodSymbol method, SyntaxNode body, string stateMachineName, CaptureWalker hoisting, RewriteScope scope, Compilation compilation)
    {
        var taken = new HashSet<string>(CompilationFacts.Of(compilation).StateMachineMembers);
        taken.Add(GeneratedNames.Instance);
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
            if (body.DescendantTokens().Any(static t => t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText == GeneratedNames.Instance))
            {
                scope.InstanceField = GeneratedNames.Unique(GeneratedNames.Instance, taken);
            }
            // A struct's `this` is copied when the coroutine is created, as a C# async method copies it: the caller never sees the changes.
            var instance = method.ContainingType.IsValueType
                ? "a copy of the struct the coroutine was created on: as in a C# async method, the caller does not see its changes"
                : "the instance the coroutine runs on";
            fields.Add(new FieldModel(scope.InstanceField, SymbolText.Type(method.ContainingType), instance, false));
        }
        foreach (var parameter in method.Parameters)
        {
            var fieldName = GeneratedNames.Unique(parameter.Name, taken);
            scope.Fields[parameter] = SymbolText.Identifier(fieldName);
            fields.Add(new FieldModel(SymbolText.Identifier(fieldName), SymbolText.Type(parameter.Type), $"parameter '{parameter.Name}'", false));
        }
        var closures = AllocateClosures(body, hoisting, scope, taken);
        if (hoisting.Closures is { } found)
        {
            foreach (var pair in found.LocalFunctionScopes)
            {
                scope.LocalFunctionClosures[pair.Key] = pair.Value.Select(s => scope.Closures[s]).ToList();
            }
        }
        foreach (var (local, declaration) in hoisting.Locals)
        {
            if (hoisting.Closures?.ScopeOf.TryGetValue(local, out var closureScope) == true)
            {
                closures[closureScope].Add(local, declaration, hoisting.TypeOf(local), scope);
                continue;
            }
            // A name reused by a sibling scope gets its own field (x_2): a closure from the first
            // scope must not see the second variable.
            var fieldName = GeneratedNames.Unique(local.Name, taken);
            var type = hoisting.TypeOf(local);
            scope.Fields[local] = SymbolText.Identifier(fieldName);
            fields.Add(scope.KeptLocalField(SymbolText.Identifier(fieldName), local, type, declaration));
        }
        foreach (var closure in closures.Values)
        {
            fields.Add(new FieldModel(closure.Names.Field, closure.Names.Class, $"{closure.Names.Class} of the current entry: the variables closures capture in {closure.Scope}", true));
            scope.ClosureModels.Add(closure.ToModel());
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

    /// <summary>
    /// Names a closure environment for each scope whose captured locals need fresh variables per
    /// entry (see <see cref="ClosureScopes"/>), under names no identifier of the method uses.
    /// </summary>
    private static Dictionary<SyntaxNode, ClosureAllocation> AllocateClosures(SyntaxNode body, CaptureWalker hoisting, RewriteScope scope, HashSet<string> taken)
    {
        var closures = new Dictionary<SyntaxNode, ClosureAllocation>();
        if (hoisting.Closures is not { Scopes.Count: > 0 } found)
        {
            return closures;
        }
        var used = new HashSet<string>(body.DescendantTokens().Where(static t => t.IsKind(SyntaxKind.IdentifierToken)).Select(static t => t.ValueText));
        used.UnionWith(taken);
        var id = 0;
        foreach (var node in found.Scopes)
        {
            ClosureNames names;
            do
            {
                names = GeneratedNames.Closure(++id);
            }
            while (used.Contains(names.Class) || used.Contains(names.Field) || used.Contains(names.Captured));
            taken.Add(names.Field);
            taken.Add(names.Class);
            var allocation = new ClosureAllocation(names, ClosureAllocation.Describe(node));
            closures[node] = allocation;
            scope.Closures[node] = names;
        }
        return closures;
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
                    other.GetAttributes().Any(static a => CoroutineBinder.IsCoroutineAttribute(a.AttributeClass)))
                {
                    yield return other;
                }
            }
        }
    }

    // A saveable coroutine's registration is internal whatever the method's accessibility: one of a
    // base type of this assembly with the same state machine name is hidden (CS0108 without `new`).
    private static bool HidesRegistration(IMethodSymbol method, string stateMachineName)
    {
        for (var type = method.ContainingType.BaseType; type is not null; type = type.BaseType)
        {
            if (!SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, method.ContainingAssembly))
            {
                continue;
            }
            foreach (var other in type.GetMembers(method.Name).OfType<IMethodSymbol>())
            {
                if (SaveabilityCheck.IsSaveable(other) && CoroutineBinder.StateMachineName(other) == stateMachineName)
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static bool SameParameters(IMethodSymbol a, IMethodSymbol b) =>
        a.Parameters.Length == b.Parameters.Length && a.TypeParameters.Length == b.TypeParameters.Length &&
        a.Parameters.Zip(b.Parameters, static (x, y) => SymbolEqualityComparer.Default.Equals(x.Type, y.Type) && x.RefKind == y.RefKind).All(static same => same);

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
