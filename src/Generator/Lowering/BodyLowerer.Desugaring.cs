using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Diagnostics;
using Coroutines.Generator.Binding;
using Coroutines.Generator.Model;
using Coroutines.Generator.Names;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Lowering;

/// <summary>
/// <c>using</c>, <c>foreach</c> and <c>switch</c> statements that suspend, rewritten into the
/// forms the lowering knows (fields, loops, tests, labels and try/finally), as the C# spec defines them.
/// </summary>
internal sealed partial class BodyLowerer
{
    private Statement BuildUsing(UsingStatementSyntax usingStatement, JumpContext context, int line)
    {
        if (usingStatement.Declaration is not null)
        {
            return BuildUsingDeclarators(usingStatement.Declaration.Variables, 0, ctx => Build(usingStatement.Statement, ctx), context, line);
        }
        if (usingStatement.Expression is null || _scope.Model.GetTypeInfo(usingStatement.Expression).Type is not { } type)
        {
            // `using (null)` (nothing to dispose) or half-typed code, whose error the compiler reports.
            return Build(usingStatement.Statement, context);
        }
        var field = GeneratedNames.UsingResource(Next("using"));
        CheckSaveable(type, usingStatement.Expression, FirstSuspensionIn(usingStatement.Statement));
        AddField(field, SymbolText.Type(type), $"the resource of the using statement at line {line}", !type.IsValueType);
        return new BlockStatement(new Statement[]
        {
            new CommentStatement(Header(usingStatement, usingStatement.CloseParenToken)),
            Assign(field, RewriteKept(usingStatement.Expression!, usingStatement.Expression!), usingStatement.Expression!),
            TryDispose(field, type, ctx => Build(usingStatement.Statement, ctx), context, line),
        }.ToEquatableArray(), line);
    }

    /// <summary><c>using var r = ...;</c> in a flattened block: the rest of the block is the using's body.</summary>
    private Statement BuildUsingDeclaration(LocalDeclarationStatementSyntax declaration, System.Func<JumpContext, Statement> rest, JumpContext context) =>
        new BlockStatement(new Statement[]
        {
            new CommentStatement(OneLine(declaration.ToString())),
            BuildUsingDeclarators(declaration.Declaration.Variables, 0, rest, context, LineOf(declaration)),
        }.ToEquatableArray(), LineOf(declaration));

    // `using (A a = x, b = y) S` means `using (A a = x) using (A b = y) S`: dispose in reverse order.
    private Statement BuildUsingDeclarators(SeparatedSyntaxList<VariableDeclaratorSyntax> variables, int index, System.Func<JumpContext, Statement> body, JumpContext context, int line)
    {
        if (index == variables.Count)
        {
            return body(context);
        }
        var variable = variables[index];
        if (_scope.Model.GetDeclaredSymbol(variable) is not ILocalSymbol local)
        {
            // Half-typed code (a declarator that is only missing tokens) declares nothing: the compiler reports it.
            return BuildUsingDeclarators(variables, index + 1, body, context, line);
        }
        var statements = new List<Statement>(Assignments(variable));
        // A class that holds an anonymous type: its object field is disposed through the interface, as C# disposes a class (a struct is a box, reached by ref).
        statements.Add(TryDispose(FieldOf(variable), local.Type, ctx => BuildUsingDeclarators(variables, index + 1, body, ctx, line), context, line,
            throughInterface: !local.Type.IsValueType && AnonymousShape.IsNeeded(local.Type)));
        return new BlockStatement(statements.ToEquatableArray(), line);
    }

    private IEnumerable<Statement> Assignments(VariableDeclaratorSyntax variable)
    {
        if (variable.Initializer is not null)
        {
            yield return Assign(FieldOf(variable), InitializerValue(variable), variable);
        }
    }

    private Statement TryDispose(CodeExpression field, ITypeSymbol type, System.Func<JumpContext, Statement> body, JumpContext context, int line, bool throughInterface = false) =>
        new TryStatement(Next("try"), body(context), EquatableArray<CatchModel>.Empty, throughInterface ? new DisposeStatement(field, DisposeKind.IfDisposable) : DisposeOf(field, type), null, line);

    private static DisposeStatement DisposeOf(CodeExpression field, ITypeSymbol type) =>
        new(field, type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T ? DisposeKind.Nullable : DisposeKind.Disposable);

    /// <summary>Whether <paramref name="type"/> can be written at <paramref name="position"/>: no error in it, and only type parameters in scope there.</summary>
    private bool Nameable(ITypeSymbol? type, int position) => type switch
    {
        null or { TypeKind: TypeKind.Error } => false,
        ITypeParameterSymbol parameter => _scope.Model.LookupNamespacesAndTypes(position, name: parameter.Name).Contains(parameter, SymbolEqualityComparer.Default),
        IArrayTypeSymbol array => Nameable(array.ElementType, position),
        INamedTypeSymbol named => named.TypeArguments.All(t => Nameable(t, position)) && (named.ContainingType is null || Nameable(named.ContainingType, position)),
        _ => true,
    };

    private Statement BuildForEach(CommonForEachStatementSyntax forEach, JumpContext context, int line)
    {
        var info = _scope.Model.GetForEachStatementInfo(forEach);
        var getEnumerator = info.GetEnumeratorMethod;
        if (!Nameable(_scope.Model.GetTypeInfo(forEach.Expression).Type, forEach.SpanStart) ||
            getEnumerator is not null && (!Nameable(getEnumerator.ReturnType, forEach.SpanStart) || !Nameable(info.ElementType, forEach.SpanStart)))
        {
            // `foreach (var item in items)`, `var items = L(one);`: C# infers the collection's type from a class the generator adds, which
            // the compilation read here does not hold (its enumerator bound here is `List<T>.Enumerator`, of `L`'s own `T`): read where
            // the classes have stand-ins, each spelled as its class.
            if (_scope.Factories.ForEachOfClasses(forEach) is { } classes)
            {
                return BuildForEachOfClasses(forEach, classes, context, line);
            }
            _diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.UnsupportedConstruct, forEach.ForEachKeyword, _suspensions.FirstNameIn(forEach.Statement),
                $"a foreach over '{forEach.Expression}' (its type C# infers from a class the generator adds)",
                "Keep the collection in a local whose type is written out (IEnumerable<Coroutine<int>> items = ...;) and loop over that local"));
            return Kept(forEach, context, line);
        }
        if (getEnumerator is null || info.MoveNextMethod is null || info.CurrentProperty is null || info.IsAsynchronous)
        {
            _diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.UnsupportedConstruct, forEach.ForEachKeyword, _suspensions.FirstNameIn(forEach.Statement), "a foreach over a dynamic collection",
                "Cast the collection to the enumerable type it holds"));
            return Kept(forEach, context, line);
        }
        var k = Next("foreach");
        var enumerator = GeneratedNames.ForEachEnumerator(k);
        var enumeratorType = getEnumerator.ReturnType;
        CodeExpression enumeratorVariable = new TextExpression(enumerator);
        if (AnonymousShape.IsNeeded(enumeratorType))
        {
            // `List<...>.Enumerator` of an anonymous type: a box of it in an object field (a struct enumerator moves in place).
            if (AnonymousShape.Of(enumeratorType, out var reason, _scope.ShapeMethods) is not { } shape)
            {
                _diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.UnsupportedConstruct, forEach.ForEachKeyword, _suspensions.FirstNameIn(forEach.Statement),
                    $"a foreach whose enumerator's type holds an anonymous type, where {reason}", "Make the collection a List<T> or an array of the anonymous type"));
                return Kept(forEach, context, line);
            }
            AddField(enumerator, "object?", $"the enumerator of the foreach at line {line}" + AnonymousShape.VariableFieldComment, false);
            enumeratorVariable = new AnonymousVariableExpression(enumeratorVariable, shape);
        }
        else
        {
            AddField(enumerator, SymbolText.Type(enumeratorType), $"the enumerator of the foreach at line {line}", !enumeratorType.IsValueType);
        }

        var collection = Rewrite(forEach.Expression);
        CodeExpression start;
        if (getEnumerator.IsExtensionMethod)
        {
            start = new CallExpression(SymbolText.Type(getEnumerator.ContainingType), getEnumerator.Name, collection);
        }
        else if (getEnumerator.ContainingType.TypeKind == TypeKind.Interface)
        {
            start = ThroughInterface(Converted(getEnumerator.ContainingType, new ParenthesizedExpression(collection)), getEnumerator.Name);
        }
        else
        {
            start = new CallExpression(new ParenthesizedExpression(collection), getEnumerator.Name, "");
        }

        // Current may be weaker than the element type (an array's enumerator yields object): cast to
        // the element type first, then convert as foreach does.
        CodeExpression currentValue = new MemberExpression(enumeratorVariable, nameof(System.Collections.IEnumerator.Current));
        if (!SymbolEqualityComparer.IncludeNullability.Equals(info.CurrentProperty.Type, info.ElementType))
        {
            currentValue = new ParenthesizedExpression(Converted(info.ElementType!, currentValue));
        }
        var current = forEach switch
        {
            ForEachStatementSyntax single => new AssignStatement(FieldOf(single), ConvertedTo(DeclaredNullability.OfLocal((ILocalSymbol)_scope.Model.GetDeclaredSymbol(single)!, _scope.Model), info.ElementType!, currentValue), line),
            ForEachVariableStatementSyntax deconstruction => new AssignStatement(Rewrite(deconstruction.Variable), currentValue, line),
            _ => throw new System.InvalidOperationException("unknown foreach form"),
        };
        return ForEachLoop(forEach, k, enumeratorVariable, start, current, EnumeratorDisposal(enumeratorVariable, enumeratorType), context, line);
    }

    /// <summary><c>((I)(collection)).GetEnumerator()</c>: an interface's method, called on the collection converted to it.</summary>
    private static CodeExpression ThroughInterface(CodeExpression asInterface, string getEnumerator) =>
        new ParenthesizedExpression(new CallExpression(new ParenthesizedExpression(asInterface), getEnumerator, ""));

    /// <summary>
    /// A foreach whose collection's type C# infers from a class the generator adds (<see cref="ForEachClassTypes"/>): the same loop,
    /// its enumerator's field and the element's cast spelled with the classes (<c>List&lt;EchoStateMachine&gt;.Enumerator</c>).
    /// </summary>
    private Statement BuildForEachOfClasses(CommonForEachStatementSyntax forEach, ForEachClassTypes types, JumpContext context, int line)
    {
        var k = Next("foreach");
        var enumerator = GeneratedNames.ForEachEnumerator(k);
        CodeExpression enumeratorVariable = new TextExpression(enumerator);
        AddField(enumerator, types.Enumerator, $"the enumerator of the foreach at line {line}", !types.EnumeratorType.IsValueType);
        var collection = Rewrite(forEach.Expression);
        var start = types switch
        {
            { IsExtension: true, Through: { } extensions } => new CallExpression(extensions, types.GetEnumerator, collection),
            { Through: { } asInterface } => ThroughInterface(new CastExpression(asInterface, new ParenthesizedExpression(collection)), types.GetEnumerator),
            _ => new CallExpression(new ParenthesizedExpression(collection), types.GetEnumerator, ""),
        };
        CodeExpression currentValue = new MemberExpression(enumeratorVariable, nameof(System.Collections.IEnumerator.Current));
        if (!types.CurrentIsElement)
        {
            currentValue = new ParenthesizedExpression(new CastExpression(types.Element, currentValue)); // an array's enumerator yields object
        }
        Statement current;
        if (forEach is ForEachStatementSyntax single)
        {
            // `var item`: the element's type already; a type written out (`Coroutine<int> item`) converts as foreach does.
            var local = (ILocalSymbol)_scope.Model.GetDeclaredSymbol(single)!;
            var value = single.Type.IsVar ? currentValue : Converted(DeclaredNullability.OfLocal(local, _scope.Model), currentValue);
            current = new AssignStatement(FieldOf(single), value, line);
        }
        else
        {
            // `var (item, count)`: deconstructed into the variables' fields, each typed as C# types it (ForEachClassTypes.Variables).
            current = new AssignStatement(Rewrite(((ForEachVariableStatementSyntax)forEach).Variable), currentValue, line);
        }
        return ForEachLoop(forEach, k, enumeratorVariable, start, current, EnumeratorDisposal(enumeratorVariable, types.EnumeratorType), context, line);
    }

    /// <summary>The enumerator started, then <c>while (e.MoveNext()) { item = e.Current; body }</c>, disposed in a finally as the spec says.</summary>
    private Statement ForEachLoop(CommonForEachStatementSyntax forEach, int k, CodeExpression enumeratorVariable, CodeExpression start, Statement current, DisposeStatement? dispose, JumpContext context, int line)
    {
        var labels = LoopLabels.Of(GeneratedNames.Loop("foreach", k));
        var loop = new WhileStatement(
            new CallExpression(enumeratorVariable, nameof(System.Collections.IEnumerator.MoveNext), ""),
            Header(forEach, forEach.CloseParenToken),
            new BlockStatement(EnterClosure(forEach).Concat(new Statement[] { current, Build(forEach.Statement, context.InLoop(labels)) }).ToEquatableArray(), line),
            labels,
            false,
            line);
        Statement body = dispose is null
            ? loop
            : new TryStatement(Next("try"), loop, EquatableArray<CatchModel>.Empty, dispose, null, line);
        // The collection's own variables (`in F(out var items)`): new for each run of the foreach, before it is evaluated.
        return new BlockStatement(EnterClosure(forEach.Expression).Concat(new Statement[] { new AssignStatement(enumeratorVariable, start, line), body }).ToEquatableArray(), line);
    }

    // The element as the foreach variable's type: already that type when it holds an anonymous type (`var`), which a read through its shape would only box.
    private CodeExpression ConvertedTo(ITypeSymbol variable, ITypeSymbol element, CodeExpression value) =>
        AnonymousShape.IsNeeded(variable) && SymbolEqualityComparer.Default.Equals(variable, element) ? value : Converted(variable, value);

    /// <summary><c>(T)value</c>; to a type that holds an anonymous type, which has no name to cast to, the same cast through its shape (<c>AsAnonymous(value, false ? shape : null!)</c>).</summary>
    private CodeExpression Converted(ITypeSymbol type, CodeExpression value) =>
        AnonymousShape.IsNeeded(type) && AnonymousShape.Of(type, out _, _scope.ShapeMethods) is { } shape
            ? new AnonymousReadExpression(value, shape)
            : new CastExpression(SymbolText.Type(type), value);

    /// <summary>How foreach disposes its enumerator (C# spec 13.9.5): statically, dynamically, or not at all.</summary>
    private static DisposeStatement? EnumeratorDisposal(CodeExpression field, ITypeSymbol type)
    {
        var disposable = type.SpecialType == SpecialType.System_IDisposable ||
                         type.AllInterfaces.Any(static i => i.SpecialType == SpecialType.System_IDisposable);
        if (disposable)
        {
            return new DisposeStatement(field, DisposeKind.Disposable);
        }
        if (type.IsValueType || type.IsSealed)
        {
            return null;
        }
        return new DisposeStatement(field, DisposeKind.IfDisposable);
    }

    /// <summary>
    /// A switch that suspends: its value in a field, the labels tested in order (default last), a
    /// jump to each section's label, and <c>break</c> / <c>goto case</c> as jumps.
    /// </summary>
    private Statement BuildSwitch(SwitchStatementSyntax switchStatement, JumpContext context, int line)
    {
        var names = GeneratedNames.Switch(Next("switch"));
        var value = names.Value;
        var type = _scope.Model.GetTypeInfo(switchStatement.Expression).Type;
        CheckSaveable(type, switchStatement.Expression, FirstSuspensionIn(switchStatement));
        // A value of an anonymous type (`switch (new { A = Next(1), ... })`), which a field cannot name: kept as an object, its tests read it through its shape.
        var shape = type is not null && AnonymousShape.IsNeeded(type) ? AnonymousShape.Of(type, out _, _scope.ShapeMethods) : null;
        AddField(
            value,
            type is null || shape is not null ? "object?" : SymbolText.Type(type),
            $"the value the switch at line {line} tests" + (shape is null ? "" : AnonymousShape.FieldCommentFor(shape)),
            shape is null && (type is null || !type.IsValueType));
        var breakLabel = names.Break;
        var sections = switchStatement.Sections;
        var sectionLabels = Enumerable.Range(1, sections.Count).Select(names.Case).ToList();

        var cases = new List<(object? Value, string Label)>();
        string? defaultLabel = null;
        var statements = new List<Statement>
        {
            new CommentStatement(Header(switchStatement, switchStatement.CloseParenToken.IsMissing ? switchStatement.Expression.GetLastToken() : switchStatement.CloseParenToken)),
        };
        statements.AddRange(EnterClosure(switchStatement));
        statements.Add(Assign(value, RewriteKept(switchStatement.Expression, switchStatement.Expression), switchStatement.Expression));
        for (var i = 0; i < sections.Count; i++)
        {
            foreach (var label in sections[i].Labels)
            {
                switch (label)
                {
                    case CaseSwitchLabelSyntax constant:
                        cases.Add((_scope.Model.GetConstantValue(constant.Value).Value, sectionLabels[i]));
                        statements.Add(new BranchStatement(new PatternTestExpression(value, Rewrite(constant.Value)) { ValueShape = shape }, true, sectionLabels[i], LineOf(label)));
                        break;
                    case CasePatternSwitchLabelSyntax { WhenClause.Condition: var guard } pattern
                        when _suspensions.Spilled.TryGetValue(switchStatement, out var spilled) && spilled.Sites.Keys.Any(c => guard.Span.Contains(c.Span)):
                        // `case T t when F(t):`: the guard suspends only when the pattern matched, then its value decides.
                        var matched = new StatementRewriter(_scope, null).PatternCondition(value, pattern.Pattern, null, shape);
                        var guardSpiller = Spiller(spilled);
                        guardSpiller.Spill(guard);
                        guardSpiller.Add(new BranchStatement(Rewrite(guard), true, sectionLabels[i], LineOf(guard)));
                        statements.Add(new IfStatement(matched, OneLine(label.ToString()), new BlockStatement(guardSpiller.Statements.ToEquatableArray(), LineOf(label)), null, LineOf(label)));
                        break;
                    case CasePatternSwitchLabelSyntax pattern:
                        var condition = new StatementRewriter(_scope, null).PatternCondition(value, pattern.Pattern, pattern.WhenClause?.Condition, shape);
                        statements.Add(new BranchStatement(condition, true, sectionLabels[i], LineOf(label)));
                        break;
                    case DefaultSwitchLabelSyntax:
                        defaultLabel = sectionLabels[i];
                        break;
                }
            }
        }
        statements.Add(new JumpStatement(defaultLabel ?? breakLabel, defaultLabel is null ? "no case matched" : "no case matched: default", 0));

        var inner = context with
        {
            Break = new JumpTarget(breakLabel, context.Depth),
            Switch = new SwitchTargets(cases, defaultLabel, context.Depth),
        };
        for (var i = 0; i < sections.Count; i++)
        {
            statements.Add(new LabelStatement(sectionLabels[i]));
            statements.Add(new CommentStatement(OneLine(string.Join(" ", sections[i].Labels.Select(static l => l.ToString())))));
            statements.AddRange(BuildStatements(sections[i].Statements, 0, inner));
        }
        statements.Add(new LabelStatement(breakLabel));
        return new BlockStatement(statements.ToEquatableArray(), line);
    }
}
