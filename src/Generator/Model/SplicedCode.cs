namespace Coroutines.Generator.Model;

/// <summary>
/// User code kept as written (after renaming), with typed holes where the lowering replaced a part
/// of it: a <c>break</c> that became a jump through a finally, a pattern that stores its variables.
/// Lowering never spells a hole; the emitter writes the text pieces as they are and each hole in place.
/// </summary>
internal sealed record SplicedCode(EquatableArray<CodeSegment> Segments)
{
    /// <summary>Code without holes.</summary>
    public static implicit operator SplicedCode(string text) =>
        new(text.Length == 0 ? EquatableArray<CodeSegment>.Empty : new CodeSegment[] { new TextSegment(text) }.ToEquatableArray());

    /// <summary>The text when the code has no hole, else null.</summary>
    public string? PlainText => Segments.Count switch
    {
        0 => "",
        1 when Segments[0] is TextSegment text => text.Text,
        _ => null,
    };
}

/// <summary>One piece of <see cref="SplicedCode"/>.</summary>
internal abstract record CodeSegment;

/// <summary>The user's text, already rewritten for the state machine; may span lines.</summary>
internal sealed record TextSegment(string Text) : CodeSegment;

/// <summary>
/// A statement in place of the user's jump (<c>goto</c>, a store and a jump through a suspending finally,
/// <c>throw Rethrow(e);</c>), written on one line (a block as <c>{ a b }</c>).
/// </summary>
internal sealed record StatementSegment(Statement Statement) : CodeSegment;

/// <summary>An expression in place of part of the user's expression (a pattern that stores its variables).</summary>
internal sealed record ExpressionSegment(CodeExpression Expression) : CodeSegment;
