using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Coroutines.Generator.Model;
using Coroutines.Generator.Names;

namespace Coroutines.Generator.Emitting;

/// <summary>
/// The C# of a statement written on one line: a jump replayed after a suspending finally, and a
/// jump the lowering puts in a hole of code kept as written (a <c>break</c> that now leaves a try
/// through its finally). Kept here so that every piece of generated C# is written in Emitting/.
/// </summary>
internal static class InlineStatements
{
    public const string Done = "return global::Coroutines.Suspension.Done;";

    public static string Text(Statement statement) => statement switch
    {
        JumpStatement jump => $"goto {jump.Label};",
        CodeStatement code => Code(code.Code),
        AssignStatement assign => Assign(assign),
        EvaluateStatement evaluate => Expression(evaluate.Value) + ";",
        ReturnStatement returnStatement => Return(returnStatement),
        RethrowStatement rethrow => $"throw {GeneratedNames.Rethrow}({rethrow.ExceptionField});",
        _ => throw new InvalidOperationException($"{statement.GetType().Name} cannot be written inline"),
    };

    /// <summary>What a switch's test reads: its value's field, through its shape when it keeps a value of an anonymous type as an <c>object</c>.</summary>
    private static string Subject(PatternTestExpression test) =>
        test.ValueShape is { } shape ? Expression(new AnonymousReadExpression(new TextExpression(test.Value), shape)) : test.Value;

    // The other branch of a shape's never-taken conditional: a struct (a tuple) has no null, `default` is its type's default as null is a class's.
    private static string NoValue(CodeExpression shape) => shape is ShapeCallExpression { IsValueType: true } ? "default" : "null";

    public static string Assign(AssignStatement assign) =>
        assign.Comment is null ? $"{Expression(assign.Target)} = {Expression(assign.Value)};" : $"{Expression(assign.Target)} = {Expression(assign.Value)}; // {assign.Comment}";

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
            : $"{header} when ({GeneratedNames.Hoist}(out {Expression(clause.HoistField)}, {clause.Variable}) && ({filter}))";
    }

    public static string Expression(CodeExpression expression) => expression switch
    {
        TextExpression text => text.Text,
        CallExpression call => $"{Expression(call.Receiver)}.{call.Method}({Expression(call.Arguments)})",
        MemberExpression member => $"{Expression(member.Receiver)}.{member.Member}",
        PatternTestExpression test => test.Parenthesized ? $"{Subject(test)} is ({Expression(test.Pattern)})" : $"{Subject(test)} is {Expression(test.Pattern)}",
        CastExpression cast => $"({cast.Type}){Expression(cast.Operand)}",
        ParenthesizedExpression parenthesized => $"({Expression(parenthesized.Inner)})",
        SpreadCopyExpression spread => $"[.. {Expression(spread.Operand)}]",
        OverflowCheckExpression check => $"{check.Keyword}({Expression(check.Operand)})",
        WithCopyExpression { Members: { Items.Count: > 0 } members } copy => $"{Expression(copy.Source)} with {{ {Expression(members)} }}",
        WithCopyExpression copy => $"{Expression(copy.Source)} with {{ }}",
        QueryPrefixExpression query => QueryPrefix(query),
        ThroughEnvironmentsExpression made => ThroughEnvironments(made),
        StaticCallExpression call => $"{call.Method}({Expression(call.Arguments)})",
        SplicedExpression spliced => Code(spliced.Code),
        // A struct (a tuple) has no null: `default!` is its type's default, as null is a class's.
        AnonymousReadExpression read => $"{GeneratedNames.AsAnonymous}({Expression(read.Field)}, false ? {Expression(read.Shape)} : {NoValue(read.Shape)}!)",
        NamedArgumentExpression named => $"{named.Name}: {Expression(named.Value)}",
        AnonymousVariableExpression variable => $"{GeneratedNames.AsAnonymousVariable}(ref {Expression(variable.Field)}, false ? {Expression(variable.Shape)} : {NoValue(variable.Shape)}!)",
        ShapeCallExpression call => $"{(call.Holder is null ? "" : call.Holder + ".")}{call.Method}({string.Join(", ", call.Arguments.Select(Expression))})",
        AnonymousShapeExpression shape => shape.Members.Count == 0 ? "new { }" : $"new {{ {string.Join(", ", shape.Members.Select(static m => $"{m.Name} = {Expression(m.Value)}"))} }}",
        LambdaShapeExpression { ByRef: false } lambda => $"({Emitter.ParameterList(lambda.Parameters)}) => {Expression(lambda.Body)}",
        LambdaShapeExpression lambda => $"({Emitter.ParameterList(lambda.Parameters)}) => ref new[] {{ {Expression(lambda.Body)} }}[0]",
        DefaultShapeExpression value => $"default({value.Type}){(value.NotNull ? "!" : "")}",
        SequenceShapeExpression { Method: null } sequence => $"new[] {{ {Expression(sequence.Element)} }}",
        SequenceShapeExpression sequence => $"global::System.Linq.Enumerable.{sequence.Method}(new[] {{ {Expression(sequence.Element)} }})",
        HoistExpression hoist => $"{GeneratedNames.Hoist}(out {Expression(hoist.Field)}, {hoist.Temporary})",
        AndExpression and => string.Join(" && ", and.Operands.Select(Expression)),
        ListExpression list => string.Join(", ", list.Items.Select(Expression)),
        ArrayCreationExpression array => $"new {array.Type} {Expression(array.Initializer)}",
        BinaryExpression binary => $"{Expression(binary.Left)} {binary.Operator} {Expression(binary.Right)}",
        NotExpression not => $"!{Expression(not.Operand)}",
        IsNullExpression isNull => $"{Expression(isNull.Operand)} is null",
        VariableCheckExpression check => $"global::System.Runtime.CompilerServices.Unsafe.AsRef(in {Expression(check.Variable)})",
        ElementExpression element => $"{Expression(element.Receiver)}[{Expression(element.Arguments)}]",
        ChainedExpression chained => $"{Expression(chained.Receiver)}{Expression(chained.Part)}",
        NewExpression creation => creation.Arguments is null ? $"new {creation.Type}()" : $"new {creation.Type}({Expression(creation.Arguments)})",
        _ => throw new InvalidOperationException($"{expression.GetType().Name} cannot be written"),
    };

    /// <summary>The part of a query run before its <c>join</c> that suspends (see <see cref="QueryPrefixExpression"/>).</summary>
    private static string QueryPrefix(QueryPrefixExpression query)
    {
        if (query.Clauses.Count == 0 && query.Projection is null && query.Selection is null)
        {
            return Expression(query.Source); // `from T x in e`, alone: `(e).Cast<T>()`
        }
        var head = $"from {query.RangeVariable} in {Expression(query.Source)}{Clauses(query.Clauses)}";
        if (query.Projection is null)
        {
            return query.Selection is null ? $"{head} select {query.RangeVariable}" : $"{head} {Expression(query.Selection)}";
        }
        return $"{head} select {Expression(query.Projection)}" + string.Concat(query.Continuations.Select(static c =>
            $" into {c.Element}{Clauses(c.Clauses)} select {(c.Projection is null ? c.Element : Expression(c.Projection))}"));
    }

    /// <summary><c>closure1.Capture(captured1 =&gt; closure2.Capture(captured2 =&gt; made))</c> (see <see cref="ThroughEnvironmentsExpression"/>).</summary>
    private static string ThroughEnvironments(ThroughEnvironmentsExpression made) =>
        made.Closures.Reverse().Aggregate(Expression(made.Made), static (inner, closure) => $"{closure.Field}.{ClosureNames.Capture}({closure.Captured} => {inner})");

    private static string Clauses(EquatableArray<CodeExpression> clauses) => string.Concat(clauses.Select(static c => " " + Expression(c)));

    /// <summary>Code kept as written, with each hole written in place (a statement on one line).</summary>
    public static string Code(SplicedCode code)
    {
        if (code.PlainText is { } plain)
        {
            return plain;
        }
        var text = new StringBuilder();
        foreach (var segment in code.Segments)
        {
            text.Append(segment switch
            {
                TextSegment piece => piece.Text,
                StatementSegment hole => OneLine(hole.Statement),
                ExpressionSegment hole => Expression(hole.Expression),
                _ => throw new InvalidOperationException($"{segment.GetType().Name} cannot be written"),
            });
        }
        return text.ToString();
    }

    /// <summary>A statement on one line; a block (a store and a jump) as <c>{ a b }</c>.</summary>
    private static string OneLine(Statement statement)
    {
        var parts = new List<string>();
        Flatten(statement, parts);
        return parts.Count == 1 ? parts[0] : "{ " + string.Join(" ", parts) + " }";
    }

    private static void Flatten(Statement statement, List<string> parts)
    {
        if (statement is BlockStatement block)
        {
            foreach (var child in block.Statements)
            {
                Flatten(child, parts);
            }
            return;
        }
        parts.Add(Text(statement));
    }
}
