using System;
using System.Linq;
using Coroutines.Generator.Model;
using Coroutines.Generator.Names;

namespace Coroutines.Generator.Emitting;

/// <summary>
/// The C# of a statement written on one line: a jump replayed after a suspending finally, and a
/// jump the lowering embeds in code kept as written (a <c>break</c> that now leaves a try through
/// its finally). Kept here so that every piece of generated C# is written in Emitting/.
/// </summary>
internal static class InlineStatements
{
    public const string Done = "return global::Coroutines.Suspension.Done;";

    public static string Text(Statement statement) => statement switch
    {
        JumpStatement jump => $"goto {jump.Label};",
        CodeStatement code => code.Text,
        AssignStatement assign => Assign(assign),
        EvaluateStatement evaluate => Expression(evaluate.Value) + ";",
        ReturnStatement returnStatement => Return(returnStatement),
        RethrowStatement rethrow => $"throw {GeneratedNames.Rethrow}({rethrow.ExceptionField});",
        _ => throw new InvalidOperationException($"{statement.GetType().Name} cannot be written inline"),
    };

    public static string Assign(AssignStatement assign) =>
        assign.Comment is null ? $"{assign.Target} = {Expression(assign.Value)};" : $"{assign.Target} = {Expression(assign.Value)}; // {assign.Comment}";

    public static string Return(ReturnStatement returnStatement) =>
        returnStatement.Expression is null ? Done : $"return {GeneratedNames.Complete}({Expression(returnStatement.Expression)});";

    /// <summary>A catch that stores what it caught: its header line, then its block on one line.</summary>
    public static string Catch(StoringCatch clause) =>
        CatchHeader(clause) + "\n{ " + string.Join(" ", clause.Stores.Select(Assign)) + " }";

    public static string CatchHeader(StoringCatch clause)
    {
        var header = $"catch ({clause.Type} {clause.Variable})";
        if (clause.Filter is null)
        {
            return header;
        }
        var filter = Expression(clause.Filter);
        return clause.HoistField is null
            ? $"{header} when ({filter})"
            : $"{header} when ({GeneratedNames.Hoist}(out {clause.HoistField}, {clause.Variable}) && ({filter}))";
    }

    public static string Expression(CodeExpression expression) => expression switch
    {
        TextExpression text => text.Text,
        CallExpression call => $"{Expression(call.Receiver)}.{call.Method}({call.Arguments})",
        MemberExpression member => $"{Expression(member.Receiver)}.{member.Member}",
        PatternTestExpression test => $"{test.Value} is ({Expression(test.Pattern)})",
        CastExpression cast => $"({cast.Type}){Expression(cast.Operand)}",
        ParenthesizedExpression parenthesized => $"({Expression(parenthesized.Inner)})",
        NewExpression created => $"new {created.Type}()",
        _ => throw new InvalidOperationException($"{expression.GetType().Name} cannot be written"),
    };
}
