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
/// <c>class D : B, IRunner</c> where <c>IRunner.Run</c> is a [Coroutine] and the method that implements it
/// is inherited from <c>B</c>, which does not implement <c>IRunner</c> itself: <c>D</c> must implement the
/// interface's generated factory too, and <c>B</c>'s factory cannot (it returns <c>B</c>'s state machine
/// unless <c>B.Run</c> is virtual; there is none if <c>B.Run</c> is no coroutine). C# says only CS0738 or
/// CS0535 about a generated member; this says which method and what to change (COR0016), or that the
/// inherited method must be a coroutine (COR0032). Reported by the generator, at the interface in the
/// base list: an analyzer's diagnostics are not shown while the compilation has those errors. A partial
/// class gets the interface's factory implemented by a call of the inherited one (Lowering/InheritedFactories).
/// </summary>
internal static class InheritedImplementations
{
    /// <summary>Whether <paramref name="node"/> may inherit an implementation of an interface it names (syntax only).</summary>
    public static bool MayInherit(SyntaxNode node) =>
        node is ClassDeclarationSyntax { BaseList.Types.Count: > 1 } or RecordDeclarationSyntax { BaseList.Types.Count: > 1 };

    /// <summary>The diagnostics of the class declared by <paramref name="declaration"/> (one of its declarations reports for all).</summary>
    public static InheritedImplementationsResult? Check(TypeDeclarationSyntax declaration, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol { TypeKind: TypeKind.Class } type ||
            type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>().First(d => d.BaseList is not null) != declaration ||
            model.Compilation.GetTypeByMetadataName(CoroutineBinder.CoroutineAttribute) is null)
        {
            return null;
        }
        var diagnostics = new List<DiagnosticInfo>();
        var forwarded = new List<ForwardedFactory>();
        var partial = declaration.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().All(static t => t.Modifiers.Any(SyntaxKind.PartialKeyword));
        foreach (var contract in type.AllInterfaces)
        {
            foreach (var coroutine in contract.GetMembers().OfType<IMethodSymbol>().Where(static m => !m.IsStatic && OverrideChain.IsCoroutine(m)))
            {
                if (type.FindImplementationForInterfaceMember(coroutine) is not IMethodSymbol implementation ||
                    SymbolEqualityComparer.Default.Equals(implementation.ContainingType, type) ||
                    implementation.ContainingType.TypeKind == TypeKind.Interface ||
                    implementation.ContainingType.AllInterfaces.Contains(contract, SymbolEqualityComparer.Default))
                {
                    continue; // implemented here, by a default body, or by a base class that implements the interface (its factory does too)
                }
                var at = InterfaceInBaseList(type, contract, cancellationToken) ?? declaration;
                if (!OverrideChain.IsCoroutine(implementation))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OverrideNotCoroutine, at, SymbolText.MethodNameInType(implementation), $"implements, for '{type.Name}',", SymbolText.MethodNameInType(coroutine), coroutine.Name));
                }
                else if (OverrideChain.DispatchOf(implementation) != FactoryDispatch.None)
                {
                    // a virtual (or overriding) factory returns the interface's coroutine type: it implements the interface's factory
                }
                else if (partial)
                {
                    forwarded.Add(Lowering.InheritedFactories.Forward(contract, coroutine, implementation));
                }
                else
                {
                    diagnostics.Add(Refusal(type, contract, coroutine, implementation, at));
                }
            }
        }
        var factories = forwarded.Count == 0 ? null : Lowering.InheritedFactories.Model(type, declaration, forwarded);
        return diagnostics.Count == 0 && factories is null ? null : new InheritedImplementationsResult(diagnostics.ToEquatableArray(), factories);
    }

    private static DiagnosticInfo Refusal(INamedTypeSymbol type, INamedTypeSymbol contract, IMethodSymbol coroutine, IMethodSymbol implementation, SyntaxNode at)
    {
        var inherited = SymbolText.MethodNameInType(implementation);
        var factory = GeneratedNames.Factory(coroutine.Name);
        var baseName = implementation.ContainingType.Name;
        return DiagnosticInfo.Create(
            DiagnosticDescriptors.UnsupportedTarget,
            at,
            $"'{inherited}' as the implementation of '{SymbolText.MethodNameInType(coroutine)}' for '{type.Name}'",
            $"'{type.Name}' must implement the interface's factory '{contract.Name}.{factory}' too, which the generator adds only to a partial class, and '{baseName}.{factory}' cannot: it returns the state machine of '{inherited}', which is neither virtual nor an implementation of '{contract.Name}' in '{baseName}'. " +
            $"Declare '{type.Name}' (and the types around it) 'partial'. Or make '{inherited}' virtual. Or declare '{baseName}' as implementing '{contract.Name}'");
    }

    // `IRunner` in `class D : B, IRunner`: where C# reports the interface member that is not implemented.
    private static SyntaxNode? InterfaceInBaseList(INamedTypeSymbol type, INamedTypeSymbol contract, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences
            .Select(r => r.GetSyntax(cancellationToken))
            .OfType<TypeDeclarationSyntax>()
            .SelectMany(static d => d.BaseList?.Types ?? default)
            .Select(static t => t.Type)
            .FirstOrDefault(t => RightmostName(t) == contract.Name);

    private static string? RightmostName(TypeSyntax type) => type switch
    {
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        _ => null,
    };
}
