using System;
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

    /// <summary>The scopes whose new environment was stored before the statement's spilled value (see <see cref="EnterBeforeItsValue"/>): not again.</summary>
    private readonly HashSet<SyntaxNode> _enteredBeforeTheValue = new();

    /// <summary>The store of a new environment when <paramref name="scope"/> has one; nothing otherwise.</summary>
    private IEnumerable<Statement> EnterClosure(SyntaxNode scope)
    {
        if (!_enteredBeforeTheValue.Contains(scope) && _scope.Closures.TryGetValue(scope, out var names))
        {
            yield return new AssignStatement(names.Field, new NewExpression(names.Class), LineOf(scope))
            {
                Comment = EnteringClosure,
            };
        }
    }

    /// <summary>
    /// The new environment of a <c>switch</c>'s variables or of a <c>foreach</c> collection's, stored before the value or collection is spilled:
    /// a part evaluated before its suspension, or kept after it, may declare them (<c>switch ((Parsed(s, out var k) ? k : 0) + Next(1))</c>), and
    /// must write this entry's environment, not the one before it. The statement built after it does not store it again (see <see cref="BuiltAfterItsValue"/>).
    /// </summary>
    private SyntaxNode? EnterBeforeItsValue(StatementSyntax statement, ExpressionSpiller spiller)
    {
        SyntaxNode? scope = statement switch
        {
            SwitchStatementSyntax => statement,
            CommonForEachStatementSyntax forEach => forEach.Expression,
            _ => null,
        };
        if (scope is null || !_scope.Closures.ContainsKey(scope))
        {
            return null;
        }
        foreach (var enter in EnterClosure(scope))
        {
            spiller.Add(enter);
        }
        _enteredBeforeTheValue.Add(scope);
        return scope;
    }

    /// <summary><paramref name="build"/>, whose environment <see cref="EnterBeforeItsValue"/> stored before it (<paramref name="entered"/>) or not.</summary>
    private Statement BuiltAfterItsValue(SyntaxNode? entered, Func<Statement> build)
    {
        try
        {
            return build();
        }
        finally
        {
            if (entered is not null)
            {
                _enteredBeforeTheValue.Remove(entered);
            }
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
