using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Binding;
using Coroutines.Generator.Diagnostics;
using Coroutines.Generator.Model;
using Coroutines.Generator.Names;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// The lowering pass: from a bound coroutine to the value-equatable <see cref="CoroutineModel"/>.
/// Allocates the state machine's fields (parameters and the locals that live across a
/// suspension), then lowers the body (<see cref="BodyLowerer"/>: desugaring, spilling, exception
/// handlers) into the structured statement tree. Nothing after this pass sees a symbol or a syntax node.
/// </summary>
internal static class CoroutineLowerer
{
    public static LoweringResult Lower(BoundCoroutine bound)
    {
        var diagnostics = bound.Diagnostics;
        if (!bound.Succeeded || bound.Syntax is not { } syntax || bound.Method is not { } method)
        {
            return new LoweringResult(bound.Key, null, diagnostics.ToEquatableArray());
        }
        if (CoroutineBinder.IsAbstractInstanceMethod(method))
        {
            return new LoweringResult(bound.Key, AbstractModel(bound.Key, syntax, method), diagnostics.ToEquatableArray());
        }
        var semanticModel = bound.SemanticModel;
        var factories = bound.Factories!;
        var suspensions = bound.Suspensions!;
        var hoisting = bound.Captures!;
        SyntaxNode body = (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody!;
        var shape = bound.Shape!;

        var stateMachineName = CoroutineBinder.StateMachineName(method);
        var scope = new RewriteScope(semanticModel, factories, method);
        // The delegate types C# made for lambdas that kept locals hold get declared ones, which all of this state machine's code spells.
        using var naming = SymbolText.NamingUnnamedDelegates(scope.NamedDelegates.Named);
        if (bound.Capture is { } around)
        {
            InheritDelegateTypes(around, scope);
        }
        DeclareDelegateTypes(bound, body, scope);
        scope.KnowDeclaredNames(body, shape.DeclaredNames);
        // A local function's coroutine captures nothing (LocalFunctionCoroutines): a static member of the containing type.
        var isStatic = method.IsStatic || syntax.IsLocalFunction;
        if (!isStatic)
        {
            scope.BaseAccessors = new BaseAccessors(stateMachineName, method.ContainingType, semanticModel, body.SpanStart);
        }
        if (syntax.IsLocalFunction)
        {
            // The method's local functions it uses are declared again in its Step().
            scope.CopiedLocalFunctions.AddRange(LocalFunctionCoroutines.UsedLocalFunctions(syntax.Node, semanticModel, default));
        }
        var fields = AllocateFields(method, isStatic, body, shape.NamesInstanceField, stateMachineName, hoisting, scope, semanticModel.Compilation);
        string? enclosingMachine = null;
        List<TypeModel>? enclosingMachines = null;
        if (bound.Capture is { } capture && (enclosingMachines = ShareEnclosing(capture, syntax, scope, fields, diagnostics)) is null)
        {
            return new LoweringResult(bound.Key, null, diagnostics.ToEquatableArray());
        }
        if (enclosingMachines is not null)
        {
            // Nested in each state machine around it in turn (`RunStateMachine_OuterStateMachine`).
            enclosingMachine = enclosingMachines.Select(static m => m.Name).Aggregate(GeneratedNames.NestedStateMachine);
        }
        if (enclosingMachine is not null && bound.Capture!.CapturesThis)
        {
            // Its `base` is the user's class's, as for the method around it: accessors of that class, reached through `enclosing.@this`.
            scope.BaseAccessors = new BaseAccessors(GeneratedNames.NestedStateMachine(enclosingMachine, stateMachineName), method.ContainingType, semanticModel, body.SpanStart);
        }
        // A local function of a generic method that captures nothing is generic over that method's type parameters too.
        var typeParameters = enclosingMachine is null && syntax.IsLocalFunction
            ? LocalFunctionCoroutines.OuterTypeParameters(method).Concat(method.TypeParameters).ToList()
            : method.TypeParameters.ToList();
        scope.StateMachinePath = enclosingMachine is null ? stateMachineName : enclosingMachine + "_" + stateMachineName;
        var builder = new BodyLowerer(scope, suspensions, fields, diagnostics);
        var statements = builder.BuildBody(syntax);
        foreach (var function in scope.NotKeptBeforeSuspension.OrderBy(static f => f.SpanStart))
        {
            // A lambda of a statement that suspends that the spiller did not store before the suspension: made where it is, it would read the environments as they are when it runs.
            diagnostics.Add(ClosureScopes.Unmade(function, scope.KeptBeforeSuspension[function]));
        }
        if (diagnostics.Any(static d => d.IsError))
        {
            return new LoweringResult(bound.Key, null, diagnostics.ToEquatableArray());
        }

        ParameterModel? enclosingParameter = null;
        if (enclosingMachine is not null)
        {
            // The factory of a local function that captures takes the state machine holding its variables first.
            var shared = ((IdentifierNameSyntax)scope.SharedStateMachine).Identifier.ValueText;
            enclosingParameter = new ParameterModel(shared, enclosingMachines![enclosingMachines.Count - 1].Name + enclosingMachines[enclosingMachines.Count - 1].TypeParameters, "", null, shared);
        }
        var methodModel = MethodModelOf(
            bound.Key, syntax, method, stateMachineName, p => scope.Fields[p], scope.InstanceField, isStatic, enclosingParameter,
            hasNestedStateMachines: shape.HasFunctionOrQuery && CapturingLocalFunctions(body, semanticModel, factories), typeParameters);
        if (enclosingMachine is not null && methodModel.Saveable)
        {
            // Its snapshot registration is a member of the user's class, which names it through the enclosing state machine.
            methodModel = methodModel with { Accessibility = "internal" };
        }

        var model = new CoroutineModel(
            GeneratedNames.HintName(method.ContainingType, enclosingMachines?.Select(static m => m.Name), stateMachineName, typeParameters.Count),
            syntax.SyntaxTree.FilePath,
            Namespaces(syntax.Node),
            FileUsings(syntax.Node),
            enclosingMachines is null ? ContainingTypes(syntax.Node, method) : ContainingTypes(syntax.Node).Concat(enclosingMachines).ToEquatableArray(),
            methodModel,
            fields.ToEquatableArray(),
            statements)
        {
            Calls = builder.Calls.ToEquatableArray(),
            BaseAccessors = scope.BaseAccessors?.Models.ToEquatableArray() ?? EquatableArray<BaseAccessorModel>.Empty,
            RuntimeAccessors = scope.RuntimeAccessors.ToEquatableArray(),
            ShapeMethods = scope.ShapeMethodModels.ToEquatableArray(),
            DelegateTypes = scope.NamedDelegateModels.ToEquatableArray(),
            Closures = scope.ClosureModels.Select(c => c with { MakesNaturalLambdas = scope.NaturalLambdaClosures.Contains(c.Class), RunsCalls = scope.RunningClosures.Contains(c.Class) }).ToEquatableArray(),
            EnclosingStateMachines = enclosingMachines?.Count ?? 0,
        };
        return new LoweringResult(bound.Key, model, diagnostics.ToEquatableArray());
    }

    /// <summary>The method's model: its signature and the names of what the generator adds for it.</summary>
    private static MethodModel MethodModelOf(
        string key, CoroutineSyntax syntax, IMethodSymbol method, string stateMachineName, System.Func<IParameterSymbol, string> fieldOf, string instanceField,
        bool isStatic, ParameterModel? enclosingParameter = null, bool hasNestedStateMachines = false, IReadOnlyList<ITypeParameterSymbol>? typeParameters = null)
    {
        typeParameters ??= method.TypeParameters;
        var name = GeneratedNames.WrittenName(method);
        var implemented = method.ExplicitInterfaceImplementations.FirstOrDefault();
        var parameters = method.Parameters.Select((p, i) => new ParameterModel(
            SymbolText.Identifier(p.Name),
            SymbolText.Type(p.Type),
            (i == 0 && method.IsExtensionMethod ? "this " : "") + (p.IsParams ? "params " : ""),
            // An explicit implementation's default values would have no effect (CS1066).
            syntax.ParameterList.Parameters[i].Default is { } d && implemented is null ? new TextExpression(d.Value.ToString()) : null,
            fieldOf(p))).ToList();
        if (enclosingParameter is not null)
        {
            parameters.Insert(0, enclosingParameter);
        }
        var dispatch = OverrideChain.DispatchOf(method);
        return new MethodModel(
            name,
            method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat),
            BodyLowerer.LineOf(syntax.Node),
            SymbolText.Accessibility(method.DeclaredAccessibility),
            isStatic,
            method.IsExtensionMethod,
            method.ReturnsVoid ? null : SymbolText.Type(method.ReturnType),
            SymbolText.Type(method.ContainingType),
            TypeParameterList(typeParameters),
            SymbolText.ConstraintClauses(typeParameters).ToEquatableArray(),
            parameters.ToEquatableArray(),
            stateMachineName,
            GeneratedNames.Factory(name),
            LocationInfo.From(syntax.Identifier))
        {
            Key = key,
            Dispatch = dispatch,
            FactoryHidesInherited = dispatch is not (FactoryDispatch.Override or FactoryDispatch.SealedOverride) && InheritedCoroutines(method).Any(m => SameParameters(m, method)),
            StateMachineHidesInherited = InheritedCoroutines(method).Any(m => !m.IsAbstract && CoroutineBinder.StateMachineName(m) == stateMachineName), // an abstract coroutine has no state machine
            RegistrationHidesInherited = SaveabilityCheck.IsSaveable(method) && HidesRegistration(method, stateMachineName),
            InstanceField = instanceField,
            HasNestedStateMachines = hasNestedStateMachines,
            Saveable = SaveabilityCheck.IsSaveable(method),
            ExplicitInterface = implemented is null ? null : SymbolText.Type(implemented.ContainingType),
            Provides = OverrideChain.ProvidedCoroutines(method).Select(static m => new ProvidedCoroutine(CoroutineBinder.KeyOf(m), SymbolText.MethodNameInType(m))).ToEquatableArray(),
        };
    }

    /// <summary><c>&lt;T, U&gt;</c>, or nothing when there are none.</summary>
    private static string TypeParameterList(IReadOnlyList<ITypeParameterSymbol> typeParameters) =>
        typeParameters.Count == 0 ? "" : "<" + string.Join(", ", typeParameters.Select(static t => SymbolText.Identifier(t.Name))) + ">";

    /// <summary>An abstract coroutine: only its abstract factory, no state machine, no body.</summary>
    private static CoroutineModel AbstractModel(string key, CoroutineSyntax syntax, IMethodSymbol method)
    {
        var stateMachineName = CoroutineBinder.StateMachineName(method);
        var methodModel = MethodModelOf(key, syntax, method, stateMachineName, static p => SymbolText.Identifier(p.Name), GeneratedNames.Instance, method.IsStatic);
        return new CoroutineModel(
            GeneratedNames.HintName(method.ContainingType, null, stateMachineName, method.TypeParameters.Length),
            syntax.SyntaxTree.FilePath,
            Namespaces(syntax.Node),
            FileUsings(syntax.Node),
            ContainingTypes(syntax.Node),
            methodModel,
            EquatableArray<FieldModel>.Empty,
            new BlockStatement(EquatableArray<Statement>.Empty, methodModel.Line));
    }

    /// <summary>
    /// Declares a delegate type for each delegate type C# made for a lambda that a kept local of <paramref name="bound"/> holds
    /// (see NamedDelegates), or a lambda whose value a temporary keeps, as its own lowering does (while its names are in use).
    /// </summary>
    private static void DeclareDelegateTypes(BoundCoroutine bound, SyntaxNode body, RewriteScope scope)
    {
        foreach (var (local, _) in bound.Captures!.Locals)
        {
            scope.NamedDelegates.Declare(local.Name, $"local '{local.Name}'", bound.Captures.TypeOf(local));
        }
        // A lambda of such a type in a statement split around its suspensions: a temporary may keep its value, or a value that holds it.
        foreach (var lambda in body.DescendantNodes().OfType<AnonymousFunctionExpressionSyntax>().Where(bound.Suspensions!.IsInSpilledStatement))
        {
            if (bound.SemanticModel.GetTypeInfo(lambda).ConvertedType is INamedTypeSymbol unnamed && unnamed.IsUnnamedDelegate() && unnamed.AnonymousPartOfSignature() is null)
            {
                scope.NamedDelegates.Declare("lambda", $"the lambda at line {BodyLowerer.LineOf(lambda)}, whose value is kept before a suspension", unnamed);
            }
        }
        // So may a method group of such a type (`Use(Pick(Parse), F(1))`, `Parse(ref int y)`), with no lambda or local of it in the method;
        // not one of the type of a local shared with the method around, whose declared type that one owns.
        foreach (var (group, groupMethod, unnamed) in NamedDelegates.MethodGroups(body, bound.SemanticModel, bound.Suspensions!.IsInSpilledStatement))
        {
            if (bound.Capture is { } shares && shares.Variables.OfType<ILocalSymbol>().Any(v => v.Type.UnnamedDelegatesIn().Contains(unnamed, SymbolEqualityComparer.Default)))
            {
                continue;
            }
            scope.NamedDelegates.Declare(groupMethod.Name, $"the method group '{group}' at line {BodyLowerer.LineOf(group)}, whose value is kept before a suspension", unnamed);
        }
    }

    /// <summary>
    /// A local function's coroutine that shares variables of the method around it (<paramref name="capture"/>) has its state machine nested in
    /// that one's, and uses the delegate types that one declares (and those of the ones around it) instead of declaring its own: a shared
    /// <c>var f = (ref int y) =&gt; y;</c> has that one's <c>Delegate_f</c>, and so do the values of that type the local function makes or keeps.
    /// Made as that coroutine's own lowering makes them, so the names are the same.
    /// </summary>
    private static void InheritDelegateTypes(LocalFunctionCapture capture, RewriteScope scope)
    {
        BoundCoroutine enclosing;
        using (SymbolText.NamingUnnamedDelegates(null))
        {
            enclosing = CoroutineBinder.Bind(capture.EnclosingSyntax.Node, capture.Enclosing, scope.Model, default);
        }
        if (!enclosing.Succeeded)
        {
            return; // not generated: this one is not either (ShareEnclosing)
        }
        var enclosingScope = new RewriteScope(scope.Model, enclosing.Factories!, capture.Enclosing);
        using (SymbolText.NamingUnnamedDelegates(enclosingScope.NamedDelegates.Named))
        {
            if (enclosing.Capture is { } around)
            {
                InheritDelegateTypes(around, enclosingScope);
            }
            DeclareDelegateTypes(enclosing, (SyntaxNode?)capture.EnclosingSyntax.Body ?? capture.EnclosingSyntax.ExpressionBody!, enclosingScope);
        }
        scope.NamedDelegates.Inherit(enclosingScope.NamedDelegates);
    }

    /// <summary>
    /// For a <c>[Coroutine]</c> local function that captures variables of the coroutine around it (as
    /// C# shares a display class between a method and its local functions, here the state machine
    /// of that coroutine): a field holding that state machine, and each captured variable (and
    /// <c>this</c>) read and written where that state machine keeps it (<c>enclosing.x</c>). Its
    /// fields are named again here as that coroutine's lowering names them (the same binding, run
    /// again). When that coroutine is a local function's sharing variables in turn, its own are
    /// found the same way and reached through its field (<c>enclosing.enclosing.n</c>). Returns the
    /// names of the state machine classes in which this one is nested, outermost first; null
    /// when this one cannot be generated (that coroutine's own errors, reported on it, or COR0016). A shared local
    /// of an anonymous type is read back through that state machine's shape.
    /// </summary>
    private static List<TypeModel>? ShareEnclosing(LocalFunctionCapture capture, CoroutineSyntax syntax, RewriteScope scope, List<FieldModel> fields, List<DiagnosticInfo> diagnostics)
    {
        var model = scope.Model;
        BoundCoroutine enclosing;
        using (SymbolText.NamingUnnamedDelegates(null))
        {
            enclosing = CoroutineBinder.Bind(capture.EnclosingSyntax.Node, capture.Enclosing, model, default); // as its own lowering binds it, before it names any delegate type
        }
        if (!enclosing.Succeeded)
        {
            return null; // not generated: the calls of this function from there are not either
        }
        var enclosingName = CoroutineBinder.StateMachineName(capture.Enclosing);
        var enclosingScope = new RewriteScope(model, enclosing.Factories!, capture.Enclosing);
        SyntaxNode enclosingBody = (SyntaxNode?)capture.EnclosingSyntax.Body ?? capture.EnclosingSyntax.ExpressionBody!;
        // A local function's coroutine around it is static (one that shares reaches `this` through its own enclosing), as its own lowering allocates its fields.
        var enclosingFields = AllocateFields(capture.Enclosing, capture.Enclosing.IsStatic || capture.EnclosingSyntax.IsLocalFunction, enclosingBody, enclosing.Shape!.NamesInstanceField, enclosingName, enclosing.Captures!, enclosingScope, model.Compilation);
        // Generic as that coroutine's lowering makes it: a local function's that captures nothing over the method's type parameters too.
        var enclosingTypeParameters = TypeParameterList(capture.EnclosingSyntax.IsLocalFunction && enclosing.Capture is null
            ? LocalFunctionCoroutines.OuterTypeParameters(capture.Enclosing).Concat(capture.Enclosing.TypeParameters).ToList()
            : capture.Enclosing.TypeParameters);
        var machines = new List<TypeModel>();
        if (enclosing.Capture is { } around)
        {
            // That coroutine shares the variables of one around it in turn: as its own lowering does, again.
            if (ShareEnclosing(around, capture.EnclosingSyntax, enclosingScope, enclosingFields, diagnostics) is not { } outer)
            {
                return null;
            }
            machines.AddRange(outer);
        }
        machines.Add(new TypeModel("class", enclosingName, enclosingTypeParameters, false));

        var used = scope.IdentifiersIn(syntax.Node);
        used.UnionWith(scope.MemberNames);
        var field = GeneratedNames.Unique(GeneratedNames.Enclosing, used);
        scope.MemberNames.Add(field);
        fields.Insert(0, new FieldModel(field, enclosingName + enclosingTypeParameters, $"the state machine of '{capture.Enclosing.Name}', which keeps the variables '{syntax.Identifier.ValueText}' shares with it", false));
        scope.SharedStateMachine = SyntaxFactory.IdentifierName(field);
        scope.StateMachinesAround[capture.Enclosing.OriginalDefinition] = scope.SharedStateMachine;
        foreach (var further in enclosingScope.StateMachinesAround)
        {
            scope.StateMachinesAround[further.Key] = Qualify(further.Value, field);
        }
        foreach (var variable in capture.Variables)
        {
            if (enclosingScope.FieldSyntax(variable) is not { } there || enclosingScope.FieldExpression(variable) is not { } thereModel)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedTarget, syntax.Identifier,
                    $"the local function '{syntax.Identifier.ValueText}', which captures '{variable.Name}', a local that the state machine of '{capture.Enclosing.Name}' keeps in Step() (it is declared in a block without a suspension)",
                    $"declare '{variable.Name}' where '{capture.Enclosing.Name}' suspends, or pass it to '{syntax.Identifier.ValueText}' as a parameter"));
                continue;
            }
            scope.Shared[variable] = (Qualify(there, field), Qualify(thereModel, field));
            // One of an anonymous type, kept as an object there: read back through that state machine's shape, its shape methods named
            // through it (this one's own may take the same names for other types), and reached through its box where that one keeps one.
            if (enclosingScope.AnonymousShapes.TryGetValue(variable, out var shape))
            {
                scope.AnonymousShapes[variable] = QualifyShapeMethods(shape, enclosingName + enclosingTypeParameters);
                if (enclosingScope.AnonymousVariables.Contains(variable))
                {
                    scope.AnonymousVariables.Add(variable);
                }
            }
        }
        if (capture.CapturesThis)
        {
            scope.SharedInstance = (Qualify(enclosingScope.InstanceSyntax(), field), Qualify(enclosingScope.InstanceExpression(), field));
        }
        return diagnostics.Any(static d => d.IsError) ? null : machines;
    }

    // `Shape_Tuple(new { ... })` becomes `RunStateMachine.Shape_Tuple(new { ... })`; one named through a state machine further out already is.
    private static CodeExpression QualifyShapeMethods(CodeExpression shape, string machine) => shape switch
    {
        ShapeCallExpression call => call with
        {
            Holder = call.Holder ?? machine,
            Arguments = call.Arguments.Select(a => QualifyShapeMethods(a, machine)).ToEquatableArray(),
        },
        AnonymousShapeExpression anonymous => anonymous with { Members = anonymous.Members.Select(m => m with { Value = QualifyShapeMethods(m.Value, machine) }).ToEquatableArray() },
        SequenceShapeExpression sequence => sequence with { Element = QualifyShapeMethods(sequence.Element, machine) },
        LambdaShapeExpression lambda => lambda with { Body = QualifyShapeMethods(lambda.Body, machine) },
        _ => shape,
    };

    // `x` becomes `enclosing.x`, `closure1.x` becomes `enclosing.closure1.x`.
    private static ExpressionSyntax Qualify(ExpressionSyntax there, string field) => there switch
    {
        MemberAccessExpressionSyntax access => access.WithExpression(Qualify(access.Expression, field)),
        IdentifierNameSyntax name => RewriteScope.MemberAccess(field, name.Identifier.ValueText),
        _ => there,
    };

    private static CodeExpression Qualify(CodeExpression there, string field) => there switch
    {
        MemberExpression member => member with { Receiver = Qualify(member.Receiver, field) },
        TextExpression name => new MemberExpression(new TextExpression(field), name.Text),
        _ => there,
    };

    /// <summary>Whether the body declares <c>[Coroutine]</c> local functions that capture its variables (their state machines nest in this one).</summary>
    private static bool CapturingLocalFunctions(SyntaxNode body, SemanticModel model, GeneratedFactoryTypes factories) =>
        body.DescendantNodes().OfType<LocalFunctionStatementSyntax>()
            .Any(f => SuspensionFinder.IsCoroutine(f, model, factories) && LocalFunctionCoroutines.Captured(f, model, default).Count > 0);

    /// <summary>
    /// Names the fields: <c>@this</c> (renamed when the body declares an <c>@this</c>), then parameters and hoisted locals under their own names,
    /// renamed only when the name is taken (by the base class, the generated members, or a local
    /// of another type in a sibling scope). Same-named locals of one type share a field.
    /// </summary>
    private static List<FieldModel> AllocateFields(IMethodSymbol method, bool isStatic, SyntaxNode body, bool namesInstanceField, string stateMachineName, CaptureWalker hoisting, RewriteScope scope, Compilation compilation)
    {
        var taken = new HashSet<string>(CompilationFacts.Of(compilation).StateMachineMembers);
        taken.Add(GeneratedNames.Instance);
        taken.Add(stateMachineName);
        foreach (var typeParameter in method.TypeParameters.Concat(LocalFunctionCoroutines.OuterTypeParameters(method)))
        {
            taken.Add(typeParameter.Name);
        }
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            foreach (var typeParameter in type.TypeParameters)
            {
                taken.Add(typeParameter.Name);
            }
        }

        var fields = new List<FieldModel>();
        if (!isStatic)
        {
            // A local, lambda parameter or pattern variable named @this kept in Step() would hide a
            // field of that name from the code that reads the instance through it: rename the field.
            if (namesInstanceField)
            {
                scope.InstanceField = GeneratedNames.Unique(GeneratedNames.Instance, taken);
            }
            // A struct's `this` is copied when the coroutine is created, as a C# async method copies it: the caller never sees the changes.
            var instance = method.ContainingType.IsValueType
                ? "a copy of the struct the coroutine was created on: as in a C# async method, the caller does not see its changes"
                : "the instance the coroutine runs on";
            fields.Add(new FieldModel(scope.InstanceField, SymbolText.Type(method.ContainingType), instance, false));
        }
        foreach (var parameter in method.Parameters)
        {
            var fieldName = GeneratedNames.Unique(parameter.Name, taken);
            scope.Fields[parameter] = SymbolText.Identifier(fieldName);
            fields.Add(new FieldModel(SymbolText.Identifier(fieldName), SymbolText.Type(parameter.Type), $"parameter '{parameter.Name}'", false));
        }
        var closures = AllocateClosures(body, hoisting, scope, taken);
        if (hoisting.Closures is { } found)
        {
            scope.KeepingStatements.UnionWith(found.KeepingStatements);
            scope.ValuesMadeAround.UnionWith(found.ValuesMadeAround);
            scope.DeclaredBeforeStatement.UnionWith(found.DeclaredBeforeStatement);
            foreach (var pair in found.KeptBeforeSuspension)
            {
                scope.KeptBeforeSuspension[pair.Key] = pair.Value;
            }
            foreach (var pair in found.LocalFunctionScopes)
            {
                scope.LocalFunctionClosures[pair.Key] = pair.Value.Select(s => scope.Closures[s]).ToList();
            }
        }
        foreach (var (local, declaration) in hoisting.Locals)
        {
            if (hoisting.Closures?.ScopeOf.TryGetValue(local, out var closureScope) == true)
            {
                closures[closureScope].Add(local, declaration, hoisting.TypeOf(local), hoisting.TypeTextOf(local), scope, hoisting.AnonymousVariables.Contains(local));
                continue;
            }
            // A name reused by a sibling scope gets its own field (x_2): a closure from the first
            // scope must not see the second variable.
            var fieldName = GeneratedNames.Unique(local.Name, taken);
            var type = hoisting.TypeOf(local);
            scope.Fields[local] = SymbolText.Identifier(fieldName);
            fields.Add(scope.KeptLocalField(SymbolText.Identifier(fieldName), local, type, hoisting.TypeTextOf(local), declaration, hoisting.AnonymousVariables.Contains(local)));
        }
        NameStepLocals(body, hoisting, scope, taken);
        foreach (var closure in closures.Values)
        {
            fields.Add(new FieldModel(closure.Names.Field, closure.Names.Class, $"{closure.Names.Class} of the current entry: the variables closures capture in {closure.Scope}", true));
            scope.ClosureModels.Add(closure.ToModel());
        }
        foreach (var field in fields)
        {
            scope.MemberNames.Add(field.Name.TrimStart('@'));
        }
        foreach (var name in taken)
        {
            scope.MemberNames.Add(name);
        }
        return fields;
    }

    /// <summary>
    /// Names the ref locals that stay locals of Step() (used only between suspensions): their own name,
    /// unless another variable of the body, a field or a generated member has it (flattening puts all
    /// of them in one scope, where the local would clash or hide the field).
    /// </summary>
    private static void NameStepLocals(SyntaxNode body, CaptureWalker hoisting, RewriteScope scope, HashSet<string> taken)
    {
        if (hoisting.StepLocals.Count == 0)
        {
            return;
        }
        var identifiers = body.DescendantTokens().Where(static t => t.IsKind(SyntaxKind.IdentifierToken)).ToList();
        var declared = identifiers.Where(static t => t.Parent is VariableDeclaratorSyntax or SingleVariableDesignationSyntax or ParameterSyntax or ForEachStatementSyntax or CatchDeclarationSyntax or LocalFunctionStatementSyntax)
            .GroupBy(static t => t.ValueText)
            .ToDictionary(static g => g.Key, static g => g.Count());
        var used = new HashSet<string>(identifiers.Select(static t => t.ValueText));
        used.UnionWith(taken);
        foreach (var (local, _) in hoisting.StepLocals)
        {
            var own = declared[local.Name] == 1 && !taken.Contains(local.Name) && !GeneratedNames.IsMember(local.Name);
            var name = own ? local.Name : GeneratedNames.Unique(local.Name, used);
            taken.Add(name);
            used.Add(name);
            scope.StepLocals[local] = SymbolText.Identifier(name);
        }
    }

    /// <summary>
    /// Names a closure environment for each scope whose captured locals need fresh variables per
    /// entry (see <see cref="ClosureScopes"/>), under names no identifier of the method uses.
    /// </summary>
    private static Dictionary<SyntaxNode, ClosureAllocation> AllocateClosures(SyntaxNode body, CaptureWalker hoisting, RewriteScope scope, HashSet<string> taken)
    {
        var closures = new Dictionary<SyntaxNode, ClosureAllocation>();
        if (hoisting.Closures is not { Scopes.Count: > 0 } found)
        {
            return closures;
        }
        var used = new HashSet<string>(body.DescendantTokens().Where(static t => t.IsKind(SyntaxKind.IdentifierToken)).Select(static t => t.ValueText));
        used.UnionWith(taken);
        var id = 0;
        foreach (var node in found.Scopes)
        {
            ClosureNames names;
            do
            {
                names = GeneratedNames.Closure(++id);
            }
            while (used.Contains(names.Class) || used.Contains(names.Field) || used.Contains(names.Captured));
            taken.Add(names.Field);
            taken.Add(names.Class);
            var allocation = new ClosureAllocation(names, ClosureAllocation.Describe(node));
            closures[node] = allocation;
            scope.Closures[node] = names;
        }
        return closures;
    }

    /// <summary>
    /// The [Coroutine] methods of the same name in base types whose generated members this
    /// method's would hide (CS0108 without <c>new</c>): visible from the derived type.
    /// </summary>
    private static IEnumerable<IMethodSymbol> InheritedCoroutines(IMethodSymbol method)
    {
        for (var type = method.ContainingType.BaseType; type is not null; type = type.BaseType)
        {
            foreach (var other in type.GetMembers(method.Name).OfType<IMethodSymbol>())
            {
                if (other.DeclaredAccessibility != Accessibility.Private &&
                    other.GetAttributes().Any(static a => CoroutineBinder.IsCoroutineAttribute(a.AttributeClass)))
                {
                    yield return other;
                }
            }
        }
    }

    // A saveable coroutine's registration is internal whatever the method's accessibility: one of a
    // base type of this assembly with the same state machine name is hidden (CS0108 without `new`).
    private static bool HidesRegistration(IMethodSymbol method, string stateMachineName)
    {
        for (var type = method.ContainingType.BaseType; type is not null; type = type.BaseType)
        {
            if (!SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, method.ContainingAssembly))
            {
                continue;
            }
            foreach (var other in type.GetMembers(method.Name).OfType<IMethodSymbol>())
            {
                if (SaveabilityCheck.IsSaveable(other) && CoroutineBinder.StateMachineName(other) == stateMachineName)
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static bool SameParameters(IMethodSymbol a, IMethodSymbol b) =>
        a.Parameters.Length == b.Parameters.Length && a.TypeParameters.Length == b.TypeParameters.Length &&
        a.Parameters.Zip(b.Parameters, static (x, y) => SymbolEqualityComparer.Default.Equals(x.Type, y.Type) && x.RefKind == y.RefKind).All(static same => same);

    internal static EquatableArray<NamespaceModel> Namespaces(SyntaxNode syntax) =>
        syntax.Ancestors()
            .OfType<BaseNamespaceDeclarationSyntax>()
            .Reverse()
            .Select(static n => new NamespaceModel(n.Name.ToString(), Usings(n.Usings, n.Externs)))
            .ToEquatableArray();

    private static EquatableArray<string> FileUsings(SyntaxNode syntax)
    {
        var unit = syntax.SyntaxTree.GetCompilationUnitRoot();
        return Usings(unit.Usings, unit.Externs);
    }

    // Kept code is compiled in the generated file, so it needs the same usings (global ones apply already).
    private static EquatableArray<string> Usings(SyntaxList<UsingDirectiveSyntax> usings, SyntaxList<ExternAliasDirectiveSyntax> externs) =>
        externs.Select(static e => e.ToString())
            .Concat(usings.Where(static u => !u.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword)).Select(static u => u.ToString()))
            .ToEquatableArray();

    private static EquatableArray<TypeModel> ContainingTypes(SyntaxNode syntax, IMethodSymbol method) =>
        !syntax.Ancestors().OfType<TypeDeclarationSyntax>().Any()
            // A local function of top-level statements: a member of the class the compiler makes of them (Program), which may be declared partial.
            ? new[] { new TypeModel("class", method.ContainingType.Name, "", false) }.ToEquatableArray()
            : ContainingTypes(syntax);

    private static EquatableArray<TypeModel> ContainingTypes(SyntaxNode syntax) => TypesAround(syntax.Ancestors());

    /// <summary>The partial declarations of <paramref name="types"/> (innermost first), outermost first, as generated code reopens them.</summary>
    internal static EquatableArray<TypeModel> TypesAround(IEnumerable<SyntaxNode> types) =>
        types
            .OfType<TypeDeclarationSyntax>()
            .Reverse()
            .Select(static t => new TypeModel(
                Keyword(t),
                t.Identifier.Text,
                t.TypeParameterList?.ToString() ?? "",
                t.Modifiers.Any(SyntaxKind.StaticKeyword)))
            .ToEquatableArray();

    private static string Keyword(TypeDeclarationSyntax type) => type switch
    {
        RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
        RecordDeclarationSyntax => "record",
        StructDeclarationSyntax => "struct",
        InterfaceDeclarationSyntax => "interface",
        _ => "class",
    };
}
