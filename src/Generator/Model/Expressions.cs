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
internal sealed record CallExpression(CodeExpression Receiver, string Method, CodeExpression Arguments) : CodeExpression;

/// <summary><c>Receiver.Member</c>: a finished callee's <c>Result</c>.</summary>
internal sealed record MemberExpression(CodeExpression Receiver, string Member) : CodeExpression;

/// <summary>
/// <c>Value is (Pattern)</c>: a lowered switch's test of one constant case label (the constant is the user's text);
/// <c>Value is Pattern</c> for a pattern label (not <see cref="Parenthesized"/>).
/// </summary>
internal sealed record PatternTestExpression(string Value, CodeExpression Pattern) : CodeExpression
{
    public bool Parenthesized { get; init; } = true;

    /// <summary>The shape <see cref="Value"/>, a field that keeps a value of an anonymous type as an <c>object</c>, is read back through (see <see cref="AnonymousReadExpression"/>).</summary>
    public CodeExpression? ValueShape { get; init; }
}

/// <summary><c>(Type)Operand</c>: a foreach's conversion of its enumerator's current value.</summary>
internal sealed record CastExpression(string Type, CodeExpression Operand) : CodeExpression;

/// <summary><c>checked(Operand)</c> or <c>unchecked(Operand)</c>: a value the spiller builds inside the user's <c>checked</c> context.</summary>
internal sealed record OverflowCheckExpression(string Keyword, CodeExpression Operand) : CodeExpression;

/// <summary><c>Source with { }</c>: the copy a spilled <c>with</c> expression starts from.</summary>
internal sealed record WithCopyExpression(CodeExpression Source, ListExpression? Members = null) : CodeExpression;

/// <summary>
/// The part of a query before a <c>join</c> that suspends, making the same calls C# makes for it:
/// <c>from RangeVariable in Source Clauses select RangeVariable</c> (just <c>Source</c> when there are no clauses).
/// When that part adds range variables, it ends in a <c>select</c> of the anonymous object creation
/// <see cref="Projection"/> that keeps all of them (C#'s own calls, with one flat element type instead of nested
/// transparent identifiers), then its <see cref="Continuations"/>. With a <see cref="Selection"/> (the query before an
/// <c>into</c>), it ends in that <c>select</c> or <c>group</c> clause, as written.
/// </summary>
internal sealed record QueryPrefixExpression(
    string RangeVariable,
    CodeExpression Source,
    EquatableArray<CodeExpression> Clauses,
    AnonymousShapeExpression? Projection = null,
    EquatableArray<QueryContinuation> Continuations = default,
    CodeExpression? Selection = null) : CodeExpression;

/// <summary>
/// <c>closure1.Capture(captured1 =&gt; Made)</c>, once per environment in <see cref="Closures"/> (the first outermost):
/// a kept part of a query whose clauses read locals of closure environments through the lambda's parameter, so that
/// its lambdas keep the environment of this iteration, not the one the next iteration puts in the field.
/// </summary>
internal sealed record ThroughEnvironmentsExpression(EquatableArray<Names.ClosureNames> Closures, CodeExpression Made) : CodeExpression;

/// <summary><c>into Element Clauses select Projection</c> (<c>select Element</c> when null), which read the range variables as <c>Element.x</c>.</summary>
internal sealed record QueryContinuation(string Element, EquatableArray<CodeExpression> Clauses, AnonymousShapeExpression? Projection);

/// <summary><c>Method(Arguments)</c>: a static method of the state machine (<see cref="RuntimeAccessorModel"/>).</summary>
internal sealed record StaticCallExpression(string Method, CodeExpression Arguments) : CodeExpression;

/// <summary><c>[.. Operand]</c>: the elements of a collection expression's spread, enumerated into an array where C# enumerates them.</summary>
internal sealed record SpreadCopyExpression(CodeExpression Operand) : CodeExpression;

/// <summary><c>(Inner)</c>.</summary>
internal sealed record ParenthesizedExpression(CodeExpression Inner) : CodeExpression;

/// <summary>A user expression with typed holes (see <see cref="SplicedCode"/>).</summary>
internal sealed record SplicedExpression(SplicedCode Code) : CodeExpression;

/// <summary>
/// <c>Hoist(out Field, Temporary)</c>: stores a pattern variable, matched into <see cref="Temporary"/>
/// (a pattern cannot declare a field), in its field; always true.
/// </summary>
internal sealed record HoistExpression(CodeExpression Field, string Temporary) : CodeExpression;

/// <summary>
/// <c>AsAnonymous(Field, false ? Shape : null!)</c>: a value of an anonymous type read back from the
/// <c>object</c> field that keeps it (a field cannot name its type); <see cref="Shape"/>, never
/// evaluated, is an anonymous object creation of the same member names, types and order, from
/// which C# infers the value's type (see <c>Binding/AnonymousShape</c>).
/// </summary>
internal sealed record AnonymousReadExpression(CodeExpression Field, CodeExpression Shape) : CodeExpression;

/// <summary><c>Name: Value</c>: a named argument whose value is written by a model (a kept argument read back through its shape).</summary>
internal sealed record NamedArgumentExpression(string Name, CodeExpression Value) : CodeExpression;

/// <summary>
/// <c>AsAnonymousVariable(ref Field, false ? Shape : null!)</c>: the variable of a local of an anonymous type that C#
/// uses as a variable (<c>ref</c>, <c>out</c>, <c>??=</c>, a deconstruction, an <c>out var</c> or pattern variable), in a
/// box its <c>object</c> field holds; every use of that local reads, writes or passes it.
/// </summary>
internal sealed record AnonymousVariableExpression(CodeExpression Field, CodeExpression Shape) : CodeExpression;

/// <summary><c>new { Name = Value, ... }</c>: the shape of an anonymous type (its members' shapes in order).</summary>
internal sealed record AnonymousShapeExpression(EquatableArray<ShapeMember> Members) : CodeExpression;

/// <summary>One member of an <see cref="AnonymousShapeExpression"/>.</summary>
internal sealed record ShapeMember(string Name, CodeExpression Value);

/// <summary><c>default(Type)</c>, with <c>!</c> when <see cref="NotNull"/>: the shape of a member whose type has a name.</summary>
internal sealed record DefaultShapeExpression(string Type, bool NotNull) : CodeExpression;

/// <summary>
/// <c>(Parameters) =&gt; Body</c>, or <c>(Parameters) =&gt; ref new[] { Body }[0]</c> where <see cref="ByRef"/>: a lambda whose natural type is
/// the delegate type C# made for a lambda of that signature (see Binding/AnonymousShape.Lambda).
/// </summary>
internal sealed record LambdaShapeExpression(EquatableArray<ParameterModel> Parameters, CodeExpression Body, bool ByRef) : CodeExpression;

/// <summary>
/// <c>new[] { Element }</c> (no <see cref="Method"/>), or <c>global::System.Linq.Enumerable.Method(new[] { Element })</c>:
/// the shape of an array, a <c>List&lt;...&gt;</c> (<c>ToList</c>) or an <c>IEnumerable&lt;...&gt;</c> (<c>AsEnumerable</c>) of anonymous types.
/// </summary>
internal sealed record SequenceShapeExpression(CodeExpression Element, string? Method) : CodeExpression;

/// <summary><c>Operands[0] &amp;&amp; Operands[1] &amp;&amp; ...</c>: a pattern test, then the stores of its variables.</summary>
internal sealed record AndExpression(EquatableArray<CodeExpression> Operands) : CodeExpression;

/// <summary><c>Items[0], Items[1], ...</c>: an argument list, without its parentheses.</summary>
internal sealed record ListExpression(EquatableArray<CodeExpression> Items) : CodeExpression;

/// <summary><c>new Type Initializer</c>: an array initializer (<c>int[] a = { 1 }</c>) as an expression.</summary>
internal sealed record ArrayCreationExpression(string Type, CodeExpression Initializer) : CodeExpression;

/// <summary><c>Left Operator Right</c>: a spilled compound assignment's new value (<c>old + value</c>).</summary>
internal sealed record BinaryExpression(CodeExpression Left, string Operator, CodeExpression Right) : CodeExpression;

/// <summary><c>!Operand</c>: the test of a spilled <c>||</c> (its right side runs only when the left is false).</summary>
internal sealed record NotExpression(CodeExpression Operand) : CodeExpression;

/// <summary><c>Operand is null</c>: the test of a spilled <c>??</c> or <c>??=</c>.</summary>
internal sealed record IsNullExpression(CodeExpression Operand) : CodeExpression;

/// <summary>
/// <c>new Type(Arguments)</c>: a spilled object or collection creation, before its initializer runs
/// member by member; without arguments, <c>new Type()</c>: a closure environment, made on entry to its scope.
/// </summary>
internal sealed record NewExpression(string Type, CodeExpression? Arguments = null) : CodeExpression;

/// <summary>
/// <c>Unsafe.AsRef(in Variable)</c>: the struct variable a suspension point is called on, taken by reference and
/// not copied, so its index and null checks come where C# makes them, before the arguments are evaluated.
/// </summary>
internal sealed record VariableCheckExpression(CodeExpression Variable) : CodeExpression;

/// <summary><c>Receiver[Arguments]</c>: a spilled index initializer's store (<c>created[key] = value</c>).</summary>
internal sealed record ElementExpression(CodeExpression Receiver, CodeExpression Arguments) : CodeExpression;

/// <summary><c>Receiver</c> then <c>Part</c>: a part of a <c>?.</c> chain (<c>[0]</c>, <c>.P</c>) read from its kept receiver (<c>gates[0]</c>).</summary>
internal sealed record ChainedExpression(CodeExpression Receiver, CodeExpression Part) : CodeExpression;
