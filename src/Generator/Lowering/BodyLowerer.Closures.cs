using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// Closure environments (see Binding/ClosureScopes): on each entry to a scope whose captured
/// locals need fresh variables (each iteration of a loop body or foreach, each run of a for loop,
/// a switch or a try inside a loop), a new instance of its environment goes into its field, as
/// the C# compiler allocates a new display class instance on entry to such a scope.
/// </summary>
internal sealed partial class BodyLowerer
{
    /// <summary>The comment on the store of a new environment.</summary>
    public const string EnteringClosure = "new variables for this entry: closures made from here on keep these";

    /// <summary>The store of a new environment when <paramref name="scope"/> has one; nothing otherwise.</summary>
    private IEnumerable<Statement> EnterClosure(SyntaxNode scope)
    {
        if (_scope.Closures.TryGetValue(scope, out var names))
        {
            yield return new AssignStatement(names.Field, new NewExpression(names.Class), LineOf(scope))
            {
                Comment = EnteringClosure,
            };
        }
    }

    /// <summary>
    /// An embedded statement (the body of a loop or an <c>if</c> that is not a block) whose own
    /// variables closures capture, after its new environment; the statements that enter their
    /// environment themselves (block, loops, switch, try) as they are.
    /// </summary>
    private Statement EnterEmbedded(StatementSyntax syntax, Statement statement) =>
        syntax is BlockSyntax or ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax or SwitchStatementSyntax or TryStatementSyntax
            ? statement
            : AfterEnteringClosure(syntax, statement);

    /// <summary><paramref name="statement"/>, after the new environment of <paramref name="scope"/> if it has one.</summary>
    private Statement AfterEnteringClosure(SyntaxNode scope, Statement statement)
    {
        var enter = EnterClosure(scope).ToList();
        return enter.Count == 0 ? statement : new BlockStatement(enter.Append(statement).ToEquatableArray(), statement.Line);
    }
}
