using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Binding;

/// <summary>
/// A statement that keeps the environments in a block of its own (see <see cref="KeepingStatement"/>) would end the scope of what it
/// declares that code after it reads: a variable of its expressions (<c>var n = (slot = x =&gt; x.A + item) is null &amp;&amp; int.TryParse(s, out var k) ? k : 0;</c>
/// with <c>k</c> read after it, <c>if (!((slot = x =&gt; ...) is { } kept)) return;</c> with <c>kept</c> read after the <c>if</c>), or a local
/// of a declaration whose type the generated code cannot name (<c>var pair = new { Made = (slot = x =&gt; ...) is null };</c>: a declaration
/// without its value would name it). Such variables live in fields instead (an environment's when a closure keeps them, as C# gives each
/// entry its own; a value of an anonymous type read back typed, see <see cref="AnonymousShape"/>), which the block assigns.
/// </summary>
internal sealed partial class ClosureScopes
{
    /// <summary>
    /// The statement around <paramref name="function"/> that keeps the environments once the variables it declares that a block of its own
    /// would hide are hoisted (see the class summary), having hoisted them; null when the statement is not one that keeps
    /// them for another reason, or one cannot live in a field (<paramref name="refused"/> set when the capture walker or <see cref="Hoist"/> said why).
    /// </summary>
    private StatementSyntax? KeepingStatementOnceHoisted(SyntaxNode function, CaptureWalker hoisting, DataFlowAnalysis flow, ref bool refused)
    {
        if (function.Ancestors().TakeWhile(a => a != _body).FirstOrDefault(static a => a is StatementSyntax or LocalFunctionStatementSyntax) is not StatementSyntax statement ||
            _suspensions.Statements.ContainsKey(statement) || _suspensions.Spilled.ContainsKey(statement) ||
            statement.Ancestors().TakeWhile(a => a != _body).Any(static a => a is LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax))
        {
            return null;
        }
        var hoisted = statement switch
        {
            ExpressionStatementSyntax => ReadAfter(statement).ToList(),
            IfStatementSyntax { Condition: var condition } when condition.Span.Contains(function.Span) && !_suspensions.Flattened.Contains(statement) => ReadAfter(statement).ToList(),
            LocalDeclarationStatementSyntax declaration when HasValues(declaration) => ReadAfter(statement).Concat(UnnamedLocals(declaration)).ToList(),
            _ => new List<(ILocalSymbol Local, SyntaxNode Designation)>(),
        };
        // A variable of a ref struct type an `out` argument or a pattern declares (of an expression statement, an `if` condition or a declaration's value) is declared before the block instead (see DeclaredBeforeStatement).
        if (statement is ExpressionStatementSyntax or IfStatementSyntax or LocalDeclarationStatementSyntax && statement.Parent is BlockSyntax or SwitchSectionSyntax)
        {
            hoisted.RemoveAll(h => CanBeDeclaredBefore(h.Local, h.Designation) && DeclaredBeforeStatement.Add(h.Local));
        }
        // Any other variable of a ref struct type cannot live in a field (nor can C# keep one across an await, CS4007): refused.
        if (hoisted.Any(static h => h.Local.Type.IsRefLikeType || h.Local.IsRef))
        {
            return null;
        }
        foreach (var (local, designation) in hoisted)
        {
            // A switch section's, captured by a closure: in an environment of the switch, new on each entry, as C# makes it.
            if (!Hoist(local, designation, hoisting, flow, "it is declared in a statement written in a block of its own that keeps the closure environments (for a lambda over an anonymous type assigned through a ref local or to an element of a span) and read after it: that block would end it, and a closure cannot keep a new variable for each entry of its scope", "that statement", inSwitch: true))
            {
                refused = true;
                return null;
            }
        }
        return KeepingStatement(function, hoistedAfter: true);
    }

    /// <summary>
    /// The variables <paramref name="statement"/> declares in its expressions (or an <c>if</c> in its condition) that live in no field (or any,
    /// <paramref name="alsoHoisted"/>) and that code after it reads: a block of its own would end them.
    /// </summary>
    private IEnumerable<(ILocalSymbol Local, SyntaxNode Designation)> ReadAfter(StatementSyntax statement, bool alsoHoisted = false) =>
        ((SyntaxNode?)KeptHead(statement) ?? statement).DescendantNodes(static n => !SuspensionFinder.IsFunction(n))
            .OfType<SingleVariableDesignationSyntax>()
            .Select(d => (Local: _model.GetDeclaredSymbol(d) as ILocalSymbol, Designation: (SyntaxNode)d))
            .Where(d => d.Local is not null && (alsoHoisted || !IsHoisted(d.Local)) && !DeclaredBeforeStatement.Contains(d.Local) && _hoisting!.IsUsedOutside(d.Local, statement))
            .Select(static d => (d.Local!, d.Designation));

    /// <summary>
    /// The locals of <paramref name="declaration"/> when one has a type the generated code cannot name and lives in no field (it lives across no
    /// suspension): declared without its value, it would need the name. All of them, so that all live in fields (see <see cref="IsKeptDeclaration"/>).
    /// </summary>
    private IEnumerable<(ILocalSymbol Local, SyntaxNode Designation)> UnnamedLocals(LocalDeclarationStatementSyntax declaration)
    {
        var locals = declaration.Declaration.Variables.Select(v => (Local: (ILocalSymbol)_model.GetDeclaredSymbol(v)!, Designation: (SyntaxNode)v)).ToList();
        return locals.Any(l => !IsHoisted(l.Local) && !l.Local.Type.CanBeNamed()) ? locals.Where(l => !IsHoisted(l.Local)) : Enumerable.Empty<(ILocalSymbol, SyntaxNode)>();
    }

    /// <summary>Whether <paramref name="declaration"/> is one <see cref="IsKeptDeclaration"/> keeps once its locals are in fields.</summary>
    private bool HasValues(LocalDeclarationStatementSyntax declaration) =>
        declaration.Parent is BlockSyntax or SwitchSectionSyntax && !declaration.IsConst && declaration.UsingKeyword.RawKind == 0 && declaration.Declaration.Type is not RefTypeSyntax &&
        declaration.Declaration.Variables.All(v => _model.GetDeclaredSymbol(v) is ILocalSymbol { Type.IsRefLikeType: false } && v.Initializer is { } initializer &&
            (initializer.Value is not InitializerExpressionSyntax || declaration.Declaration.Type is ArrayTypeSyntax));

    private bool IsHoisted(ILocalSymbol local) => _hoisting!.Locals.Any(l => SymbolEqualityComparer.Default.Equals(l.Local, local));
}
