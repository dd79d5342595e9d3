using System.Collections.Generic;
using Coroutines.Generator.Binding;
using Coroutines.Generator.Model;
using Coroutines.Generator.Names;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// One closure environment being allocated: the captured locals of its scope become its fields,
/// and each use of them <c>closureN.x</c> (the current entry's variable; a lambda keeps its own, see <see cref="StatementRewriter"/>).
/// </summary>
internal sealed class ClosureAllocation
{
    private readonly List<FieldModel> _fields = new();
    private readonly HashSet<string> _taken = new() { ClosureNames.Capture, ClosureNames.Run };

    public ClosureAllocation(ClosureNames names, string scope)
    {
        Names = names;
        Scope = scope;
    }

    public ClosureNames Names { get; }

    /// <summary>What the scope is, for comments: "each iteration of the foreach at line 12".</summary>
    public string Scope { get; }

    public void Add(ILocalSymbol local, SyntaxNode declaration, ITypeSymbol type, string typeText, RewriteScope scope, bool variable)
    {
        var name = SymbolText.Identifier(GeneratedNames.Unique(local.Name, _taken));
        scope.ClosureOf[local] = (Names, name);
        _fields.Add(scope.KeptLocalField(name, local, type, typeText, declaration, variable));
    }

    public ClosureModel ToModel() => new(Names.Class, Names.Field, Scope, _fields.ToEquatableArray());

    public static string Describe(SyntaxNode scope) => scope switch
    {
        CommonForEachStatementSyntax => $"each iteration of the foreach at line {BodyLowerer.LineOf(scope)}",
        ExpressionSyntax { Parent: CommonForEachStatementSyntax } => $"each run of the foreach at line {BodyLowerer.LineOf(scope)} (its collection's variables)",
        ForStatementSyntax => $"the for loop at line {BodyLowerer.LineOf(scope)}",
        SwitchStatementSyntax => $"the switch at line {BodyLowerer.LineOf(scope)}",
        TryStatementSyntax => $"the try at line {BodyLowerer.LineOf(scope)} (its catch variables)",
        WhileStatementSyntax or DoStatementSyntax => $"each test of the condition of the loop at line {BodyLowerer.LineOf(scope)}",
        BlockSyntax { Parent: WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax } => $"the loop body at line {BodyLowerer.LineOf(scope)}",
        BlockSyntax => $"the block at line {BodyLowerer.LineOf(scope)}",
        _ => $"the statement at line {BodyLowerer.LineOf(scope)}",
    };
}
