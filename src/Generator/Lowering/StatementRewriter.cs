using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Binding;
using Coroutines.Generator.Model;
using Coroutines.Generator.Names;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Lowering;

/// <summary>The statement that replaces a jump in kept code (a hole the emitter writes), and the flattened labels it goes to.</summary>
internal sealed record RoutedJump(Statement Jump, IReadOnlyList<string> Labels);

/// <summary>Decides what a jump found in kept code becomes in the flattened method.</summary>
internal interface IJumpRouter
{
    RoutedJump? Break();

    RoutedJump? Continue();

    RoutedJump Return(CodeExpression? value);

    RoutedJump? GotoCase(object? value);

    RoutedJump? GotoDefault();

    /// <summary><c>goto L;</c> to a label of a flattened block (null: the label is in the kept code, the goto stays).</summary>
    RoutedJump? GotoLabel(GotoStatementSyntax statement);

    RoutedJump? Rethrow();
}

/// <summary>What the rewriter needs to know about the state machine the code moves into.</summary>
internal sealed class RewriteScope
{
    public RewriteScope(SemanticModel model, GeneratedFactoryTypes factories, IMethodSymbol method)
    {
        Model = model;
        Factories = factories;
        ContainingType = method.ContainingType;
        IsVoid = method.ReturnsVoid;
        ReturnType = method.ReturnsVoid ? null : SymbolText.Type(method.ReturnType);
        ReturnTypeNeedsDefault = !method.ReturnsVoid && !method.ReturnType.IsValueType;
        _method = method;
        Saveable = SaveabilityCheck.IsSaveable(method);
    }

    private readonly IMethodSymbol _method;
    private ShapeMethods? _shapeMethods;

    /// <summary>The coroutine's name, for messages.</summary>
    public string MethodName => _method.Name;

    /// <summary><c>[Coroutine(Saveable = true)]</c>: every field its state machine keeps across a suspension must be saveable (COR0034 for temporaries).</summary>
    public bool Saveable { get; }

    /// <summary>The state machine's shape methods (see <see cref="AnonymousShape"/>), made as the shapes that call them are.</summary>
    public ShapeMethods ShapeMethods => _shapeMethods ??= new ShapeMethods(ShapeMethods.TakenAround(_method));

    private NamedDelegates? _namedDelegates;

    /// <summary>The state machine's delegate types for locals of a delegate type the compiler made for a lambda (see <see cref="Model.DelegateTypeModel"/>).</summary>
    public NamedDelegates NamedDelegates => _namedDelegates ??= new NamedDelegates(ShapeMethods.TakenAround(_method));

    /// <summary>The delegate types declared (none unless a local needed one).</summary>
    public IReadOnlyList<DelegateTypeModel> NamedDelegateModels => _namedDelegates?.Models ?? (IReadOnlyList<DelegateTypeModel>)System.Array.Empty<DelegateTypeModel>();

    /// <summary>The shape methods made (none unless a shape needed one: the names around the method are then not collected).</summary>
    public IReadOnlyList<ShapeMethodModel> ShapeMethodModels => _shapeMethods?.Models ?? (IReadOnlyList<ShapeMethodModel>)System.Array.Empty<ShapeMethodModel>();

    public string? ReturnType { get; }

    public bool ReturnTypeNeedsDefault { get; }

    public SemanticModel Model { get; }

    /// <summary>Types of expressions that call the generator's own factories.</summary>
    public GeneratedFactoryTypes Factories { get; }

    public INamedTypeSymbol ContainingType { get; }

    public bool IsVoid { get; }

    /// <summary>Locals and parameters that now live in fields of the state machine, and the field names (closure locals: <see cref="ClosureOf"/>).</summary>
    public Dictionary<ISymbol, string> Fields { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Ref locals used only between suspensions, which stay locals of Step() (C# 13's rule), and their names there.</summary>
    public Dictionary<ISymbol, string> StepLocals { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Parts of spilled statements already evaluated into temporaries: rewritten code reads the temporary instead.</summary>
    public Dictionary<SyntaxNode, string> Spilled { get; } = new();

    /// <summary>The temporaries of <see cref="Spilled"/> that keep a value of an anonymous type as an object, and the shape that reads each back.</summary>
    public Dictionary<string, CodeExpression> SpilledShapes { get; } = new();

    /// <summary>
    /// Conditional accesses whose null test the spiller wrote (<c>if (gates is not null)</c>): under it, a part of the
    /// chain (<c>[0]</c>, <c>.P</c>) is written from the receiver (<c>gates[0]</c>, <c>o.P</c>), see <see cref="ConditionalChains"/>.
    /// </summary>
    public HashSet<ConditionalAccessExpressionSyntax> OpenChains { get; } = new();

    /// <summary>
    /// Struct variables a suspension point is called on in place, as C# calls it on the variable itself (<c>doors?[0].Wait(1)</c>
    /// on an array of structs): its factory and result method use the variable, not a copy kept in a field.
    /// </summary>
    public HashSet<SyntaxNode> InPlace { get; } = new();

    /// <summary>Counter for the temporaries that carry pattern variables into fields.</summary>
    public int TemporaryCount { get; set; }

    /// <summary>Names the state machine class declares or inherits: outer members with these names must be qualified.</summary>
    public HashSet<string> MemberNames { get; } = new();

    /// <summary>The field that holds the instance, which implicit and explicit <c>this</c> become.</summary>
    public string InstanceField { get; set; } = "@this";

    /// <summary>The closure environments of the scopes that have one (see <see cref="ClosureAllocation"/>).</summary>
    public Dictionary<SyntaxNode, ClosureNames> Closures { get; } = new();

    /// <summary>The statements written in a block that keeps the current environments in locals of its own (see Binding/ClosureScopes.KeepingStatement).</summary>
    public HashSet<SyntaxNode> KeepingStatements { get; } = new();

    /// <summary>The ref struct variables of <c>out</c> arguments or patterns of statements in <see cref="KeepingStatements"/> declared before their block (see Binding/ClosureScopes.DeclaredBeforeStatement).</summary>
    public HashSet<ISymbol> DeclaredBeforeStatement { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// The lambdas of a statement that suspends, before its first suspension, that are made in the store of the value the spiller keeps
    /// before it (or of the callee of a coroutine's call they are arguments of), in a block that keeps the current environments (see Binding/ClosureScopes.KeptBeforeSuspension), with the name of the variable each captures.
    /// </summary>
    public Dictionary<SyntaxNode, string> KeptBeforeSuspension { get; } = new();

    /// <summary>Those of <see cref="KeptBeforeSuspension"/> written anywhere else: refused (COR0013) rather than made through the environments as they are when run.</summary>
    public HashSet<SyntaxNode> NotKeptBeforeSuspension { get; } = new();

    /// <summary>The values around a call whose value is a ref struct made through the environments as a whole (see Binding/ClosureScopes.ValueAround).</summary>
    public HashSet<SyntaxNode> ValuesMadeAround { get; } = new();

    /// <summary>
    /// The objects <c>new() { ... }</c> of a type a field cannot name kept in an <c>object</c> field before a later suspension
    /// (see Spilling/ExpressionSpiller.Keep), each with its type's shape: made through the environments as a whole, typed by their shape.
    /// </summary>
    public Dictionary<SyntaxNode, CodeExpression> KeptCreations { get; } = new();

    /// <summary>
    /// The <c>?:</c>s without a type of their own (<c>c ? x =&gt; x.A + item : Zero</c>, typed by what they are assigned to) of a type a field cannot
    /// name, kept in an <c>object</c> field before a later suspension (see Spilling/ExpressionSpiller.Keep), each with its converted type's shape: typed by it.
    /// </summary>
    public Dictionary<SyntaxNode, CodeExpression> KeptChoices { get; } = new();

    /// <summary>The closure environments (their classes) through which a lambda kept as its natural type is made: they get a <c>Natural</c> method.</summary>
    public HashSet<string> NaturalLambdaClosures { get; } = new();

    /// <summary>The closure environments (their classes) through which a call with no value is run (<c>closure1.Run(captured1 =&gt; ...)</c>): they get a <c>Run</c> method.</summary>
    public HashSet<string> RunningClosures { get; } = new();

    /// <summary>The local functions that use locals of closure environments (see ClosureScopes.LocalFunctionScopes): the environments each takes as its first parameters.</summary>
    public Dictionary<ISymbol, List<ClosureNames>> LocalFunctionClosures { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// For the state machine of a local function that captures variables of the coroutine around it:
    /// where each lives there (<c>enclosing.x</c>, <c>enclosing.closure1.x</c>), as syntax and for the model.
    /// </summary>
    public Dictionary<ISymbol, (ExpressionSyntax Syntax, CodeExpression Model)> Shared { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>For such a local function that captures <c>this</c>: the instance field of the state machine around it (<c>enclosing.@this</c>).</summary>
    public (ExpressionSyntax Syntax, CodeExpression Model)? SharedInstance { get; set; }

    /// <summary>
    /// What a call of a <c>[Coroutine]</c> local function that captures passes its factory first:
    /// the state machine that holds the captured variables (<c>this</c> in the coroutine around
    /// it, <c>enclosing</c> in a local function's); see <see cref="CapturingLocalFunctions"/>.
    /// </summary>
    public ExpressionSyntax SharedStateMachine { get; set; } = SyntaxFactory.ThisExpression();

    /// <summary>
    /// For a local function's state machine: those of the coroutines around it, by coroutine
    /// (<c>enclosing</c>, then <c>enclosing.enclosing</c> when that one is a local function's in turn).
    /// </summary>
    public Dictionary<ISymbol, ExpressionSyntax> StateMachinesAround { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// The state machine a call of <paramref name="callee"/>, a <c>[Coroutine]</c> local function that
    /// captures, passes its factory: that of the coroutine declaring it (<c>this</c> when it is this one).
    /// </summary>
    public ExpressionSyntax StateMachineDeclaring(IMethodSymbol callee)
    {
        var declaring = callee.OriginalDefinition.ContainingSymbol.OriginalDefinition;
        return SymbolEqualityComparer.Default.Equals(declaring, _method.OriginalDefinition) ? SyntaxFactory.ThisExpression()
            : StateMachinesAround.TryGetValue(declaring, out var around) ? around
            : SharedStateMachine;
    }

    /// <summary>Which <c>[Coroutine]</c> local functions called here capture (their factory takes the state machine around them).</summary>
    public Dictionary<ISymbol, bool> CapturingLocalFunctions { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Whether a call of <paramref name="callee"/> passes <see cref="SharedStateMachine"/> to its factory first.</summary>
    public bool CapturesFromEnclosing(IMethodSymbol callee)
    {
        if (callee.MethodKind != MethodKind.LocalFunction)
        {
            return false;
        }
        var definition = callee.OriginalDefinition;
        if (!CapturingLocalFunctions.TryGetValue(definition, out var captures))
        {
            captures = definition.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is { } declaration &&
                LocalFunctionCoroutines.Captured(declaration, Model, default).Count > 0;
            CapturingLocalFunctions[definition] = captures;
        }
        return captures;
    }

    /// <summary>
    /// For a call of a <c>[Coroutine]</c> local function of a generic method that captures nothing:
    /// its factory's type arguments, the method's type parameters (in scope in every state machine
    /// generic over them) then the call's own; null for any other call.
    /// </summary>
    public TypeArgumentListSyntax? FactoryTypeArguments(IMethodSymbol callee)
    {
        if (callee.MethodKind != MethodKind.LocalFunction || CapturesFromEnclosing(callee) ||
            LocalFunctionCoroutines.OuterTypeParameters(callee) is not { Count: > 0 } outer)
        {
            return null;
        }
        var types = outer.Select(static t => (TypeSyntax)SyntaxFactory.IdentifierName(SymbolText.Identifier(t.Name)))
            .Concat(callee.TypeArguments.Select(static t => SyntaxFactory.ParseTypeName(SymbolText.Type(t))));
        return SyntaxFactory.TypeArgumentList(SyntaxFactory.SeparatedList(types));
    }

    /// <summary>The instance (implicit and explicit <c>this</c>), as syntax.</summary>
    public ExpressionSyntax InstanceSyntax() => SharedInstance?.Syntax ?? SyntaxFactory.IdentifierName(InstanceField);

    /// <summary>The instance, for the model.</summary>
    public CodeExpression InstanceExpression() => SharedInstance?.Model ?? new TextExpression(InstanceField);

    /// <summary>The locals kept in a closure environment, and their field there.</summary>
    public Dictionary<ISymbol, (ClosureNames Closure, string Field)> ClosureOf { get; } = new(SymbolEqualityComparer.Default);

    private HashSet<string>? _ownMemberNames;

    private readonly HoistedLocalNames _hoistedLocalNames = new();

    /// <summary>The names <paramref name="body"/> declares, counted by the one walk over it (<see cref="BodySyntax.DeclaredNames"/>).</summary>
    public void KnowDeclaredNames(SyntaxNode body, Dictionary<string, int> declared) => _hoistedLocalNames.Know(body, declared);

    /// <summary>The body's syntactic reachability answers, remembered for the whole body.</summary>
    public SyntacticReachability Reachability { get; } = new();

    /// <summary>
    /// The local or parameter in <see cref="Fields"/> that <paramref name="node"/> certainly reads, told by syntax
    /// (see <see cref="HoistedLocalNames"/>); null when the model must be asked. Not for a name that
    /// may also be a member, a closure's or a shared local.
    /// </summary>
    public ISymbol? HoistedVariableReadBy(SimpleNameSyntax node) =>
        node is IdentifierNameSyntax name && !MayBeMember(name.Identifier.ValueText) &&
        !HasKeyNamed(StepLocals, name.Identifier.ValueText) &&
        !HasKeyNamed(ClosureOf, name.Identifier.ValueText) && !HasKeyNamed(Shared, name.Identifier.ValueText)
            ? _hoistedLocalNames.VariableReadBy(name, Fields.Keys)
            : null;

    // Asked for every simple name the rewriter meets: a loop over the keys (no LINQ closure, no boxed enumerator).
    private static bool HasKeyNamed<T>(Dictionary<ISymbol, T> map, string name)
    {
        foreach (var key in map.Keys)
        {
            if (key.Name == name)
            {
                return true;
            }
        }
        return false;
    }

    private Dictionary<string, bool>? _onlyStaticMembersNamed;

    /// <summary>
    /// Whether the rewrite leaves a simple name spelled <paramref name="text"/> as written whatever it
    /// binds to, so the model need not be asked (issue 16: <c>Seen++</c> on a static field bound its
    /// statement again): no generated member is so named, no variable that moved (to a field, a closure,
    /// a local of Step(), the state machine around) is, and every member of that name in the containing
    /// type and its base types is static. A local, a parameter, a type, a static member or an outer one
    /// is then written as it is (see <see cref="StatementRewriter"/>'s Replace); only an instance member
    /// of those types is qualified, and there is none of that name.
    /// </summary>
    public bool KeepsNameAsWritten(string text)
    {
        if (MemberNames.Contains(text) || HasKeyNamed(Fields, text) || HasKeyNamed(StepLocals, text) || HasKeyNamed(ClosureOf, text) || HasKeyNamed(Shared, text))
        {
            return false;
        }
        _onlyStaticMembersNamed ??= new Dictionary<string, bool>();
        if (!_onlyStaticMembersNamed.TryGetValue(text, out var onlyStatic))
        {
            onlyStatic = true;
            for (var type = ContainingType; type is not null && onlyStatic; type = type.BaseType)
            {
                foreach (var member in type.GetMembers(text))
                {
                    if (!member.IsStatic && member is not ITypeSymbol)
                    {
                        onlyStatic = false;
                        break;
                    }
                }
            }
            _onlyStaticMembersNamed[text] = onlyStatic;
        }
        return onlyStatic;
    }

    /// <summary>
    /// The rewriter's syntactic pre-filter: whether a simple name spelled <paramref name="text"/> can
    /// bind to something the rewrite changes (a variable that lives in a field, or a member of the
    /// containing type or of a base type, which is reached through the instance field). A name that
    /// cannot is left as written without asking the model what it binds to.
    /// </summary>
    public bool MayNeedRewrite(string text) =>
        MayBeMember(text) || HasKeyNamed(Fields, text) || HasKeyNamed(StepLocals, text) || HasKeyNamed(ClosureOf, text) || HasKeyNamed(Shared, text);

    // A member of the containing type or of a base type may be spelled so.
    private bool MayBeMember(string text)
    {
        if (_ownMemberNames is null)
        {
            _ownMemberNames = new HashSet<string>();
            for (var type = ContainingType; type is not null; type = type.BaseType)
            {
                _ownMemberNames.UnionWith(type.MemberNames);
            }
        }
        return _ownMemberNames.Contains(text);
    }

    /// <summary>The locals of an anonymous type kept in <c>object</c> fields, and the shape that reads each back (see <see cref="AnonymousShape"/>).</summary>
    public Dictionary<ISymbol, CodeExpression> AnonymousShapes { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Those of <see cref="AnonymousShapes"/> whose field holds a box of the variable, which every use goes through (<see cref="AnonymousVariableExpression"/>).</summary>
    public HashSet<ISymbol> AnonymousVariables { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Where <paramref name="symbol"/> lives, as the model writes it: <paramref name="field"/>, or the variable its field holds a box of.</summary>
    public CodeExpression KeptVariable(ISymbol symbol, CodeExpression field) =>
        AnonymousVariables.Contains(symbol) ? new AnonymousVariableExpression(field, AnonymousShapes[symbol]) : field;

    /// <summary>
    /// The field that keeps <paramref name="local"/> of <paramref name="type"/>: <paramref name="typeText"/> (its type as the capture walker spells it), or
    /// for an anonymous type (which a field cannot name) <c>object?</c>, its shape recorded for the reads.
    /// </summary>
    /// <param name="variable">Whether C# uses the local as a variable (see CaptureWalker.AnonymousVariables): its field then holds a box of one.</param>
    public FieldModel KeptLocalField(string name, ILocalSymbol local, ITypeSymbol type, string typeText, SyntaxNode declaration, bool variable = false)
    {
        var comment = $"local '{local.Name}' (line {BodyLowerer.LineOf(declaration)})";
        if (type.HoldsUnnamedDelegate() && !AnonymousShape.IsNeeded(type))
        {
            // Spelled with the declared delegate types (see NamedDelegates): `Delegate_f`, `global::System.Tuple<Delegate_f>`.
            var declared = SymbolText.Type(type);
            var named = string.Join(", ", type.UnnamedDelegatesIn().Select(t => NamedDelegates.For(t).Name).Distinct());
            return new FieldModel(name, declared, comment + $", with {named} for the delegate type C# made for its lambda or method group, which has no name", !type.IsValueType);
        }
        if (AnonymousShape.IsNeeded(type) && AnonymousShape.Of(type, out _, ShapeMethods) is { } shape)
        {
            AnonymousShapes[local] = shape;
            if (variable)
            {
                AnonymousVariables.Add(local);
                return new FieldModel(name, "object?", comment + AnonymousShape.VariableFieldComment, false);
            }
            return new FieldModel(name, "object?", comment + AnonymousShape.FieldCommentFor(shape), false);
        }
        return new FieldModel(name, typeText, comment, !type.IsValueType);
    }

    /// <summary>Whether <paramref name="symbol"/> now lives in a field: of the state machine, or of a closure environment.</summary>
    public bool LivesInField(ISymbol symbol) => Fields.ContainsKey(symbol) || ClosureOf.ContainsKey(symbol) || Shared.ContainsKey(symbol);

    /// <summary>Where <paramref name="symbol"/> now lives, for the model: its field, or <c>closureN.x</c>; null if it stays a local.</summary>
    public CodeExpression? FieldExpression(ISymbol symbol) =>
        ClosureOf.TryGetValue(symbol, out var kept) ? new MemberExpression(kept.Closure.Field, kept.Field)
        : Fields.TryGetValue(symbol, out var field) ? new TextExpression(field)
        : Shared.TryGetValue(symbol, out var shared) ? shared.Model
        : null;

    /// <summary>Where <paramref name="symbol"/> now lives, as syntax in the user's rewritten code; null if it stays a local.</summary>
    public ExpressionSyntax? FieldSyntax(ISymbol symbol) =>
        ClosureOf.TryGetValue(symbol, out var kept) ? MemberAccess(kept.Closure.Field, kept.Field)
        : Fields.TryGetValue(symbol, out var field) ? SyntaxFactory.IdentifierName(field)
        : Shared.TryGetValue(symbol, out var shared) ? shared.Syntax
        : null;

    /// <summary><c>receiver.member</c>, both generated names.</summary>
    public static MemberAccessExpressionSyntax MemberAccess(string receiver, string member) =>
        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(receiver), SyntaxFactory.IdentifierName(member));

    /// <summary>The environments' declarations, for the model.</summary>
    public List<ClosureModel> ClosureModels { get; } = new();

    /// <summary>
    /// For a local function's coroutine: the local functions of the methods around it that it uses and
    /// that are not coroutines, declared again in its <c>Step()</c> (see <see cref="LocalFunctionCoroutines.UsedLocalFunctions"/>).
    /// </summary>
    public List<LocalFunctionStatementSyntax> CopiedLocalFunctions { get; } = new();

    /// <summary>The identifiers written in <paramref name="node"/> and in <see cref="CopiedLocalFunctions"/>: names a generated one must not take.</summary>
    public HashSet<string> IdentifiersIn(SyntaxNode node) =>
        new(CopiedLocalFunctions.Prepend(node).SelectMany(static n => n.DescendantTokens()).Where(static t => t.IsKind(SyntaxKind.IdentifierToken)).Select(static t => t.ValueText));

    /// <summary>Whether the state machine leaves out the declaration of <paramref name="function"/> (see <see cref="LocalFunctionCoroutines.LeftOut"/>); never one of its copies.</summary>
    public bool LeavesOut(LocalFunctionStatementSyntax function) =>
        !CopiedLocalFunctions.Contains(function) && LocalFunctionCoroutines.LeftOut(function, Model, Factories);

    /// <summary>The accessors through which <c>base.M(...)</c> and <c>base.P</c> are reached (null: a static method).</summary>
    public BaseAccessors? BaseAccessors { get; set; }

    /// <summary>Query clauses already run into a temporary (a query's part before a <c>join</c> that suspends): the rewritten query leaves them out.</summary>
    public HashSet<SyntaxNode> DroppedQueryClauses { get; } = new();

    /// <summary>The first <c>from</c> of such a query: it reads the kept part, without a type (its cast already ran), its range variable named as given.</summary>
    public Dictionary<SyntaxNode, string> KeptQueryFroms { get; } = new();

    /// <summary>
    /// A query whose part before a suspending <c>join</c> after an <c>into</c> was kept: written <c>from v in</c> the kept
    /// part (its first <c>from</c>'s collection, spilled) and the body of that <c>into</c> (the last one with such a join).
    /// </summary>
    public Dictionary<SyntaxNode, (string RangeVariable, QueryBodySyntax Body)> KeptQueryContinuations { get; } = new();

    /// <summary>The range variables of a kept part that added range variables: read as members of the kept part's element, <c>element.x</c>.</summary>
    public Dictionary<ISymbol, string> KeptRangeVariables { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>The state machine's accessors of methods C# calls and C# code cannot name (see ExpressionSpiller.RuntimeAccessors).</summary>
    public List<RuntimeAccessorModel> RuntimeAccessors { get; } = new();

    /// <summary>
    /// The state machine's name, after the one it is nested in (a capturing local function's): what names the
    /// classes it nests in the user's types (a runtime accessor's holder) apart from those of the type's other coroutines.
    /// </summary>
    public string StateMachinePath { get; set; } = "";
}

/// <summary>
/// Rewrites user code so it means the same inside the nested state-machine class: hoisted locals
/// and parameters become fields, implicit <c>this</c> becomes <c>@this</c>, names the state machine
/// would shadow are qualified, and <c>return</c>/<c>break</c>/<c>continue</c> that leave the kept
/// statement become what the flattened code needs. Line structure is preserved for <c>#line</c>.
/// What the lowering puts in place of part of the user's code is not text: the rewriter leaves a
/// placeholder node there, and <see cref="Splice"/> cuts the result into the user's text pieces and
/// typed holes (<see cref="SplicedCode"/>), which only the emitter spells.
/// </summary>
internal sealed class StatementRewriter : CSharpSyntaxRewriter
{
    private readonly RewriteScope _scope;
    private readonly IJumpRouter? _router;
    private const string HoleKind = "Coroutines.Generator.Hole";
    private readonly Stack<List<HoistExpression>> _patternHoists = new();
    private readonly List<CodeSegment> _holes = new();
    private readonly int? _dedent;
    private int _breakDepth;
    private int _continueDepth;
    private int _switchDepth;
    private int _catchDepth;
    private int _functionDepth;
    private List<ClosureNames>? _keptClosures;
    private SimpleNameSyntax? _renamed;
    private SyntaxNode? _root; // the first node visited: an overflow context around it is lost in the rewritten text
    private string? _newName;

    // RewriteCall of a [Coroutine] local function that captures: the call, and the argument its factory takes first.
    private (InvocationExpressionSyntax Call, ExpressionSyntax Argument)? _firstArgument;

    // RewriteCall of a [Coroutine] local function of a generic method: all the type arguments of its factory, written out.
    private TypeArgumentListSyntax? _typeArguments;

    /// <param name="dedent">
    /// For code kept on lines of its own: the columns its continuation lines lose (the indentation of
    /// the line it starts on; line ends become <c>\n</c>). Null: text as written.
    /// </param>
    public StatementRewriter(RewriteScope scope, IJumpRouter? router, int? dedent = null)
        : base(visitIntoStructuredTrivia: false)
    {
        _scope = scope;
        _router = router;
        _dedent = dedent;
    }

    /// <summary>Labels of the flattened code that rewritten jumps go to.</summary>
    public List<string> JumpTargets { get; } = new();

    public override SyntaxNode? Visit(SyntaxNode? node)
    {
        if (node is null)
        {
            return null;
        }
        _root ??= node;
        if (_keptCollections is { } collections && node is ExpressionSyntax && collections.TryGetValue(node, out var collectionLocal))
        {
            return KeptCollection(node, collections, collectionLocal);
        }
        if (_functionDepth == 0 && ClosureScopes.IsEmbedded(node) && _scope.Closures.TryGetValue(node, out var embedded) && base.Visit(node) is StatementSyntax visitedEmbedded)
        {
            // An embedded statement whose variables a closure keeps (see Binding/ClosureScopes.IsEmbedded): a block of its own, a new environment at its start.
            return SyntaxFactory.Block(Entering(embedded).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space), visitedEmbedded.WithoutLeadingTrivia().WithTrailingTrivia(SyntaxFactory.Space))
                .WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(visitedEmbedded.GetLeadingTrivia()))
                .WithCloseBraceToken(SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithTrailingTrivia(visitedEmbedded.GetTrailingTrivia()));
        }
        if (_keptHead is { } keeping && keeping.Head == node && _keptClosures is null)
        {
            // The condition or collection of a statement that keeps the environments (see KeepingHead): read through its locals.
            return KeepingIn(keeping.Kept, () => Visit(node));
        }
        if (_referenced is { } referenced && referenced.Value == node && _keptClosures is null)
        {
            // The value a ref local refers into, kept in a local of its own (see KeptByReference): read through the block's locals.
            return KeepingIn(referenced.Kept, () => Visit(node))?.WithAdditionalAnnotations(new SyntaxAnnotation(ReferencedKind));
        }
        if (_scope.Spilled.TryGetValue(node, out var temporary))
        {
            return _scope.SpilledShapes.TryGetValue(temporary, out var shape)
                ? Hole(SyntaxFactory.IdentifierName("_"), node, new ExpressionSegment(new AnonymousReadExpression(new TextExpression(temporary), shape)))
                : SyntaxFactory.IdentifierName(temporary).WithTriviaFrom(node);
        }
        // `Spanned(rows, x => x.A + item).Length`: a lambda cannot return the ref struct, so the value around it is made through the environments.
        var visited = node is ExpressionSyntax around && _scope.ValuesMadeAround.Contains(node) && _scope.ClosureOf.Count > 0 && _keptClosures is null
            ? MadeThroughEnvironments(around, null, () => base.Visit(node), natural: false)
            : node is ImplicitObjectCreationExpressionSyntax creation && _scope.KeptCreations.TryGetValue(node, out var creationShape)
                ? MadeThroughEnvironments(creation, null, () => Shaped(creation, base.Visit(node), creationShape), natural: false)
                : node is ConditionalExpressionSyntax choice && _scope.KeptChoices.TryGetValue(node, out var choiceShape)
                    ? Shaped(choice, base.Visit(node), choiceShape)
                    : base.Visit(node);
        if (visited is ExpressionSyntax converted && DeclaredDelegateOf(node) is { } declared && converted is AnonymousFunctionExpressionSyntax or IdentifierNameSyntax or GenericNameSyntax or MemberAccessExpressionSyntax)
        {
            // `(Delegate_f)((ref int y) => y)`: a lambda or method group of a delegate type C# made converts to the type declared for it (see NamedDelegates),
            // so that `var g = ...`, `Pick(...)` and `Tuple.Create(...)` infer the declared type where C# inferred its own.
            return SyntaxFactory.CastExpression(SyntaxFactory.IdentifierName(declared), SyntaxFactory.ParenthesizedExpression(converted.WithoutTrivia())).WithTriviaFrom(converted);
        }
        // `checked(a * b + F())` split, or a statement of a flattened `checked` block: the part written
        // on its own no longer stands inside the keyword, so it gets its own, as C# checks it.
        if (visited is ExpressionSyntax expression && IsArithmetic(node) && OverflowContext(node) is { } context && !_root.Span.Contains(context.Span) &&
            (node == _root || !IsArithmetic(OutsideParentheses(node)) || !_root.Span.Contains(node.Parent!.Span)) && CanOverflow(node))
        {
            var kind = context.IsKind(SyntaxKind.CheckedExpression) || context.IsKind(SyntaxKind.CheckedStatement) ? SyntaxKind.CheckedExpression : SyntaxKind.UncheckedExpression;
            ExpressionSyntax wrapped = SyntaxFactory.CheckedExpression(kind, expression.WithoutTrivia());
            if (OutsideParentheses(node) is ExpressionStatementSyntax or ForStatementSyntax)
            {
                // `sum += big;`, `i++` as a statement: `checked(...)` is not a statement, a discard assignment is.
                wrapped = SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName("_"), wrapped);
            }
            return wrapped.WithTriviaFrom(expression);
        }
        return visited;
    }

    /// <summary>
    /// <c>false ? Shape_Box(new { ... }) : new() { Slot = x =&gt; ... }</c>: an object <c>new()</c> kept in an <c>object</c> field
    /// (see <see cref="RewriteScope.KeptCreations"/>) takes its type from its never-run shape, as C# types a <c>?:</c>; so does a <c>?:</c> without a type of
    /// its own (see <see cref="RewriteScope.KeptChoices"/>), <c>false ? Shape_Func(new { ... }) : (c ? x =&gt; ... : Zero)</c>.
    /// </summary>
    private ExpressionSyntax? Shaped(ExpressionSyntax node, SyntaxNode? visited, CodeExpression shape) =>
        visited is ExpressionSyntax created
            ? SyntaxFactory.ConditionalExpression(
                SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression),
                SyntaxFactory.Token(SyntaxKind.QuestionToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space),
                Hole(SyntaxFactory.IdentifierName("_"), node, new ExpressionSegment(shape)).WithoutTrivia(),
                SyntaxFactory.Token(SyntaxKind.ColonToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space),
                created is ConditionalExpressionSyntax ? SyntaxFactory.ParenthesizedExpression(created.WithoutTrivia()) : created.WithoutTrivia()).WithTriviaFrom(created)
            : null;

    /// <summary>Whether <paramref name="node"/> works on a type whose overflow <c>checked</c> decides (an integral type, <c>char</c>, an enum).</summary>
    private bool CanOverflow(SyntaxNode node) =>
        _scope.Model.GetTypeInfo(node).Type is { } type &&
        (type.SpecialType is >= SpecialType.System_Char and <= SpecialType.System_UInt64 or SpecialType.System_IntPtr or SpecialType.System_UIntPtr ||
         type.TypeKind == TypeKind.Enum);

    /// <summary>The <c>checked</c>/<c>unchecked</c> expression or block that decides whether <paramref name="node"/>'s arithmetic is checked; null: the project's default.</summary>
    public static SyntaxNode? OverflowContext(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case CheckedExpressionSyntax or CheckedStatementSyntax:
                    return ancestor;
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax:
                    return null;
            }
        }
        return null;
    }

    /// <summary>The keyword of <paramref name="node"/>'s overflow context, for a value the spiller builds (<c>old + value</c>); null: the project's default.</summary>
    public static string? OverflowKeyword(SyntaxNode node) => OverflowContext(node) switch
    {
        null => null,
        var context when context.IsKind(SyntaxKind.CheckedExpression) || context.IsKind(SyntaxKind.CheckedStatement) => "checked",
        _ => "unchecked",
    };

    /// <summary>An operation whose overflow <c>checked</c> decides: arithmetic operators, increments, compound assignments, casts.</summary>
    private static bool IsArithmetic(SyntaxNode node) => node.Kind() switch
    {
        SyntaxKind.AddExpression or SyntaxKind.SubtractExpression or SyntaxKind.MultiplyExpression or SyntaxKind.DivideExpression
            or SyntaxKind.UnaryMinusExpression or SyntaxKind.PreIncrementExpression or SyntaxKind.PreDecrementExpression
            or SyntaxKind.PostIncrementExpression or SyntaxKind.PostDecrementExpression or SyntaxKind.CastExpression
            or SyntaxKind.AddAssignmentExpression or SyntaxKind.SubtractAssignmentExpression or SyntaxKind.MultiplyAssignmentExpression
            or SyntaxKind.DivideAssignmentExpression => true,
        _ => false,
    };

    private static SyntaxNode OutsideParentheses(SyntaxNode node)
    {
        var parent = node.Parent!;
        while (parent is ParenthesizedExpressionSyntax && parent.Parent is not null)
        {
            parent = parent.Parent;
        }
        return parent;
    }

    public static CodeExpression Rewrite(RewriteScope scope, SyntaxNode node, int? dedent = null)
    {
        var rewriter = new StatementRewriter(scope, null, dedent);
        return rewriter.SpliceExpression(rewriter.Visit(node)!);
    }

    /// <summary>
    /// <paramref name="node"/> (a clause of a query part run before a suspending <c>join</c>) reading the locals of
    /// closure environments through their lambda parameters (<c>captured1.k</c>), the environments added to
    /// <paramref name="kept"/>: the caller makes the part through them (<see cref="ThroughEnvironmentsExpression"/>).
    /// </summary>
    public static CodeExpression RewriteThroughEnvironments(RewriteScope scope, SyntaxNode node, List<ClosureNames> kept)
    {
        var rewriter = new StatementRewriter(scope, null) { _keptClosures = kept };
        return rewriter.SpliceExpression(rewriter.Visit(node)!);
    }

    /// <summary>
    /// The text of <paramref name="rewritten"/> (what <see cref="Visit"/> made), cut at the
    /// placeholders into the user's text and the typed holes that replace them.
    /// </summary>
    public SplicedCode Splice(SyntaxNode rewritten)
    {
        var text = rewritten.ToString();
        var origin = rewritten.SpanStart;
        var segments = new List<CodeSegment>();
        var at = 0;
        // Only this rewriter's holes are annotated: without any, there is nothing to look for in the tree.
        var holes = _holes.Count == 0 ? Enumerable.Empty<SyntaxNode>() : rewritten.GetAnnotatedNodes(HoleKind);
        foreach (var hole in holes.OrderBy(static n => n.SpanStart))
        {
            var start = hole.SpanStart - origin;
            if (start > at)
            {
                segments.Add(new TextSegment(Dedent(text.Substring(at, start - at))));
            }
            var index = int.Parse(hole.GetAnnotations(HoleKind).First().Data!, System.Globalization.CultureInfo.InvariantCulture);
            segments.Add(_holes[index]);
            at = hole.Span.End - origin;
        }
        if (at < text.Length || segments.Count == 0)
        {
            segments.Add(new TextSegment(Dedent(text.Substring(at))));
        }
        return new SplicedCode(segments.ToEquatableArray());
    }

    /// <summary>As <see cref="Splice"/>, for an expression: plain text when it has no hole.</summary>
    public CodeExpression SpliceExpression(SyntaxNode rewritten)
    {
        var code = Splice(rewritten);
        return code.PlainText is { } text ? new TextExpression(text) : new SplicedExpression(code);
    }

    /// <summary>A placeholder for <paramref name="hole"/>, in place of <paramref name="original"/> (whose trivia it keeps).</summary>
    private T Hole<T>(T placeholder, SyntaxNode original, CodeSegment hole)
        where T : SyntaxNode
    {
        var annotation = new SyntaxAnnotation(HoleKind, _holes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _holes.Add(hole);
        return placeholder.WithTriviaFrom(original).WithAdditionalAnnotations(annotation);
    }

    // Every piece of user text is dedented on its own: a hole never holds a line end, so a piece
    // starts a line only when it starts the code, whose first line keeps its indentation anyway.
    private string Dedent(string text)
    {
        if (_dedent is not { } indent || text.IndexOf('\n') < 0)
        {
            return text;
        }
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 1; i < lines.Length; i++)
        {
            var strip = 0;
            while (strip < indent && strip < lines[i].Length && char.IsWhiteSpace(lines[i][strip]))
            {
                strip++;
            }
            lines[i] = lines[i].Substring(strip);
        }
        return string.Join("\n", lines);
    }

    /// <summary>
    /// <paramref name="call"/> with the called method's name replaced by <paramref name="name"/>
    /// (a coroutine's generated factory): the same receiver, type arguments and arguments, rewritten.
    /// </summary>
    public static CodeExpression RewriteCall(RewriteScope scope, InvocationExpressionSyntax call, string name, ExpressionSyntax? firstArgument = null, TypeArgumentListSyntax? typeArguments = null)
    {
        var rewriter = CallRewriter(scope, call, name, firstArgument, typeArguments);
        return rewriter.SpliceExpression(rewriter.Visit(call)!);
    }

    /// <summary>
    /// The store of the callee of a call of a coroutine into <paramref name="target"/>, made with its arguments (see <see cref="RewriteCall"/>), when an argument
    /// has a lambda that can be made neither through the environments nor with its assignment (see Binding/ClosureScopes.KeptBeforeSuspension): in a block that
    /// keeps them, <c>{ Closure1 captured1 = closure1; call1 = NextCoroutine((slot = x =&gt; x.A + captured1.copy) is null ? 1 : 0); }</c>.
    /// </summary>
    public static SplicedCode KeepingCall(RewriteScope scope, string target, InvocationExpressionSyntax call, string name, ExpressionSyntax? firstArgument, TypeArgumentListSyntax? typeArguments)
    {
        var rewriter = CallRewriter(scope, call, name, firstArgument, typeArguments);
        var kept = new List<ClosureNames>();
        // `o?.Run(...)` under `if (o is not null)`: called on the receiver, as an open chain writes it (see VisitMemberBindingExpression).
        var opened = ConditionalChains.RootBinding(call) is { } binding && ConditionalChains.OwnerOf(binding) is { } owner && scope.OpenChains.Add(owner) ? owner : null;
        ExpressionSyntax visited;
        try
        {
            visited = (ExpressionSyntax)rewriter.KeepingIn(kept, () => rewriter.Visit(call))!;
        }
        finally
        {
            if (opened is not null)
            {
                scope.OpenChains.Remove(opened);
            }
        }
        return rewriter.Splice(KeepingBlock(kept, new[] { Assigned(SyntaxFactory.Identifier(target), visited) }, SyntaxFactory.TriviaList(), SyntaxFactory.TriviaList()));
    }

    private static StatementRewriter CallRewriter(RewriteScope scope, InvocationExpressionSyntax call, string name, ExpressionSyntax? firstArgument, TypeArgumentListSyntax? typeArguments) =>
        new(scope, null)
        {
            _firstArgument = firstArgument is null ? null : (call, firstArgument),
            _renamed = call.Expression switch
            {
                MemberAccessExpressionSyntax access => access.Name,
                MemberBindingExpressionSyntax binding => binding.Name, // `o?.Run()`: the caller writes the receiver before it
                SimpleNameSyntax simple => simple,
                _ => null,
            },
            _newName = name,
            _typeArguments = typeArguments,
        };

    /// <summary>
    /// <c>subject is pattern [&amp;&amp; when]</c> for a flattened switch label, with pattern variables
    /// stored in their fields through <c>Hoist</c> before the <c>when</c> clause reads them.
    /// </summary>
    public CodeExpression PatternCondition(string subject, PatternSyntax pattern, ExpressionSyntax? when, CodeExpression? subjectShape = null)
    {
        var hoists = new List<HoistExpression>();
        _patternHoists.Push(hoists);
        var rewritten = SpliceExpression(Visit(pattern)!);
        _patternHoists.Pop();
        var operands = new List<CodeExpression> { new PatternTestExpression(subject, rewritten) { Parenthesized = false, ValueShape = subjectShape } };
        operands.AddRange(hoists);
        if (when is not null)
        {
            operands.Add(new ParenthesizedExpression(SpliceExpression(Visit(when)!)));
        }
        return operands.Count == 1 ? operands[0] : new AndExpression(operands.ToEquatableArray());
    }

    public override SyntaxNode? VisitIsPatternExpression(IsPatternExpressionSyntax node)
    {
        if (_declaredBefore?.Where(d => ClosureScopes.PatternOf(d) == node).ToList() is { Count: > 0 } before)
        {
            return MatchedBefore(node, before);
        }
        var hoists = new List<HoistExpression>();
        _patternHoists.Push(hoists);
        var visited = base.VisitIsPatternExpression(node)!;
        _patternHoists.Pop();
        if (hoists.Count == 0)
        {
            return visited;
        }
        // `x is T t` cannot declare a field: match into a temporary, then store it. `x is not T t` assigns it when the test is false:
        // `!(x is T t && Hoist(...))`, the same value, the store made when it matches.
        var negated = visited is IsPatternExpressionSyntax { Pattern: UnaryPatternSyntax { RawKind: (int)SyntaxKind.NotPattern } not } isNot ? isNot.WithPattern(not.Pattern) : null;
        var test = new CodeExpression[] { SpliceExpression(negated ?? visited) }.Concat(hoists).ToEquatableArray();
        CodeExpression matched = new ParenthesizedExpression(new AndExpression(test));
        return Hole(SyntaxFactory.IdentifierName("_"), node, new ExpressionSegment(negated is null ? matched : new NotExpression(matched)));
    }

    public override SyntaxNode? VisitVariableDeclarator(VariableDeclaratorSyntax node)
    {
        // A ref local kept in Step() under another name (another variable of the body has its own).
        var visited = (VariableDeclaratorSyntax)base.VisitVariableDeclarator(node)!;
        return _scope.StepLocals.Count > 0 && _scope.Model.GetDeclaredSymbol(node) is { } local && _scope.StepLocals.TryGetValue(local, out var name) && name != node.Identifier.Text
            ? visited.WithIdentifier(SyntaxFactory.Identifier(name).WithTriviaFrom(node.Identifier))
            : visited;
    }

    /// <summary>
    /// <c>Spanned(copy) is var span</c> whose variable is declared before its statement's block (see Binding/ClosureScopes.DeclaredBeforeStatement): a
    /// pattern cannot assign it, so it matches into a temporary, then stores it, <c>(Spanned(copy) is var span__1 &amp;&amp; (span = span__1) is var _)</c>:
    /// assigned where the match succeeds, as C# assigns it. <c>x is not P span</c> assigns it when the test is false: <c>!(x is P span__1 &amp;&amp; ...)</c>.
    /// The pattern's other variables declared before are stored the same way, and those kept in fields after them (<c>is { Length: var count } span</c>,
    /// <c>count</c> read after the statement: <c>... &amp;&amp; (span = span__1) is var _ &amp;&amp; Hoist(count, count__2)</c>).
    /// </summary>
    private ExpressionSyntax MatchedBefore(IsPatternExpressionSyntax node, List<SingleVariableDesignationSyntax> designations)
    {
        var into = designations.ToDictionary(d => d, d => (Variable: DeclaredBeforeName(d), Temporary: GeneratedNames.PatternTemporary(DeclaredBeforeName(d).ValueText, ++_scope.TemporaryCount)));
        _matchedInto = into.ToDictionary(static p => p.Key, static p => p.Value.Temporary);
        var hoists = new List<HoistExpression>();
        _patternHoists.Push(hoists);
        IsPatternExpressionSyntax visited;
        try
        {
            visited = (IsPatternExpressionSyntax)base.VisitIsPatternExpression(node)!;
        }
        finally
        {
            _patternHoists.Pop();
            _matchedInto = null;
        }
        var negated = visited.Pattern is UnaryPatternSyntax { RawKind: (int)SyntaxKind.NotPattern } not ? visited.WithPattern(not.Pattern.WithoutLeadingTrivia()) : null;
        var space = SyntaxFactory.TriviaList(SyntaxFactory.Space);
        ExpressionSyntax test = (negated ?? visited).WithoutTrivia();
        foreach (var (variable, temporary) in designations.Select(d => into[d]))
        {
            var stored = SyntaxFactory.IsPatternExpression(
                SyntaxFactory.ParenthesizedExpression(SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName(variable).WithTrailingTrivia(space),
                    SyntaxFactory.Token(default, SyntaxKind.EqualsToken, space), SyntaxFactory.IdentifierName(temporary))),
                SyntaxFactory.Token(space, SyntaxKind.IsKeyword, space),
                SyntaxFactory.VarPattern(SyntaxFactory.Token(default, SyntaxKind.VarKeyword, space), SyntaxFactory.DiscardDesignation()));
            test = SyntaxFactory.BinaryExpression(SyntaxKind.LogicalAndExpression, test, SyntaxFactory.Token(space, SyntaxKind.AmpersandAmpersandToken, space), stored);
        }
        if (hoists.Count > 0)
        {
            // Variables kept in fields: stored after the match as any pattern's (see VisitIsPatternExpression).
            CodeExpression withHoists = new ParenthesizedExpression(new AndExpression(new[] { SpliceExpression(test) }.Concat(hoists).ToEquatableArray()));
            return Hole(SyntaxFactory.IdentifierName("_"), node, new ExpressionSegment(negated is null ? withHoists : new NotExpression(withHoists)));
        }
        ExpressionSyntax matched = SyntaxFactory.ParenthesizedExpression(test);
        return (negated is null ? matched : SyntaxFactory.PrefixUnaryExpression(SyntaxKind.LogicalNotExpression, matched)).WithTriviaFrom(node);
    }

    private Dictionary<SingleVariableDesignationSyntax, string>? _matchedInto;

    public override SyntaxNode? VisitSingleVariableDesignation(SingleVariableDesignationSyntax node)
    {
        if (_matchedInto is not null && _matchedInto.TryGetValue(node, out var matched))
        {
            return SyntaxFactory.SingleVariableDesignation(SyntaxFactory.Identifier(matched)).WithTriviaFrom(node);
        }
        if (_patternHoists.Count > 0 &&
            _scope.Model.GetDeclaredSymbol(node) is { } symbol &&
            _scope.FieldExpression(symbol) is { } field)
        {
            var temp = GeneratedNames.PatternTemporary(_scope.ClosureOf.TryGetValue(symbol, out var kept) ? kept.Field : _scope.Fields[symbol], ++_scope.TemporaryCount);
            _patternHoists.Peek().Add(new HoistExpression(_scope.KeptVariable(symbol, field), temp));
            return SyntaxFactory.SingleVariableDesignation(SyntaxFactory.Identifier(temp)).WithTriviaFrom(node);
        }
        // A ref struct variable of an expression kept in Step() under another name (`out ReadOnlySpan<int> values`, see Binding/CaptureWalker.StepLocals).
        if (_scope.StepLocals.Count > 0 && _scope.Model.GetDeclaredSymbol(node) is { } local && _scope.StepLocals.TryGetValue(local, out var name) && name != node.Identifier.Text)
        {
            return node.WithIdentifier(SyntaxFactory.Identifier(name).WithTriviaFrom(node.Identifier));
        }
        return base.VisitSingleVariableDesignation(node);
    }

    /// <summary>
    /// A statement with a lambda that can be made neither through the environments nor with its call or assignment (see
    /// Binding/ClosureScopes.KeepingStatement): written in a block that first keeps the current environments in locals,
    /// <c>{ Closure1 captured1 = closure1; slot = x =&gt; x.A + captured1.copy; }</c>, on the statement's lines.
    /// Each run of the block has new locals, as C# makes a new display class on each entry: the lambda keeps this run's.
    /// </summary>
    public override SyntaxNode? VisitExpressionStatement(ExpressionStatementSyntax node)
    {
        if (_keptClosures is not null || _functionDepth > 0 || !_scope.KeepingStatements.Contains(node))
        {
            return base.VisitExpressionStatement(node);
        }
        var kept = new List<ClosureNames>();
        var visited = DeclaringBefore(node, () => KeepingIn(kept, () => base.VisitExpressionStatement(node)), out var declaredBefore);
        if (visited is not StatementSyntax statement || kept.Count == 0 && declaredBefore.Count == 0)
        {
            return visited;
        }
        return PrecededBy(declaredBefore, kept.Count == 0 ? statement : KeepingBlockIn(_keptHead, node, kept, statement));
    }

    private List<SingleVariableDesignationSyntax>? _declaredBefore;

    /// <summary>
    /// <paramref name="visit"/> of a statement kept in a block of its own whose <c>out</c> arguments or patterns in <paramref name="part"/> declare variables
    /// declared before that block (see Binding/ClosureScopes.DeclaredBeforeStatement): they are written as those variables, <c>out values</c> (a pattern, see <see cref="MatchedBefore"/>).
    /// </summary>
    private SyntaxNode? DeclaringBefore(SyntaxNode part, System.Func<SyntaxNode?> visit, out List<SingleVariableDesignationSyntax> declaredBefore)
    {
        declaredBefore = _scope.DeclaredBeforeStatement.Count == 0 ? new List<SingleVariableDesignationSyntax>() : part.DescendantNodes(static n => !SuspensionFinder.IsFunction(n)).OfType<SingleVariableDesignationSyntax>()
            .Where(d => _scope.Model.GetDeclaredSymbol(d) is { } local && _scope.DeclaredBeforeStatement.Contains(local)).ToList();
        var outer = _declaredBefore;
        _declaredBefore = declaredBefore.Count == 0 ? outer : declaredBefore;
        try
        {
            return visit();
        }
        finally
        {
            _declaredBefore = outer;
        }
    }

    /// <summary>
    /// <c>ReadOnlySpan&lt;int&gt; values; { Closure1 captured1 = closure1; _ = Made(out values) &amp;&amp; ...; }</c>: the block would end a variable
    /// declared in it, so it is declared before (see <see cref="FollowingOf"/>); <paramref name="block"/> as it is when there is none.
    /// </summary>
    private StatementSyntax PrecededBy(List<SingleVariableDesignationSyntax> declaredBefore, StatementSyntax block)
    {
        if (declaredBefore.Count == 0)
        {
            return block;
        }
        var declarations = declaredBefore.Select((d, i) => (StatementSyntax)DeclaredBefore(d).WithLeadingTrivia(i == 0 ? block.GetLeadingTrivia() : SyntaxFactory.TriviaList())).ToList();
        return Followed((LocalDeclarationStatementSyntax)declarations[0], declarations.Skip(1).Append(block.WithLeadingTrivia()).ToArray());
    }

    /// <summary><c>ReadOnlySpan&lt;int&gt; values;</c>, <c>scoped</c> when C# would give the variable a context narrower than the caller's.</summary>
    private LocalDeclarationStatementSyntax DeclaredBefore(SingleVariableDesignationSyntax designation)
    {
        var local = (ILocalSymbol)_scope.Model.GetDeclaredSymbol(designation)!;
        TypeSyntax type = SyntaxFactory.ParseTypeName(SymbolText.Type(local.Type));
        if (designation.Parent is DeclarationExpressionSyntax declaration ? ClosureScopes.DeclaredMayBeNarrow(_scope.Model, declaration) : ClosureScopes.PatternMayBeNarrow(_scope.Model, designation))
        {
            type = SyntaxFactory.ScopedType(type);
        }
        return SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(type).WithVariables(SyntaxFactory.SingletonSeparatedList(
            SyntaxFactory.VariableDeclarator(DeclaredBeforeName(designation))))).NormalizeWhitespace().WithTrailingTrivia(SyntaxFactory.Space);
    }

    /// <summary>The name of a variable declared before its statement's block: its own, or, kept in Step() under another (see Binding/CaptureWalker.StepLocals), that one.</summary>
    private SyntaxToken DeclaredBeforeName(SingleVariableDesignationSyntax designation) =>
        _scope.Model.GetDeclaredSymbol(designation) is { } local && _scope.StepLocals.TryGetValue(local, out var name)
            ? SyntaxFactory.Identifier(name)
            : designation.Identifier.WithoutTrivia();

    /// <summary>
    /// The store of <paramref name="value"/>, a part of a statement that suspends evaluated before its first suspension, with a lambda that can
    /// be made neither through the environments nor with its call or assignment (see Binding/ClosureScopes.KeptBeforeSuspension), into the
    /// spiller's field <paramref name="target"/>: <c>{ Closure1 captured1 = closure1; slotIsNull_1 = (slot = x =&gt; x.A + captured1.copy) is null; }</c>,
    /// so that the lambda keeps this run's variables, as a statement kept as written does (see <see cref="VisitExpressionStatement"/>).
    /// </summary>
    public BlockSyntax KeepingStore(string target, ExpressionSyntax value, bool tested = false)
    {
        var kept = new List<ClosureNames>();
        var visited = (ExpressionSyntax)KeepingIn(kept, () => Visit(value))!;
        if (tested)
        {
            // A condition C# tests by its type's own `operator true` (see Binding/ResumedParts.IsTestedByItsOperatorTrue): the test's result, `(value) ? true : false`.
            visited = SyntaxFactory.ConditionalExpression(
                SyntaxFactory.ParenthesizedExpression(visited.WithoutTrivia()),
                SyntaxFactory.Token(SyntaxKind.QuestionToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space),
                SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression),
                SyntaxFactory.Token(SyntaxKind.ColonToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space),
                SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression));
        }
        return KeepingBlock(kept, new[] { Assigned(SyntaxFactory.Identifier(target), visited) }, SyntaxFactory.TriviaList(), SyntaxFactory.TriviaList());
    }

    /// <summary>
    /// <paramref name="value"/> evaluated for its effect, its suspensions spilled, in a block that keeps the environments as <see cref="KeepingStore"/> does:
    /// <c>{ Closure1 captured1 = closure1; holder_1.Inner(next_1).Take((rows.AsSpan()[0] = x =&gt; x.A + captured1.copy) is null ? 0 : 1); }</c>.
    /// </summary>
    public BlockSyntax KeepingEvaluation(ExpressionSyntax value)
    {
        var kept = new List<ClosureNames>();
        var visited = (ExpressionSyntax)KeepingIn(kept, () => Visit(value))!;
        return KeepingBlock(kept, new[] { SyntaxFactory.ExpressionStatement(visited.WithoutTrivia()) }, SyntaxFactory.TriviaList(), SyntaxFactory.TriviaList());
    }

    /// <summary>
    /// The store of the value of <paramref name="variable"/>, a local of a declaration that suspends, with a lambda after its suspensions that can be made neither
    /// through the environments nor with its call or assignment (see Binding/ClosureScopes.KeptBeforeSuspension), the suspensions spilled:
    /// <c>{ Closure1 captured1 = closure1; closure1.c = next_1 + ((rows.AsSpan()[0] = x =&gt; x.A + captured1.copy) is null ? 0 : 1); }</c>, as <see cref="KeepingStore"/>
    /// (an array's initializer made as <c>new int[] { ... }</c>); the store alone when the spiller kept the lambda in a temporary before a later suspension.
    /// </summary>
    public StatementSyntax KeepingDeclarator(VariableDeclaratorSyntax variable)
    {
        var target = _scope.Model.GetDeclaredSymbol(variable) is { } symbol && FieldTarget(symbol, variable) is { } field ? field : SyntaxFactory.IdentifierName(variable.Identifier.WithoutTrivia());
        var kept = new List<ClosureNames>();
        var store = Assigned(target, AssignedValue(((VariableDeclarationSyntax)variable.Parent!).Type, (ExpressionSyntax)KeepingIn(kept, () => Visit(variable.Initializer!.Value))!));
        return kept.Count == 0 ? store : KeepingBlock(kept, new[] { store }, SyntaxFactory.TriviaList(), SyntaxFactory.TriviaList());
    }

    /// <summary>
    /// <see cref="KeepingDeclarator(VariableDeclaratorSyntax)"/> of a later local of several of a ref struct type whose value holds collection expressions of a span type
    /// (<c>ReadOnlySpan&lt;int&gt; first = ..., second = Filled([copy, 2], (rows.AsSpan()[0] = x =&gt; ...) is null ? 0 : 1);</c>): each collection kept in a local of its
    /// own, <paramref name="collectionLocals"/>, written before the block, which C# makes for the block it is in (see Binding/KeptCollections).
    /// </summary>
    public StatementSyntax KeepingDeclarator(VariableDeclaratorSyntax variable, out List<StatementSyntax> collectionLocals)
    {
        collectionLocals = KeepingCollections(variable.Identifier.ValueText, new[] { variable.Initializer!.Value }, Enumerable.Empty<ExpressionSyntax>());
        try
        {
            return KeepingDeclarator(variable);
        }
        finally
        {
            _keptCollections = null;
        }
    }

    /// <summary><c>{ Closure1 captured1 = closure1; statements }</c>, on the lines of the statement it is made from, so that #line still maps them.</summary>
    private static BlockSyntax KeepingBlock(List<ClosureNames> kept, IEnumerable<StatementSyntax> statements, SyntaxTriviaList leading, SyntaxTriviaList trailing)
    {
        var keeping = kept.Distinct().OrderBy(static c => c.Id).Select(static c => (StatementSyntax)SyntaxFactory.LocalDeclarationStatement(
                SyntaxFactory.VariableDeclaration(SyntaxFactory.IdentifierName(c.Class)).WithVariables(SyntaxFactory.SingletonSeparatedList(
                    SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(c.Captured)).WithInitializer(SyntaxFactory.EqualsValueClause(SyntaxFactory.IdentifierName(c.Field))))))
            .NormalizeWhitespace().WithTrailingTrivia(SyntaxFactory.Space));
        return SyntaxFactory.Block(keeping.Concat(statements.Select(static s => s.WithTrailingTrivia(SyntaxFactory.Space))))
            .WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(SyntaxFactory.Space))
            .WithCloseBraceToken(SyntaxFactory.Token(SyntaxKind.CloseBraceToken))
            .WithLeadingTrivia(leading)
            .WithTrailingTrivia(kept.Count == 0 ? trailing : Commented(trailing));
    }

    /// <summary>The end of the line of code that keeps the current environments: <see cref="KeepingClosures"/> said before its line end (unless the user wrote a comment there).</summary>
    private static SyntaxTriviaList Commented(SyntaxTriviaList trailing) =>
        trailing.Any(static t => t.IsKind(SyntaxKind.EndOfLineTrivia)) && !trailing.Any(static t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia))
            ? SyntaxFactory.TriviaList(SyntaxFactory.Space, SyntaxFactory.Comment("// " + KeepingClosures)).AddRange(trailing.Where(static t => !t.IsKind(SyntaxKind.WhitespaceTrivia)))
            : trailing;

    private const string FollowingKind = "Coroutines.Generator.Following";
    private const string ReferencedKind = "Coroutines.Generator.Referenced";
    private readonly List<StatementSyntax[]> _following = new();
    private (ExpressionSyntax Value, List<ClosureNames> Kept)? _referenced;

    /// <summary>
    /// A declaration of ref struct locals with a lambda that can be made neither through the environments nor with its call (see
    /// Binding/ClosureScopes.IsKeptRefStructDeclaration): the declaration without values, <c>ReadOnlySpan&lt;int&gt; span;</c>, followed by
    /// a block that keeps the current environments and assigns them, <c>{ Closure1 captured1 = closure1; span = Spanned(rows, x =&gt; x.A + captured1.item); }</c>
    /// (see <see cref="FollowingOf"/>): a new local on each run of the block, so the lambda keeps this run's variables. <c>scoped</c> when
    /// the value may be narrower than the caller's context (<c>Filled(buffer, rows, x =&gt; ...)</c>, <c>buffer</c> a <c>stackalloc</c>), as C# gives the local its value's.
    /// </summary>
    public override SyntaxNode? VisitLocalDeclarationStatement(LocalDeclarationStatementSyntax node)
    {
        if (_keptClosures is not null || _functionDepth > 0 || !_scope.KeepingStatements.Contains(node))
        {
            return base.VisitLocalDeclarationStatement(node);
        }
        if (ClosureScopes.KeptByReference(_scope.Model, node, out var before) is { } referenced)
        {
            return KeptByReference(node, referenced, before);
        }
        var kept = new List<ClosureNames>();
        // A ref struct's (a local of another type is assigned in the block, where its value's collections can be made).
        var collectionLocals = KeepingCollections(_scope.Model.GetDeclaredSymbol(node.Declaration.Variables[0]) is ILocalSymbol { Type.IsRefLikeType: true }
            ? node.Declaration.Variables.Select(static v => (v.Identifier.ValueText, v.Initializer?.Value))
            : Enumerable.Empty<(string, ExpressionSyntax?)>());
        var visited = (LocalDeclarationStatementSyntax)DeclaringBefore(node, () => KeepingIn(kept, () => base.VisitLocalDeclarationStatement(node)), out var declaredBefore)!;
        _keptCollections = null;
        if (kept.Count == 0)
        {
            return visited;
        }
        if (node.Declaration.Variables.All(v => _scope.Model.GetDeclaredSymbol(v) is { } symbol && _scope.LivesInField(symbol)))
        {
            // Locals that live in fields (across a suspension): only their assignments, `{ Closure1 captured1 = closure1; closure1.n = ...; }`.
            var stores = node.Declaration.Variables.Zip(visited.Declaration.Variables, (v, written) => Assigned(FieldTarget(_scope.Model.GetDeclaredSymbol(v)!, v)!, AssignedValue(visited.Declaration.Type, written.Initializer!.Value)));
            return PrecededBy(declaredBefore, KeepingBlockIn(_keptHead, node, kept, stores, visited.GetLeadingTrivia(), visited.GetTrailingTrivia()));
        }
        // `var` written out (a local declared without a value names its type); `scoped` kept, or added for a value that may be narrower than the caller's context.
        var scoped = visited.Declaration.Type as ScopedTypeSyntax;
        var type = (scoped?.Type ?? visited.Declaration.Type) is { IsVar: true } implicitType && _scope.Model.GetDeclaredSymbol(node.Declaration.Variables[0]) is ILocalSymbol local
            ? SyntaxFactory.ParseTypeName(SymbolText.Type(local.Type)).WithTriviaFrom(implicitType)
            : scoped?.Type ?? visited.Declaration.Type;
        if (scoped is not null)
        {
            type = scoped.WithType(type);
        }
        else if (_scope.Model.GetDeclaredSymbol(node.Declaration.Variables[0]) is ILocalSymbol { Type.IsRefLikeType: true } && ClosureScopes.MayBeNarrow(_scope.Model, node.Declaration.Variables[0].Initializer!.Value))
        {
            type = SyntaxFactory.ScopedType(SyntaxFactory.Token(SyntaxKind.ScopedKeyword).WithLeadingTrivia(type.GetLeadingTrivia()).WithTrailingTrivia(SyntaxFactory.Space), type.WithoutLeadingTrivia());
        }
        var assignments = visited.Declaration.Variables.Select(v => Assigned(v.Identifier.WithoutTrivia(), AssignedValue(visited.Declaration.Type, v.Initializer!.Value)));
        SharedWith(_keptHead, node, kept);
        if (collectionLocals.Count > 0 && node.Declaration.Variables.Skip(1).Any(v => KeptCollections.Of(_scope.Model, v.Initializer!.Value) is { Count: > 0 }))
        {
            return OneAtATime(node, visited, type, kept, collectionLocals, assignments.ToList());
        }
        var variables = SyntaxFactory.SeparatedList(visited.Declaration.Variables.Select(static v => v.WithInitializer(null).WithIdentifier(v.Identifier.WithoutTrivia())), visited.Declaration.Variables.GetSeparators());
        // `int n; ReadOnlySpan<int> values; { Closure1 captured1 = closure1; n = Made(out values) && ... ? values[0] : 0; }`: after the locals, the variables its `out` arguments declare.
        return Followed(visited.WithDeclaration(visited.Declaration.WithType(type).WithVariables(variables)),
            declaredBefore.Select(d => (StatementSyntax)DeclaredBefore(d)).Concat(collectionLocals).Append(KeepingBlock(kept, assignments, SyntaxFactory.TriviaList(), visited.GetTrailingTrivia())).ToArray());
    }

    /// <summary>
    /// Such a declaration whose later declarator's value holds a collection expression of a span type (<c>Span&lt;int&gt; a = Filled([1], ...), b = Filled([2], ...);</c>):
    /// written one declarator at a time, each local declared, its collections kept before its block, then its block, so that C# makes
    /// each collection after the values before it, in C#'s order (see Binding/KeptCollections).
    /// </summary>
    private SyntaxNode OneAtATime(LocalDeclarationStatementSyntax node, LocalDeclarationStatementSyntax visited, TypeSyntax type, List<ClosureNames> kept, List<StatementSyntax> collectionLocals, List<StatementSyntax> assignments)
    {
        var declarations = visited.Declaration.Variables.Select(v => visited.WithDeclaration(visited.Declaration.WithType(type.WithoutTrivia().WithTrailingTrivia(SyntaxFactory.Space))
            .WithVariables(SyntaxFactory.SingletonSeparatedList(v.WithInitializer(null).WithIdentifier(v.Identifier.WithoutTrivia())))).WithoutTrivia()).ToList();
        var following = new List<StatementSyntax>();
        for (var i = 0; i < declarations.Count; i++)
        {
            var names = new HashSet<string>((KeptCollections.Of(_scope.Model, node.Declaration.Variables[i].Initializer!.Value) ?? System.Array.Empty<ExpressionSyntax>()).Select(c => _keptCollectionNames![c]));
            if (i > 0)
            {
                following.Add(declarations[i].WithTrailingTrivia(SyntaxFactory.Space));
            }
            following.AddRange(collectionLocals.Where(l => l is LocalDeclarationStatementSyntax local && names.Contains(local.Declaration.Variables[0].Identifier.ValueText)));
            following.Add(KeepingBlock(kept, new[] { assignments[i] }, SyntaxFactory.TriviaList(), i == declarations.Count - 1 ? visited.GetTrailingTrivia() : SyntaxFactory.TriviaList(SyntaxFactory.Space)));
        }
        return Followed(declarations[0].WithLeadingTrivia(visited.GetLeadingTrivia()), following.ToArray());
    }

    /// <summary>
    /// A ref local into a value of a ref struct type with such a lambda (see Binding/ClosureScopes.KeptByReference), <c>ref readonly var r = ref Spanned(rows, x =&gt; x.A + item)[0];</c>:
    /// the value is kept in a local of its own the same way, <c>ReadOnlySpan&lt;int&gt; r_source1; { Closure1 captured1 = closure1; r_source1 = Spanned(...); }</c>,
    /// and the ref local refers into it, <c>ref readonly var r = ref r_source1[0];</c>: C# evaluates that value first too, and the local keeps the value's context.
    /// </summary>
    /// The arguments evaluated before that value that evaluate something (<paramref name="before"/>, <c>Second(Count(), ref Filled(...)[0])</c>)
    /// are kept in locals of their own before that block, as its collections are (see <see cref="KeepingCollections"/>).
    private SyntaxNode? KeptByReference(LocalDeclarationStatementSyntax node, ExpressionSyntax referenced, List<ExpressionSyntax> before)
    {
        var kept = new List<ClosureNames>();
        _referenced = (referenced, kept);
        var collectionLocals = KeepingCollections(node.Declaration.Variables[0].Identifier.ValueText, new[] { referenced }, before);
        LocalDeclarationStatementSyntax visited;
        try
        {
            visited = (LocalDeclarationStatementSyntax)base.VisitLocalDeclarationStatement(node)!;
        }
        finally
        {
            _referenced = null;
            _keptCollections = null;
        }
        if (kept.Count == 0 || visited.GetAnnotatedNodes(ReferencedKind).OfType<ExpressionSyntax>().FirstOrDefault() is not { } value)
        {
            return visited;
        }
        SharedWith(_keptHead, node, kept);
        var name = GeneratedNames.RefLocalSource(node.Declaration.Variables[0].Identifier.ValueText, ++_scope.TemporaryCount);
        TypeSyntax type = SyntaxFactory.ParseTypeName(SymbolText.Type(_scope.Model.GetTypeInfo(referenced).Type!));
        if (ClosureScopes.MayBeNarrow(_scope.Model, referenced))
        {
            type = SyntaxFactory.ScopedType(type);
        }
        var source = SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(type).WithVariables(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(name))))
            .NormalizeWhitespace().WithLeadingTrivia(visited.GetLeadingTrivia());
        var declared = visited.ReplaceNode(value, SyntaxFactory.IdentifierName(name).WithTriviaFrom(value));
        return Followed(source, collectionLocals.Concat(new StatementSyntax[]
        {
            KeepingBlock(kept, new[] { Assigned(SyntaxFactory.Identifier(name), value) }, SyntaxFactory.TriviaList(), SyntaxFactory.TriviaList(SyntaxFactory.Space)),
            declared.WithLeadingTrivia().WithTrailingTrivia(kept.Count == 0 ? visited.GetTrailingTrivia() : Commented(visited.GetTrailingTrivia())),
        }).ToArray());
    }

    private Dictionary<SyntaxNode, string>? _keptCollections;
    // The names of the last declaration's kept collections (_keptCollections is cleared while one is visited).
    private Dictionary<SyntaxNode, string>? _keptCollectionNames;
    private List<StatementSyntax>? _collectionLocals;

    /// <summary>
    /// The collection expressions of a span type in <paramref name="values"/>, the values of a declaration written without them and assigned in a
    /// block that keeps the environments (see Binding/KeptCollections): each is visited as a local of its own, <c>Span&lt;int&gt; span_collection1 = [1, 2];</c>,
    /// declared before that block (the list returned, filled as the values are visited), so that C# makes it for the block the declaration is in.
    /// </summary>
    private List<StatementSyntax> KeepingCollections(string local, IEnumerable<ExpressionSyntax?> values, IEnumerable<ExpressionSyntax> before) =>
        KeepingCollections(values.Select(v => (local, v)), before.Select(b => (local, b)));

    // Each value's collections named after its own local (a later declarator's, `b_collection2`); an argument kept before them, `span_argument1`
    // (`Filled(Rows(), [1], ...)`, see Binding/KeptCollections.CanBeKeptBefore).
    private List<StatementSyntax> KeepingCollections(IEnumerable<(string Local, ExpressionSyntax? Value)> values, IEnumerable<(string Local, ExpressionSyntax Value)>? before = null)
    {
        var locals = new List<StatementSyntax>();
        var collections = (before ?? Enumerable.Empty<(string, ExpressionSyntax)>()).Concat(values.Where(static v => v.Value is not null)
            .SelectMany(v => (KeptCollections.Of(_scope.Model, v.Value!) ?? System.Array.Empty<ExpressionSyntax>()).Select(c => (v.Local, Value: c)))).ToList();
        _keptCollections = collections.Count == 0 ? null : collections.ToDictionary(c => (SyntaxNode)c.Value, c => IsCollection(c.Value)
            ? GeneratedNames.KeptCollection(c.Local, ++_scope.TemporaryCount)
            : GeneratedNames.KeptArgument(c.Local, ++_scope.TemporaryCount));
        _keptCollectionNames = _keptCollections;
        _collectionLocals = locals;
        return locals;
    }

    /// <summary>A collection of <see cref="KeepingCollections"/>: its local declared (its elements read the environments as anywhere else), its name in its place.</summary>
    private SyntaxNode KeptCollection(SyntaxNode node, Dictionary<SyntaxNode, string> collections, string name)
    {
        var keeping = _keptClosures;
        _keptClosures = null;
        _keptCollections = null;
        ExpressionSyntax written;
        try
        {
            written = (ExpressionSyntax)Visit(node)!;
        }
        finally
        {
            _keptClosures = keeping;
            _keptCollections = collections;
        }
        // A collection's local has the span type C# makes it for; an argument's, the type it is converted to (`var`: its own); one passed by
        // reference is a ref local (`ref readonly` for `in`), the argument given on by reference.
        var collection = IsCollection(node);
        var byReference = !collection && KeptCollections.IsKeptByReference((ExpressionSyntax)node);
        var type = collection ? _scope.Model.GetTypeInfo(node).ConvertedType : byReference ? null : KeptCollections.KeptType(_scope.Model, (ExpressionSyntax)node);
        TypeSyntax declared = type is null ? SyntaxFactory.IdentifierName("var") : SyntaxFactory.ParseTypeName(SymbolText.Type(type));
        if (byReference)
        {
            declared = SyntaxFactory.RefType(declared).WithReadOnlyKeyword(((ArgumentSyntax)node.Parent!).RefKindKeyword.IsKind(SyntaxKind.InKeyword) ? SyntaxFactory.Token(SyntaxKind.ReadOnlyKeyword) : default);
        }
        // The value as the user wrote it (spaced as written, not normalized with the declaration around it).
        var declaration = SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(declared)
                .WithVariables(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(name).WithInitializer(SyntaxFactory.EqualsValueClause(
                    byReference ? SyntaxFactory.RefExpression(SyntaxFactory.IdentifierName(name)) : SyntaxFactory.IdentifierName(name))))))
            .NormalizeWhitespace();
        var value = declaration.Declaration.Variables[0].Initializer!.Value;
        _collectionLocals!.Add(declaration.ReplaceNode(value is RefExpressionSyntax reference ? reference.Expression : value, written.WithoutTrivia()).WithTrailingTrivia(SyntaxFactory.Space));
        return SyntaxFactory.IdentifierName(name).WithTriviaFrom(node);
    }

    // A collection expression, or a `?:` of a span type that chooses one (see Binding/KeptCollections.Of): not an argument kept before one.
    private bool IsCollection(SyntaxNode node) =>
        node is CollectionExpressionSyntax || node is ConditionalExpressionSyntax && node.DescendantNodes().OfType<CollectionExpressionSyntax>().Any() && _scope.Model.GetTypeInfo(node).ConvertedType is { IsRefLikeType: true };

    /// <summary>The value of a declarator assigned: an array's initializer, <c>bool[] tests = { ... };</c>, made as <c>new bool[] { ... }</c>.</summary>
    private static ExpressionSyntax AssignedValue(TypeSyntax declared, ExpressionSyntax value) =>
        value is InitializerExpressionSyntax initializer && declared is ArrayTypeSyntax array
            ? SyntaxFactory.ArrayCreationExpression(SyntaxFactory.Token(SyntaxKind.NewKeyword).WithTrailingTrivia(SyntaxFactory.Space), array.WithoutTrivia().WithTrailingTrivia(SyntaxFactory.Space), initializer)
            : value;

    private static StatementSyntax Assigned(SyntaxToken name, ExpressionSyntax value) => Assigned(SyntaxFactory.IdentifierName(name.WithoutTrivia()), value);

    /// <summary><c>target = value;</c>.</summary>
    private static StatementSyntax Assigned(ExpressionSyntax target, ExpressionSyntax value) =>
        SyntaxFactory.ExpressionStatement(SyntaxFactory.AssignmentExpression(
            SyntaxKind.SimpleAssignmentExpression, target.WithoutTrivia().WithTrailingTrivia(SyntaxFactory.Space),
            SyntaxFactory.Token(SyntaxKind.EqualsToken).WithTrailingTrivia(SyntaxFactory.Space), value.WithoutTrivia()));

    /// <summary><paramref name="declaration"/> on the line it was written on, the statements that follow it in its block after it (see <see cref="FollowingOf"/>).</summary>
    private LocalDeclarationStatementSyntax Followed(LocalDeclarationStatementSyntax declaration, StatementSyntax[] following)
    {
        _following.Add(following);
        return declaration.WithTrailingTrivia(SyntaxFactory.Space)
            .WithAdditionalAnnotations(new SyntaxAnnotation(FollowingKind, (_following.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>The statements that follow <paramref name="rewritten"/>, a declaration written without its values (see <see cref="VisitLocalDeclarationStatement"/>); null for any other statement.</summary>
    public StatementSyntax[]? FollowingOf(SyntaxNode rewritten) =>
        _following.Count > 0 && rewritten.GetAnnotations(FollowingKind).FirstOrDefault() is { } annotation
            ? _following[int.Parse(annotation.Data!, System.Globalization.CultureInfo.InvariantCulture)]
            : null;

    private SyntaxList<StatementSyntax> WithFollowing(SyntaxList<StatementSyntax> statements) =>
        _following.Count == 0 ? statements : SyntaxFactory.List(statements.SelectMany(s => FollowingOf(s) is { } following ? following.Prepend(s) : new[] { s }));

    // A switch section kept as written: its declarations' following statements, as a block's.
    public override SyntaxNode? VisitSwitchSection(SwitchSectionSyntax node)
    {
        var visited = (SwitchSectionSyntax)base.VisitSwitchSection(node)!;
        return visited.WithStatements(WithFollowing(visited.Statements));
    }

    /// <summary>The comment on a statement written in a block that keeps the current environments (see <see cref="VisitExpressionStatement"/>).</summary>
    public const string KeepingClosures = "a local of this block keeps this entry's variables for the closures made here";

    /// <summary>
    /// A block kept as written that has a closure environment (for a variable a call made through the environments declares,
    /// which a closure captures: see Binding/ClosureScopes): a new one made at its start, on each entry, as BodyLowerer.EnterClosure
    /// does for the blocks it lowers, so each entry's closures keep that entry's variable.
    /// </summary>
    public override SyntaxNode? VisitBlock(BlockSyntax node)
    {
        var block = (BlockSyntax)base.VisitBlock(node)!;
        var visited = block.WithStatements(WithFollowing(block.Statements));
        if (_functionDepth > 0 || !_scope.Closures.TryGetValue(node, out var names) || visited.Statements.Count == 0)
        {
            return visited;
        }
        // On the line of the `{`, so that every line of the block keeps its line in the user's file (#line maps the kept code as a whole).
        var brace = visited.OpenBraceToken.TrailingTrivia;
        var trailing = brace.Any(static t => t.IsKind(SyntaxKind.EndOfLineTrivia)) && !brace.Any(static t => t.IsKind(SyntaxKind.SingleLineCommentTrivia))
            ? SyntaxFactory.TriviaList(SyntaxFactory.Space, SyntaxFactory.Comment("// " + BodyLowerer.EnteringClosure)).AddRange(brace.Where(static t => !t.IsKind(SyntaxKind.WhitespaceTrivia)))
            : brace;
        var enter = Entering(names).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(trailing);
        return visited.WithOpenBraceToken(visited.OpenBraceToken.WithTrailingTrivia()).WithStatements(visited.Statements.Insert(0, enter));
    }

    /// <summary><c>closure2 = new Closure2();</c>: a new environment for this entry.</summary>
    private static StatementSyntax Entering(ClosureNames names) =>
        SyntaxFactory.ExpressionStatement(SyntaxFactory.AssignmentExpression(
                SyntaxKind.SimpleAssignmentExpression,
                SyntaxFactory.IdentifierName(names.Field),
                SyntaxFactory.ObjectCreationExpression(SyntaxFactory.ParseTypeName(names.Class)).WithArgumentList(SyntaxFactory.ArgumentList())))
            .NormalizeWhitespace();

    public override SyntaxNode? VisitThrowStatement(ThrowStatementSyntax node)
    {
        if (node.Expression is null && _catchDepth == 0 && _functionDepth == 0 && _router?.Rethrow() is { } text)
        {
            return Routed(text, node);
        }
        return base.VisitThrowStatement(node);
    }

    public override SyntaxNode? VisitCatchClause(CatchClauseSyntax node)
    {
        _catchDepth++;
        try
        {
            return base.VisitCatchClause(node);
        }
        finally
        {
            _catchDepth--;
        }
    }

    public override SyntaxNode? VisitGotoStatement(GotoStatementSyntax node)
    {
        if (_functionDepth == 0 && _router is not null && node.IsKind(SyntaxKind.GotoStatement) && _router.GotoLabel(node) is { } toLabel)
        {
            return Routed(toLabel, node);
        }
        if (_switchDepth == 0 && _functionDepth == 0 && _router is not null && !node.IsKind(SyntaxKind.GotoStatement))
        {
            var routed = node.IsKind(SyntaxKind.GotoDefaultStatement)
                ? _router.GotoDefault()
                : _router.GotoCase(_scope.Model.GetConstantValue(node.Expression!).Value);
            if (routed is not null)
            {
                return Routed(routed, node);
            }
        }
        return base.VisitGotoStatement(node);
    }

    public override SyntaxNode? VisitInterpolation(InterpolationSyntax node)
    {
        // `{global::T.X}` would read "global" then a format string: parenthesize qualified names.
        var visited = (InterpolationSyntax)base.VisitInterpolation(node)!;
        if (visited.Expression is not ParenthesizedExpressionSyntax && visited.Expression.ToString().Contains("::"))
        {
            visited = visited.WithExpression(SyntaxFactory.ParenthesizedExpression(visited.Expression.WithoutTrivia()).WithTriviaFrom(visited.Expression));
        }
        return visited;
    }

    public override SyntaxNode? VisitAnonymousObjectMemberDeclarator(AnonymousObjectMemberDeclaratorSyntax node)
    {
        // `new { count }` whose operand became a temporary or a field: the member keeps its inferred name.
        var visited = (AnonymousObjectMemberDeclaratorSyntax)base.VisitAnonymousObjectMemberDeclarator(node)!;
        if (node.NameEquals is null && visited.Expression.ToString() != node.Expression.ToString() && _scope.Model.GetDeclaredSymbol(node) is { } member)
        {
            var equals = SyntaxFactory.Token(SyntaxFactory.TriviaList(SyntaxFactory.Space), SyntaxKind.EqualsToken, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return visited.WithNameEquals(SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName(member.Name), equals)).WithTriviaFrom(node);
        }
        return visited;
    }

    public override SyntaxNode? VisitIdentifierName(IdentifierNameSyntax node)
    {
        if (_scope.KeptRangeVariables.Count > 0 && _scope.Model.GetSymbolInfo(node).Symbol is IRangeVariableSymbol variable &&
            _scope.KeptRangeVariables.TryGetValue(variable, out var element))
        {
            return RewriteScope.MemberAccess(element, node.Identifier.Text).WithTriviaFrom(node);
        }
        if (MethodGroupOfALocalFunction(node) is { } forwarder)
        {
            return forwarder;
        }
        if (node == _renamed)
        {
            return Renamed(node, _typeArguments is { } typeArguments ? SyntaxFactory.GenericName(NewIdentifier(node), typeArguments) : node.WithIdentifier(NewIdentifier(node)));
        }
        // `var` as a type is a keyword; elsewhere (a property named var) it is a name like any other.
        if ((node.IsVar && SyntaxFacts.IsInTypeOnlyContext(node)) || IsMemberName(node))
        {
            return node;
        }
        return Replace(node, node.Identifier.ValueText) ?? node;
    }

    public override SyntaxNode? VisitGenericName(GenericNameSyntax node)
    {
        if (MethodGroupOfALocalFunction(node) is { } forwarder)
        {
            return forwarder;
        }
        var visited = (GenericNameSyntax)base.VisitGenericName(node)!;
        if (node == _renamed)
        {
            return Renamed(node, _typeArguments is { } typeArguments ? visited.WithIdentifier(NewIdentifier(node)).WithTypeArgumentList(typeArguments) : visited.WithIdentifier(NewIdentifier(node)));
        }
        if (IsMemberName(node))
        {
            return visited;
        }
        return Replace(node, node.Identifier.ValueText, visited) ?? visited;
    }

    private SyntaxToken NewIdentifier(SimpleNameSyntax node) => SyntaxFactory.Identifier(_newName!).WithTriviaFrom(node.Identifier);

    // The called method's name, renamed: qualified like the original would be (@this., or the type), under its new name.
    private SyntaxNode Renamed(SimpleNameSyntax node, SimpleNameSyntax renamed) =>
        IsMemberName(node) ? renamed : Replace(node, _newName!, renamed) ?? renamed;

    // `[0]`, `.P` of `gates?[0].Wait(1)` under the spilled null test: read from the receiver (or its value, for a nullable struct).
    public override SyntaxNode? VisitMemberBindingExpression(MemberBindingExpressionSyntax node) =>
        ChainReceiver(node) is { } receiver
            ? SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, (SimpleNameSyntax)Visit(node.Name)!).WithTriviaFrom(node)
            : base.VisitMemberBindingExpression(node);

    public override SyntaxNode? VisitElementBindingExpression(ElementBindingExpressionSyntax node) =>
        ChainReceiver(node) is { } receiver
            ? SyntaxFactory.ElementAccessExpression(receiver, (BracketedArgumentListSyntax)Visit(node.ArgumentList)!).WithTriviaFrom(node)
            : base.VisitElementBindingExpression(node);

    private ExpressionSyntax? ChainReceiver(ExpressionSyntax binding)
    {
        if (ConditionalChains.OwnerOf(binding) is not { } owner || !_scope.OpenChains.Contains(owner))
        {
            return null;
        }
        var receiver = ((ExpressionSyntax)Visit(owner.Expression)!).WithoutTrivia();
        return receiver is IdentifierNameSyntax or ThisExpressionSyntax or ParenthesizedExpressionSyntax or MemberAccessExpressionSyntax or ElementAccessExpressionSyntax or InvocationExpressionSyntax
            ? receiver
            : SyntaxFactory.ParenthesizedExpression(receiver);
    }

    public override SyntaxNode? VisitMemberAccessExpression(MemberAccessExpressionSyntax node)
    {
        // `base.M` / `base.P`: through a non-virtual accessor of the user's class (see BaseAccessors).
        if (node.Expression is BaseExpressionSyntax && _scope.BaseAccessors is { } accessors &&
            accessors.For(_scope.Model.GetSymbolInfo(node).Symbol, node.Name == _renamed ? _newName : null) is { } accessor)
        {
            var name = node.Name is GenericNameSyntax generic ? generic.WithTypeArgumentList((TypeArgumentListSyntax)Visit(generic.TypeArgumentList)!) : node.Name;
            return BaseAccessors.Access(_scope.InstanceSyntax(), accessor, name).WithTriviaFrom(node);
        }
        return base.VisitMemberAccessExpression(node);
    }

    public override SyntaxNode? VisitElementAccessExpression(ElementAccessExpressionSyntax node)
    {
        // `base[i]` read: through the indexer's getter accessor (a write is an assignment, below).
        if (node.Expression is BaseExpressionSyntax && _scope.BaseAccessors is { } accessors && _scope.Model.GetSymbolInfo(node).Symbol is IPropertySymbol { IsIndexer: true } indexer)
        {
            var arguments = (BracketedArgumentListSyntax)VisitBracketedArgumentList(node.ArgumentList)!;
            if (indexer is { ReturnsByRef: false, ReturnsByRefReadonly: false } && IsDeconstructionTarget(node))
            {
                // `(base[i], x) = ...`: a target made with the indexes now, whose assignment calls the setter.
                var setter = BaseAccessors.Call(_scope.InstanceSyntax(), accessors.ForIndexerTarget(indexer), arguments.Arguments);
                var target = SyntaxFactory.ParseTypeName($"{GeneratedNames.BaseIndexerTarget}<{SymbolText.Type(indexer.Type)}>");
                var made = SyntaxFactory.ObjectCreationExpression(target.WithLeadingTrivia(SyntaxFactory.Space), SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(setter))), null);
                return SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.ParenthesizedExpression(made), SyntaxFactory.IdentifierName(GeneratedNames.BaseIndexerTargetValue)).WithTriviaFrom(node);
            }
            return BaseAccessors.Call(_scope.InstanceSyntax(), accessors.ForIndexer(indexer, set: false), arguments.Arguments).WithTriviaFrom(node);
        }
        return base.VisitElementAccessExpression(node);
    }

    /// <summary>
    /// An assignment of a lambda that cannot be made through the closure environments on its own
    /// (see <see cref="ClosureScopes.MadeWithItsCall"/>): the whole assignment is, its left side's
    /// receiver and index evaluated in it before the lambda, in C#'s order
    /// (<c>closure1.Run(captured1 =&gt; slots[i] = x =&gt; ...)</c>; with its value used, <c>Capture</c>).
    /// </summary>
    public override SyntaxNode? VisitAssignmentExpression(AssignmentExpressionSyntax node) =>
        _scope.ClosureOf.Count > 0 && _keptClosures is null && IsMadeWithThisCall(node.Right, node)
            ? MadeThroughEnvironments(node, null, () => VisitAssignment(node), natural: false, run: node.Parent is ExpressionStatementSyntax or ForStatementSyntax)
            : VisitAssignment(node);

    private SyntaxNode? VisitAssignment(AssignmentExpressionSyntax node)
    {
        if (_scope.BaseAccessors is { } accessors)
        {
            // `base[i] = v` through the setter accessor; `base.E += h` and `-=` through the event's.
            if (node.IsKind(SyntaxKind.SimpleAssignmentExpression) && node.Left is ElementAccessExpressionSyntax { Expression: BaseExpressionSyntax } element &&
                _scope.Model.GetSymbolInfo(element).Symbol is IPropertySymbol { IsIndexer: true, ReturnsByRef: false, ReturnsByRefReadonly: false } indexer)
            {
                var arguments = ((BracketedArgumentListSyntax)VisitBracketedArgumentList(element.ArgumentList)!).Arguments.Add(SyntaxFactory.Argument((ExpressionSyntax)Visit(node.Right)!));
                return BaseAccessors.Call(_scope.InstanceSyntax(), accessors.ForIndexer(indexer, set: true), arguments).WithTriviaFrom(node);
            }
            // `base[i] ??= x`: through an accessor that reads once and calls `() => x` only when the value is null.
            if (node.IsKind(SyntaxKind.CoalesceAssignmentExpression) && node.Left is ElementAccessExpressionSyntax { Expression: BaseExpressionSyntax } coalesced &&
                UpdatedIndexer(coalesced) is { } coalescedIndexer && _scope.Model.GetTypeInfo(node).Type is { } result)
            {
                var value = SyntaxFactory.ParenthesizedLambdaExpression()
                    .WithExpressionBody(((ExpressionSyntax)Visit(node.Right)!).WithoutTrivia())
                    .WithArrowToken(SyntaxFactory.Token(SyntaxKind.EqualsGreaterThanToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space));
                var arguments = ((BracketedArgumentListSyntax)VisitBracketedArgumentList(coalesced.ArgumentList)!).Arguments.Append(SyntaxFactory.Argument(value)).ToList();
                return BaseAccessors.Call(_scope.InstanceSyntax(), accessors.ForIndexerCoalesce(coalescedIndexer, result), SyntaxFactory.SeparatedList(arguments, Commas(arguments.Count - 1)))
                    .WithTriviaFrom(node);
            }
            // `base[i] += x`: read, the operator, write, through the update accessor; the operator stays C#'s, on the lambda's parameter.
            if (node.Left is ElementAccessExpressionSyntax { Expression: BaseExpressionSyntax } updated && UpdatedIndexer(updated) is { } updatedIndexer)
            {
                return IndexerUpdate(accessors, updated, updatedIndexer, value => SyntaxFactory.AssignmentExpression(node.Kind(), value.WithTrailingTrivia(SyntaxFactory.Space), ((ExpressionSyntax)Visit(node.Right)!).WithoutTrivia())
                    .WithOperatorToken(node.OperatorToken)).WithTriviaFrom(node);
            }
            if ((node.IsKind(SyntaxKind.AddAssignmentExpression) || node.IsKind(SyntaxKind.SubtractAssignmentExpression)) &&
                node.Left is MemberAccessExpressionSyntax { Expression: BaseExpressionSyntax } access && _scope.Model.GetSymbolInfo(access).Symbol is IEventSymbol @event)
            {
                var handler = SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument((ExpressionSyntax)Visit(node.Right)!));
                return BaseAccessors.Call(_scope.InstanceSyntax(), accessors.ForEvent(@event, node.IsKind(SyntaxKind.AddAssignmentExpression)), handler).WithTriviaFrom(node);
            }
        }
        return base.VisitAssignmentExpression(node);
    }

    // `++base[i]`, and `base[i]++`: an update that increments (returning the new value, or for a postfix whose value is used, the old one).
    public override SyntaxNode? VisitPrefixUnaryExpression(PrefixUnaryExpressionSyntax node) =>
        node.Operand is ElementAccessExpressionSyntax { Expression: BaseExpressionSyntax } element && _scope.BaseAccessors is { } accessors && UpdatedIndexer(element) is { } indexer &&
        (node.IsKind(SyntaxKind.PreIncrementExpression) || node.IsKind(SyntaxKind.PreDecrementExpression))
            ? IndexerUpdate(accessors, element, indexer, value => SyntaxFactory.PrefixUnaryExpression(node.Kind(), value)).WithTriviaFrom(node)
            : base.VisitPrefixUnaryExpression(node);

    public override SyntaxNode? VisitPostfixUnaryExpression(PostfixUnaryExpressionSyntax node) =>
        node.Operand is ElementAccessExpressionSyntax { Expression: BaseExpressionSyntax } element && _scope.BaseAccessors is { } accessors && UpdatedIndexer(element) is { } indexer &&
        (node.IsKind(SyntaxKind.PostIncrementExpression) || node.IsKind(SyntaxKind.PostDecrementExpression))
            ? IndexerUpdate(accessors, element, indexer, value => SyntaxFactory.PrefixUnaryExpression(node.IsKind(SyntaxKind.PostIncrementExpression) ? SyntaxKind.PreIncrementExpression : SyntaxKind.PreDecrementExpression, value),
                postfix: node.Parent is not ExpressionStatementSyntax and not ForStatementSyntax).WithTriviaFrom(node)
            : base.VisitPostfixUnaryExpression(node);

    /// <summary>Whether <paramref name="element"/> is an element of the tuple a deconstruction assigns (<c>(base[i], x) = ...</c>, also nested).</summary>
    private static bool IsDeconstructionTarget(ExpressionSyntax element)
    {
        SyntaxNode node = element;
        while (node.Parent is ArgumentSyntax { Parent: TupleExpressionSyntax tuple })
        {
            node = tuple;
        }
        return node != element && node.Parent switch
        {
            AssignmentExpressionSyntax assignment => assignment.Left == node,
            _ => false,
        };
    }

    /// <summary>The base indexer that <paramref name="element"/> reads and writes in one, when it does not return by reference (one that does is used through its reference).</summary>
    private IPropertySymbol? UpdatedIndexer(ElementAccessExpressionSyntax element) =>
        _scope.Model.GetSymbolInfo(element).Symbol is IPropertySymbol { IsIndexer: true, ReturnsByRef: false, ReturnsByRefReadonly: false } indexer ? indexer : null;

    /// <summary><c>@this.Update(arguments, value =&gt; operation(value))</c>: the base indexer read, updated by the operator, written back.</summary>
    private ExpressionSyntax IndexerUpdate(BaseAccessors accessors, ElementAccessExpressionSyntax element, IPropertySymbol indexer, System.Func<IdentifierNameSyntax, ExpressionSyntax> operation, bool postfix = false)
    {
        var taken = new HashSet<string>(element.Parent!.DescendantTokens().Where(static t => t.IsKind(SyntaxKind.IdentifierToken)).Select(static t => t.ValueText));
        var value = GeneratedNames.Unique(GeneratedNames.UpdatedValue, taken);
        var update = SyntaxFactory.SimpleLambdaExpression(SyntaxFactory.Parameter(SyntaxFactory.Identifier(value)))
            .WithExpressionBody(operation(SyntaxFactory.IdentifierName(value)))
            .WithArrowToken(SyntaxFactory.Token(SyntaxKind.EqualsGreaterThanToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space));
        var arguments = ((BracketedArgumentListSyntax)VisitBracketedArgumentList(element.ArgumentList)!).Arguments.Append(SyntaxFactory.Argument(update)).ToList();
        return BaseAccessors.Call(_scope.InstanceSyntax(), accessors.ForIndexerUpdate(indexer, postfix), SyntaxFactory.SeparatedList(arguments, Commas(arguments.Count - 1)));
    }

    public override SyntaxNode? VisitThisExpression(ThisExpressionSyntax node) =>
        _scope.InstanceSyntax().WithTriviaFrom(node);

    public override SyntaxNode? VisitDeclarationExpression(DeclarationExpressionSyntax node)
    {
        if (_declaredBefore is not null && node.Designation is SingleVariableDesignationSyntax single && _declaredBefore.Contains(single))
        {
            return SyntaxFactory.IdentifierName(DeclaredBeforeName(single)).WithTriviaFrom(node);
        }
        // `out var x` / `var (a, b) = ...` declaring hoisted locals: assign the fields instead.
        var converted = ToExpression(node.Designation);
        return converted is null ? base.VisitDeclarationExpression(node) : converted.WithTriviaFrom(node);
    }

    public override SyntaxNode? VisitReturnStatement(ReturnStatementSyntax node)
    {
        if (_functionDepth > 0 || _router is null)
        {
            return base.VisitReturnStatement(node);
        }
        return Routed(_router.Return(node.Expression is null ? null : SpliceExpression(Visit(node.Expression)!)), node);
    }

    public override SyntaxNode? VisitBreakStatement(BreakStatementSyntax node) =>
        _breakDepth == 0 && _functionDepth == 0 && _router?.Break() is { } routed ? Routed(routed, node) : node;

    public override SyntaxNode? VisitContinueStatement(ContinueStatementSyntax node) =>
        _continueDepth == 0 && _functionDepth == 0 && _router?.Continue() is { } routed ? Routed(routed, node) : node;

    private SyntaxNode Routed(RoutedJump routed, SyntaxNode node)
    {
        JumpTargets.AddRange(routed.Labels);
        return Hole(SyntaxFactory.EmptyStatement(), node, new StatementSegment(routed.Jump));
    }

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node) => KeepingHead(node, () => InLoop(() => base.VisitWhileStatement(node)));

    public override SyntaxNode? VisitIfStatement(IfStatementSyntax node) => KeepingHead(node, () => base.VisitIfStatement(node));

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node) => KeepingHead(node, () => InLoop(() => base.VisitDoStatement(node)));

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node) => KeepingHead(node, () => InLoop(() => base.VisitForStatement(node)));

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node) => KeepingHead(node, () => InLoop(() => base.VisitForEachStatement(node)));

    private (StatementSyntax Statement, ExpressionSyntax Head, List<ClosureNames> Kept)? _keptHead;

    /// <summary>Visits with the environments read collected in <paramref name="kept"/>, read through their locals (see <see cref="Environment"/>).</summary>
    private SyntaxNode? KeepingIn(List<ClosureNames> kept, System.Func<SyntaxNode?> visit)
    {
        _keptClosures = kept;
        try
        {
            return visit();
        }
        finally
        {
            _keptClosures = null;
        }
    }

    /// <summary>
    /// An <c>if</c>, a <c>while</c> or a <c>foreach</c> that does not suspend with a lambda in its condition or collection that can be made
    /// neither through the environments nor with its call (<c>foreach (var v in Spanned(rows, x =&gt; x.A + item))</c>, see
    /// Binding/ClosureScopes.KeptHead): written in a block that first keeps the current environments in locals, which only that part
    /// reads, <c>{ Closure1 captured1 = closure1; foreach (var v in Spanned(rows, x =&gt; x.A + captured1.item)) ... }</c>: the environments
    /// it reads do not change while it runs (it does not suspend), and its body makes its own closures as it would anywhere.
    /// </summary>
    private SyntaxNode? KeepingHead(StatementSyntax node, System.Func<SyntaxNode?> visit)
    {
        if (_keptClosures is not null || _functionDepth > 0 || !_scope.KeepingStatements.Contains(node) || ClosureScopes.KeptHead(node) is not { } head)
        {
            return visit();
        }
        var kept = new List<ClosureNames>();
        var outer = _keptHead;
        _keptHead = (node, head, kept);
        SyntaxNode? visited;
        List<SingleVariableDesignationSyntax> declaredBefore;
        try
        {
            // `ReadOnlySpan<int> values; { Closure1 captured1 = closure1; if (Made(out values) && ...) ... }`: an `if` condition's, read after the `if`.
            visited = DeclaringBefore(head, visit, out declaredBefore);
        }
        finally
        {
            _keptHead = outer;
        }
        if (kept.Count == 0 || visited is not StatementSyntax statement)
        {
            return visited;
        }
        return PrecededBy(declaredBefore, KeepingBlockIn(outer, node, kept, statement));
    }

    /// <summary>
    /// <paramref name="statement"/> in a block that keeps the environments it reads (see <see cref="KeepingBlock"/>), or as it is when it is
    /// inside another statement that keeps them all (an <c>else if</c>, see <see cref="KeepingHead"/>): it reads that one's locals.
    /// </summary>
    private StatementSyntax KeepingBlockIn((StatementSyntax Statement, ExpressionSyntax Head, List<ClosureNames> Kept)? outer, SyntaxNode node, List<ClosureNames> kept, StatementSyntax statement)
    {
        SharedWith(outer, node, kept);
        return kept.Count == 0 ? statement : KeepingBlock(kept, new[] { statement.WithoutTrivia() }, statement.GetLeadingTrivia(), statement.GetTrailingTrivia());
    }

    /// <summary>The same for several statements, always in a block (<c>{ n = ...; }</c> when they read that other statement's locals).</summary>
    private StatementSyntax KeepingBlockIn((StatementSyntax Statement, ExpressionSyntax Head, List<ClosureNames> Kept)? outer, SyntaxNode node, List<ClosureNames> kept, IEnumerable<StatementSyntax> statements, SyntaxTriviaList leading, SyntaxTriviaList trailing)
    {
        SharedWith(outer, node, kept);
        return kept.Count == 0
            ? SyntaxFactory.Block(statements).NormalizeWhitespace(" ", " ").WithLeadingTrivia(leading).WithTrailingTrivia(trailing)
            : KeepingBlock(kept, statements, leading, trailing);
    }

    /// <summary>
    /// Inside a statement that keeps the environments in locals of its block (see <see cref="KeepingHead"/>), the environments
    /// <paramref name="node"/> reads that are not made between the two (it does not suspend, so they are the same objects) are read
    /// through that block's locals: moved from <paramref name="kept"/> to its list, so that no local of the same name is declared twice.
    /// </summary>
    private void SharedWith((StatementSyntax Statement, ExpressionSyntax Head, List<ClosureNames> Kept)? outer, SyntaxNode node, List<ClosureNames> kept)
    {
        if (outer is not { } keeping || !keeping.Statement.Span.Contains(node.Span))
        {
            return;
        }
        var madeBetween = node.Ancestors().TakeWhile(a => a != keeping.Statement).Select(a => _scope.Closures.TryGetValue(a, out var made) ? made : (ClosureNames?)null).ToList();
        var shared = kept.Where(c => !madeBetween.Contains(c)).ToList();
        keeping.Kept.AddRange(shared);
        kept.RemoveAll(shared.Contains);
    }

    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node) => InLoop(() => base.VisitForEachVariableStatement(node));

    /// <summary>
    /// A switch kept as written that has a closure environment (for a variable a call made through the environments declares in
    /// a statement of a section, which a closure captures: see Binding/ClosureScopes.KeepDeclaredIn): a new one made before it, on each
    /// entry, <c>{ closure2 = new Closure2(); switch (...) { ... } }</c>, as BodyLowerer.EnterClosure does for a switch it lowers (its sections share one scope).
    /// </summary>
    public override SyntaxNode? VisitSwitchStatement(SwitchStatementSyntax node)
    {
        _breakDepth++;
        _switchDepth++;
        SyntaxNode? visited;
        try
        {
            visited = base.VisitSwitchStatement(node);
        }
        finally
        {
            _breakDepth--;
            _switchDepth--;
        }
        if (_functionDepth > 0 || !_scope.Closures.TryGetValue(node, out var names) || visited is not SwitchStatementSyntax written)
        {
            return visited;
        }
        // On the switch's line (a comment there would end it), so that every line keeps its line in the user's file.
        return SyntaxFactory.Block(Entering(names).WithTrailingTrivia(SyntaxFactory.Space), written.WithoutLeadingTrivia())
            .WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(SyntaxFactory.Space))
            .WithCloseBraceToken(SyntaxFactory.Token(SyntaxKind.CloseBraceToken))
            .WithLeadingTrivia(written.GetLeadingTrivia());
    }

    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node) => Lambda(node, () => base.VisitParenthesizedLambdaExpression(node));

    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node) => Lambda(node, () => base.VisitSimpleLambdaExpression(node));

    public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node) => Lambda(node, () => base.VisitAnonymousMethodExpression(node));

    /// <summary>
    /// A query's clauses are lambdas run later (when it is enumerated): a query that reads locals of
    /// a closure environment is made through it like a lambda, its type inferred (it may be anonymous).
    /// </summary>
    public override SyntaxNode? VisitQueryExpression(QueryExpressionSyntax node) =>
        _scope.KeptQueryContinuations.TryGetValue(node, out var kept)
            ? MadeThroughEnvironments(node, null, () => SyntaxFactory.QueryExpression(
                SyntaxFactory.FromClause(
                    SyntaxFactory.Token(SyntaxKind.FromKeyword).WithTrailingTrivia(SyntaxFactory.Space),
                    null,
                    SyntaxFactory.Identifier(kept.RangeVariable).WithTrailingTrivia(SyntaxFactory.Space),
                    SyntaxFactory.Token(SyntaxKind.InKeyword).WithTrailingTrivia(SyntaxFactory.Space),
                    ((ExpressionSyntax)Visit(node.FromClause.Expression)!).WithoutTrivia().WithTrailingTrivia(((QueryContinuationSyntax)kept.Body.Parent!).Identifier.TrailingTrivia)),
                (QueryBodySyntax)Visit(kept.Body)!).WithTriviaFrom(node), natural: false)
            : MadeThroughEnvironments(node, null, () => base.VisitQueryExpression(node), natural: false);

    /// <summary>The first <c>from</c> of a query whose part before a suspending <c>join</c> was run into a temporary: <c>from element in temporary</c>.</summary>
    public override SyntaxNode? VisitFromClause(FromClauseSyntax node) =>
        _scope.KeptQueryFroms.TryGetValue(node, out var element)
            ? node.Update(node.FromKeyword, null, SyntaxFactory.Identifier(element).WithTriviaFrom(node.Identifier), node.InKeyword, (ExpressionSyntax)Visit(node.Expression)!)
            : base.VisitFromClause(node);

    /// <summary>A query whose part before a suspending <c>join</c> was run into a temporary: the clauses of that part are left out.</summary>
    public override SyntaxNode? VisitQueryBody(QueryBodySyntax node)
    {
        if (!node.Clauses.Any(_scope.DroppedQueryClauses.Contains))
        {
            return base.VisitQueryBody(node);
        }
        var clauses = node.Clauses.Where(c => !_scope.DroppedQueryClauses.Contains(c)).Select(c => (QueryClauseSyntax)Visit(c)!);
        return node.Update(SyntaxFactory.List(clauses), (SelectOrGroupClauseSyntax)Visit(node.SelectOrGroup)!, (QueryContinuationSyntax?)Visit(node.Continuation));
    }

    /// <summary>
    /// A lambda of the method's own code that captures locals of a closure environment is made
    /// through that environment, <c>closure1.Capture&lt;F&gt;(captured1 =&gt; lambda)</c>, and reads
    /// them through its parameter: it keeps the variables of the entry it was made in, not the
    /// field that the next entry (the next iteration) replaces.
    /// </summary>
    private SyntaxNode? Lambda(AnonymousFunctionExpressionSyntax node, System.Func<SyntaxNode?> visit)
    {
        if (_keptClosures is null && _functionDepth == 0 && _scope.KeptBeforeSuspension.ContainsKey(node))
        {
            _scope.NotKeptBeforeSuspension.Add(node); // not in a store that keeps the environments (see KeepingStore, KeepingCall)
        }
        if (_scope.ClosureOf.Count == 0 || !ClosureScopes.CanBeMade(_scope.Model, node, out var type))
        {
            return InFunction(visit);
        }
        // Of a delegate type C# made that the state machine declares one for: made as that one (`Capture<Delegate_f>(...)`).
        type ??= DeclaredDelegateOf(node) is not null ? _scope.Model.GetTypeInfo(node).ConvertedType : null;
        return MadeThroughEnvironments(node, type, () => InFunction(visit), natural: type is null);
    }

    /// <summary>
    /// The name of the delegate type the state machine declares for the type of <paramref name="node"/>, a lambda or a
    /// method group that C# gives a delegate type it made (see <see cref="NamedDelegates"/>); null for anything else.
    /// </summary>
    private string? DeclaredDelegateOf(SyntaxNode node)
    {
        if (_scope.NamedDelegateModels.Count == 0 || node is not (AnonymousFunctionExpressionSyntax or IdentifierNameSyntax or GenericNameSyntax or MemberAccessExpressionSyntax) ||
            node.SyntaxTree != _scope.Model.SyntaxTree || node is SimpleNameSyntax { Parent: MemberAccessExpressionSyntax access } && access.Name == node)
        {
            return null;
        }
        var info = _scope.Model.GetTypeInfo(node);
        if (info.ConvertedType is not INamedTypeSymbol converted || !_scope.NamedDelegates.Declares(converted) ||
            node is not AnonymousFunctionExpressionSyntax && (info.Type is not null || _scope.Model.GetSymbolInfo(node) is { Symbol: not IMethodSymbol, CandidateSymbols.IsEmpty: true }))
        {
            return null;
        }
        return _scope.NamedDelegates.For(converted).Name;
    }

    /// <summary>
    /// <paramref name="node"/> made through the closure environments whose locals it reads:
    /// <c>closure1.Capture&lt;T&gt;(captured1 =&gt; node)</c>, with <c>T</c> inferred when <paramref name="type"/> is null;
    /// a lambda kept as its <paramref name="natural"/> type goes through <c>Closure1.Natural(lambda)</c>, from which C# infers it.
    /// </summary>
    private SyntaxNode? MadeThroughEnvironments(ExpressionSyntax node, ITypeSymbol? type, System.Func<SyntaxNode?> visit, bool natural, bool run = false)
    {
        // Inside a lambda already being made through its environments, the outer lambda keeps them for this one too.
        if (_keptClosures is not null || _scope.ClosureOf.Count == 0)
        {
            return visit();
        }
        var kept = new List<ClosureNames>();
        var visited = KeepingIn(kept, visit);
        if (kept.Count == 0 || visited is not ExpressionSyntax lambda)
        {
            return visited;
        }
        var madeType = type is null ? null : SyntaxFactory.ParseTypeName(SymbolText.Type(type));
        var made = lambda.WithoutTrivia();
        if (natural)
        {
            var innermost = kept.Distinct().Last();
            _scope.NaturalLambdaClosures.Add(innermost.Class);
            made = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(innermost.Class), SyntaxFactory.IdentifierName(ClosureNames.Natural)),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(made))));
        }
        if (run)
        {
            _scope.RunningClosures.UnionWith(kept.Select(static c => c.Class));
        }
        foreach (var closure in kept.Distinct().Reverse())
        {
            made = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    SyntaxFactory.IdentifierName(closure.Field),
                    madeType is null
                        ? SyntaxFactory.IdentifierName(run ? ClosureNames.Run : ClosureNames.Capture)
                        : SyntaxFactory.GenericName(SyntaxFactory.Identifier(ClosureNames.Capture), SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(madeType)))),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                    SyntaxFactory.SimpleLambdaExpression(SyntaxFactory.Parameter(SyntaxFactory.Identifier(closure.Captured)))
                        .WithExpressionBody(made)
                        .WithArrowToken(SyntaxFactory.Token(SyntaxKind.EqualsGreaterThanToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space))))));
        }
        return made.WithTriviaFrom(node);
    }

    /// <summary>
    /// A local function that uses locals of closure environments takes the environments as its
    /// first parameters (<c>Closure1 captured1</c>) and reads the locals through them, as C# passes
    /// a local function its display classes: called directly, it gets the current ones; from a
    /// closure or as a delegate, the ones that closure keeps.
    /// </summary>
    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        if (_scope.LeavesOut(node))
        {
            return null; // a coroutine of its own, only called (through its factory), or used only by such coroutines: left out of the block
        }
        if (_scope.Model.GetDeclaredSymbol(node) is not { } symbol || !_scope.LocalFunctionClosures.TryGetValue(symbol, out var closures))
        {
            return InFunction(() => base.VisitLocalFunctionStatement(node));
        }
        var outer = _keptClosures;
        _keptClosures = new List<ClosureNames>();
        LocalFunctionStatementSyntax visited;
        try
        {
            visited = (LocalFunctionStatementSyntax)InFunction(() => base.VisitLocalFunctionStatement(node))!;
        }
        finally
        {
            _keptClosures = outer;
        }
        var environments = closures.Select(static c => SyntaxFactory.Parameter(SyntaxFactory.Identifier(c.Captured))
            .WithType(SyntaxFactory.IdentifierName(c.Class).WithTrailingTrivia(SyntaxFactory.Space)));
        var parameters = SyntaxFactory.SeparatedList(environments.Concat(visited.ParameterList.Parameters), Commas(closures.Count + visited.ParameterList.Parameters.Count - 1));
        return visited.WithParameterList(visited.ParameterList.WithParameters(parameters));
    }

    /// <summary>
    /// A call of a local function that takes closure environments: those environments first. A call
    /// with a lambda argument that cannot be made through the environments on its own (see
    /// <see cref="ClosureScopes.MadeWithItsCall"/>) is made through them as a whole. The factory of a
    /// [Coroutine] local function that captures: the enclosing state machine first.
    /// </summary>
    public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
    {
        // `nameof(base.Changed)`: its string, as `base.` has no meaning in the state machine (C# makes it a constant too).
        if (node.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" } && node.ArgumentList.DescendantNodes().OfType<BaseExpressionSyntax>().Any() &&
            _scope.Model.GetConstantValue(node) is { HasValue: true, Value: string text })
        {
            return SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(text)).WithTriviaFrom(node);
        }
        // Of a `?.` chain whose null test the spiller wrote (it suspends), the call itself, now `receiver.F(...)`.
        if (_scope.ClosureOf.Count > 0 && _keptClosures is null &&
            node.ArgumentList.Arguments.Any(a => IsMadeWithThisCall(a.Expression, node) || ConditionalChains.RootBinding(node) is { } binding && ConditionalChains.OwnerOf(binding) is { } chain && _scope.OpenChains.Contains(chain) && IsMadeWithThisCall(a.Expression, ClosureScopes.WholeChain(chain))))
        {
            return MadeThroughEnvironments(node, null, () => VisitCall(node), natural: false, run: ClosureScopes.IsVoidCall(_scope.Model, node));
        }
        return VisitCall(node);
    }

    /// <summary>A <c>?.</c> chain with a call whose lambda argument is made with it (see <see cref="ClosureScopes.MadeWithItsCall"/>): made through the environments as a whole.</summary>
    public override SyntaxNode? VisitConditionalAccessExpression(ConditionalAccessExpressionSyntax node)
    {
        if (_scope.ClosureOf.Count > 0 && _keptClosures is null &&
            node.WhenNotNull.DescendantNodesAndSelf(static n => !SuspensionFinder.IsFunction(n)).OfType<InvocationExpressionSyntax>().Any(c => c.ArgumentList.Arguments.Any(a => IsMadeWithThisCall(a.Expression, node))))
        {
            return MadeThroughEnvironments(node, null, () => base.VisitConditionalAccessExpression(node), natural: false, run: ClosureScopes.IsVoidCall(_scope.Model, node));
        }
        return base.VisitConditionalAccessExpression(node);
    }

    private bool IsMadeWithThisCall(ExpressionSyntax argument, ExpressionSyntax made) => argument switch
    {
        ParenthesizedExpressionSyntax parenthesized => IsMadeWithThisCall(parenthesized.Expression, made),
        // `c ? x => ... : x => ...`: either branch (see ClosureScopes.MadeWithItsCall).
        ConditionalExpressionSyntax conditional => IsMadeWithThisCall(conditional.WhenTrue, made) || IsMadeWithThisCall(conditional.WhenFalse, made),
        AnonymousFunctionExpressionSyntax lambda => !ClosureScopes.CanBeMade(_scope.Model, lambda, out _) && ClosureScopes.MadeWithItsCall(_scope.Model, lambda) == made,
        // `new() { Slot = x => ... }`, `holder with { ... }`: a member's value (see ClosureScopes.MadeWithItsCall).
        BaseObjectCreationExpressionSyntax { Initializer: { } initializer } => IsMadeWithMembers(initializer, made),
        WithExpressionSyntax with => IsMadeWithMembers(with.Initializer, made),
        _ => false,
    };

    private bool IsMadeWithMembers(InitializerExpressionSyntax initializer, ExpressionSyntax made) =>
        initializer.Expressions.Any(e => e is AssignmentExpressionSyntax member && IsMadeWithThisCall(member.Right, made));

    /// <summary>
    /// A <c>with</c> whose member is assigned a lambda that cannot be made through the closure environments on its own (see
    /// <see cref="ClosureScopes.MadeWithItsCall"/>): the copy is made through them as a whole,
    /// <c>closure1.Capture(captured1 =&gt; holder with { Slot = x =&gt; ... })</c>, its members assigned in it in C#'s order.
    /// </summary>
    public override SyntaxNode? VisitWithExpression(WithExpressionSyntax node) =>
        _scope.ClosureOf.Count > 0 && _keptClosures is null && IsMadeWithThisCall(node, node)
            ? MadeThroughEnvironments(node, null, () => base.VisitWithExpression(node), natural: false)
            : base.VisitWithExpression(node);

    private SyntaxNode? VisitCall(InvocationExpressionSyntax node)
    {
        if (_firstArgument is { } first && first.Call == node)
        {
            // The factory of a [Coroutine] local function that captures: the state machine holding its variables first.
            var call = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
            var withFirst = new[] { SyntaxFactory.Argument(first.Argument) }.Concat(call.ArgumentList.Arguments).ToList();
            return call.WithArgumentList(call.ArgumentList.WithArguments(SyntaxFactory.SeparatedList(withFirst, Commas(withFirst.Count - 1))));
        }
        if (node.Expression is not SimpleNameSyntax name || LocalFunctionClosuresOf(name) is not { } closures)
        {
            return base.VisitInvocationExpression(node);
        }
        var arguments = (ArgumentListSyntax)VisitArgumentList(node.ArgumentList)!;
        var called = name is GenericNameSyntax generic ? generic.WithTypeArgumentList((TypeArgumentListSyntax)VisitTypeArgumentList(generic.TypeArgumentList)!) : (SimpleNameSyntax)name;
        var all = closures.Select(c => SyntaxFactory.Argument(Environment(c))).Concat(arguments.Arguments).ToList();
        return node.WithExpression(called).WithArgumentList(arguments.WithArguments(SyntaxFactory.SeparatedList(all, Commas(all.Count - 1))));
    }

    /// <summary>
    /// A local function that takes closure environments used as a delegate: a lambda that calls it
    /// with them, made through them (<c>closure1.Capture&lt;F&gt;(captured1 =&gt; (int a) =&gt; Read(captured1, a))</c>).
    /// </summary>
    private SyntaxNode? MethodGroupOfALocalFunction(SimpleNameSyntax node)
    {
        if (node.Parent is InvocationExpressionSyntax invocation && invocation.Expression == node ||
            LocalFunctionClosuresOf(node) is not { } closures ||
            _scope.Model.GetTypeInfo(node).ConvertedType is not INamedTypeSymbol { DelegateInvokeMethod: { } invoke } type ||
            node.Ancestors().OfType<InvocationExpressionSyntax>().Any(static i => i.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" }))
        {
            return null;
        }
        var taken = new HashSet<string>(closures.Select(static c => c.Captured));
        var names = invoke.Parameters.Select(p => GeneratedNames.Unique(SymbolText.Identifier(p.Name), taken)).ToList();
        SyntaxNode Forwarder()
        {
            var parameters = invoke.Parameters.Select((p, i) => SyntaxFactory.Parameter(SyntaxFactory.Identifier(names[i]))
                .WithModifiers(RefModifiers(p.RefKind))
                .WithType(SyntaxFactory.ParseTypeName(SymbolText.Type(p.Type)).WithTrailingTrivia(SyntaxFactory.Space)));
            var arguments = closures.Select(c => SyntaxFactory.Argument(Environment(c)))
                .Concat(invoke.Parameters.Select((p, i) => SyntaxFactory.Argument(SyntaxFactory.IdentifierName(names[i])).WithRefKindKeyword(RefModifiers(p.RefKind).FirstOrDefault())))
                .ToList();
            var call = SyntaxFactory.InvocationExpression(node.WithoutTrivia(), SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments, Commas(arguments.Count - 1))));
            return SyntaxFactory.ParenthesizedLambdaExpression()
                .WithParameterList(SyntaxFactory.ParameterList(SyntaxFactory.SeparatedList(parameters, Commas(names.Count - 1))))
                .WithArrowToken(SyntaxFactory.Token(SyntaxKind.EqualsGreaterThanToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space))
                .WithExpressionBody(call);
        }
        return MadeThroughEnvironments(node, type.CanBeNamed() ? type : null, Forwarder, natural: !type.CanBeNamed())?.WithTriviaFrom(node);
    }

    private List<ClosureNames>? LocalFunctionClosuresOf(SimpleNameSyntax name) =>
        _scope.LocalFunctionClosures.Count > 0 && _scope.Model.GetSymbolInfo(name).Symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction } function &&
        _scope.LocalFunctionClosures.TryGetValue(function.OriginalDefinition, out var closures)
            ? closures
            : null;

    /// <summary>The environment to pass: the one a closure being made keeps, or the current one.</summary>
    private IdentifierNameSyntax Environment(ClosureNames closure)
    {
        if (_keptClosures is null)
        {
            return SyntaxFactory.IdentifierName(closure.Field);
        }
        _keptClosures.Add(closure);
        return SyntaxFactory.IdentifierName(closure.Captured);
    }

    private static SyntaxTokenList RefModifiers(RefKind kind) => kind switch
    {
        RefKind.Ref => SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.RefKeyword).WithTrailingTrivia(SyntaxFactory.Space)),
        RefKind.Out => SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.OutKeyword).WithTrailingTrivia(SyntaxFactory.Space)),
        RefKind.In => SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.InKeyword).WithTrailingTrivia(SyntaxFactory.Space)),
        _ => SyntaxFactory.TokenList(),
    };

    private static IEnumerable<SyntaxToken> Commas(int count) =>
        Enumerable.Repeat(SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.CommaToken, SyntaxFactory.TriviaList(SyntaxFactory.Space)), System.Math.Max(count, 0));

    private SyntaxNode? InLoop(System.Func<SyntaxNode?> visit)
    {
        _breakDepth++;
        _continueDepth++;
        try
        {
            return visit();
        }
        finally
        {
            _breakDepth--;
            _continueDepth--;
        }
    }

    private SyntaxNode? InFunction(System.Func<SyntaxNode?> visit)
    {
        _functionDepth++;
        try
        {
            return visit();
        }
        finally
        {
            _functionDepth--;
        }
    }

    /// <summary>Where <paramref name="symbol"/>, declared at <paramref name="declaration"/>, lives as the target of an assignment; null if it stays a local.</summary>
    private ExpressionSyntax? FieldTarget(ISymbol symbol, SyntaxNode declaration) =>
        _scope.AnonymousVariables.Contains(symbol) && _scope.FieldSyntax(symbol) is { } field ? KeptVariable(symbol, declaration, field) : _scope.FieldSyntax(symbol);

    private ExpressionSyntax? ToExpression(VariableDesignationSyntax designation)
    {
        switch (designation)
        {
            case SingleVariableDesignationSyntax single:
                return _scope.Model.GetDeclaredSymbol(single) is { } symbol ? FieldTarget(symbol, single) : null;
            case ParenthesizedVariableDesignationSyntax parenthesized:
                var parts = parenthesized.Variables.Select(ToExpression).ToList();
                if (parts.All(static p => p is null))
                {
                    return null;
                }
                if (parts.Where((p, i) => p is null && parenthesized.Variables[i] is not DiscardDesignationSyntax).Any())
                {
                    // Mixed hoisted and kept variables cannot occur: a statement's locals are hoisted together (a discard, `_`, stays one).
                    return null;
                }
                var commas = Enumerable.Repeat(SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.CommaToken, SyntaxFactory.TriviaList(SyntaxFactory.Space)), parts.Count - 1);
                return SyntaxFactory.TupleExpression(SyntaxFactory.SeparatedList(parts.Select(static p => SyntaxFactory.Argument(p ?? SyntaxFactory.IdentifierName("_"))), commas));
            default:
                return null;
        }
    }

    private ExpressionSyntax? Replace(SimpleNameSyntax node, string name, SimpleNameSyntax? visited = null)
    {
        if (!_scope.MemberNames.Contains(name) && !_scope.MayNeedRewrite(node.Identifier.ValueText))
        {
            return null;
        }
        var asWritten = name == node.Identifier.ValueText;
        var symbol = asWritten ? _scope.HoistedVariableReadBy(node) : null;
        if (symbol is null && asWritten && _scope.KeepsNameAsWritten(name))
        {
            return null;
        }
        symbol ??= _scope.Model.GetSymbolInfo(node).Symbol;
        if (symbol is null)
        {
            return null;
        }
        if (_keptClosures is not null && _scope.ClosureOf.TryGetValue(symbol, out var kept))
        {
            _keptClosures.Add(kept.Closure);
            return ReadBack(symbol, node, RewriteScope.MemberAccess(kept.Closure.Captured, kept.Field).WithTriviaFrom(node));
        }
        if (_scope.ClosureOf.TryGetValue(symbol, out var closureLocal))
        {
            return ReadBack(symbol, node, RewriteScope.MemberAccess(closureLocal.Closure.Field, closureLocal.Field).WithTriviaFrom(node));
        }
        if (_scope.Fields.TryGetValue(symbol, out var field))
        {
            return _scope.AnonymousShapes.ContainsKey(symbol) ? ReadBack(symbol, node, SyntaxFactory.IdentifierName(field).WithTriviaFrom(node))
                : field == node.Identifier.Text ? null : SyntaxFactory.IdentifierName(field).WithTriviaFrom(node);
        }
        if (_scope.Shared.TryGetValue(symbol.OriginalDefinition, out var shared))
        {
            return _scope.AnonymousShapes.ContainsKey(symbol) ? ReadBack(symbol, node, shared.Syntax.WithTriviaFrom(node)) : shared.Syntax.WithTriviaFrom(node);
        }
        if (symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction })
        {
            return null;
        }
        if (_scope.StepLocals.TryGetValue(symbol, out var stepLocal))
        {
            return stepLocal == node.Identifier.Text ? null : SyntaxFactory.IdentifierName(stepLocal).WithTriviaFrom(node);
        }
        if (symbol is ILocalSymbol or IParameterSymbol or IRangeVariableSymbol or ILabelSymbol or ITypeParameterSymbol or IAliasSymbol or INamespaceSymbol)
        {
            return null;
        }
        var self = visited ?? node;
        if (!symbol.IsStatic && symbol is IFieldSymbol or IPropertySymbol or IMethodSymbol or IEventSymbol && IsOwnMember(symbol))
        {
            return SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                _scope.InstanceSyntax(),
                self.WithoutTrivia()).WithTriviaFrom(node);
        }
        if (!_scope.MemberNames.Contains(name))
        {
            return null;
        }
        // The state machine declares or inherits a member of this name: qualify, so it binds as before.
        if (symbol is ITypeSymbol type)
        {
            return SyntaxFactory.ParseTypeName(SymbolText.Type(type)).WithTriviaFrom(node);
        }
        return SyntaxFactory.MemberAccessExpression(
            SyntaxKind.SimpleMemberAccessExpression,
            SyntaxFactory.ParseTypeName(SymbolText.Type(symbol.ContainingType)),
            self.WithoutTrivia()).WithTriviaFrom(node);
    }

    /// <summary>
    /// A local of an anonymous type lives in an <c>object</c> field: a read becomes
    /// <c>AsAnonymous(field, false ? shape : null!)</c> (a hole); the target of <c>=</c> stays the field.
    /// </summary>
    private ExpressionSyntax ReadBack(ISymbol symbol, SimpleNameSyntax node, ExpressionSyntax field)
    {
        if (_scope.AnonymousVariables.Contains(symbol) && !node.Ancestors().Any(static a => a is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } }))
        {
            return KeptVariable(symbol, node, field);
        }
        if (!_scope.AnonymousShapes.TryGetValue(symbol, out var shape) ||
            node.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment && assignment.Left == node ||
            node.Ancestors().Any(static a => a is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } }))
        {
            return field;
        }
        return Hole(SyntaxFactory.IdentifierName("_"), node, new ExpressionSegment(new AnonymousReadExpression(new TextExpression(field.WithoutTrivia().ToString()), shape)));
    }

    /// <summary>The variable a field of a local used as a variable holds a box of (see <see cref="RewriteScope.AnonymousVariables"/>), as a hole in place of <paramref name="node"/>.</summary>
    private ExpressionSyntax KeptVariable(ISymbol symbol, SyntaxNode node, ExpressionSyntax field) =>
        Hole(SyntaxFactory.IdentifierName("_"), node, new ExpressionSegment(_scope.KeptVariable(symbol, new TextExpression(field.WithoutTrivia().ToString()))));

    private bool IsOwnMember(ISymbol symbol)
    {
        for (var type = _scope.ContainingType; type is not null; type = type.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(type, symbol.ContainingType.OriginalDefinition) ||
                SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, symbol.ContainingType.OriginalDefinition))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsMemberName(SimpleNameSyntax node) => LocalFunctionCoroutines.IsMemberName(node);
}
