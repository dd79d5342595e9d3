namespace Coroutines.Generator.Model;

/// <summary>
/// An expression of the generated code: the user's, kept as (rewritten) text, or one the
/// generator makes around a suspension. The emitter writes them; nothing else spells them.
/// </summary>
internal abstract record CodeExpression
{
    /// <summary>User code, or a name: kept as text.</summary>
    public static implicit operator CodeExpression(string text) => new TextExpression(text);
}

/// <summary>An expression kept as C# text: the user's code after rewriting, a field's name, a literal.</summary>
internal sealed record TextExpression(string Text) : CodeExpression;

/// <summary>
/// <c>Receiver.Method(Arguments)</c>: what a suspension calls: a suspension point's factory (before
/// it) and result method (after the resume), <c>Suspension.Call</c>, a finished callee's <c>GetResult</c>.
/// </summary>
internal sealed record CallExpression(CodeExpression Receiver, string Method, string Arguments) : CodeExpression;

/// <summary><c>Receiver.Member</c>: a finished callee's <c>Result</c>.</summary>
internal sealed record MemberExpression(CodeExpression Receiver, string Member) : CodeExpression;

/// <summary><c>Value is (Pattern)</c>: a lowered switch's test of one constant case label (the constant is the user's text).</summary>
internal sealed record PatternTestExpression(string Value, CodeExpression Pattern) : CodeExpression;

/// <summary><c>(Type)Operand</c>: a foreach's conversion of its enumerator's current value.</summary>
internal sealed record CastExpression(string Type, CodeExpression Operand) : CodeExpression;

/// <summary><c>(Inner)</c>.</summary>
internal sealed record ParenthesizedExpression(CodeExpression Inner) : CodeExpression;

/// <summary><c>new Type()</c>: a closure environment, made on entry to its scope.</summary>
internal sealed record NewExpression(string Type) : CodeExpression;
