using System.Collections.Generic;
using System.Linq;
using Coroutines.Generator.Binding;
using Coroutines.Generator.Model;
using Coroutines.Generator.Names;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coroutines.Generator.Lowering;

internal sealed partial class BodyLowerer
{
    /// <summary>
    /// A try that contains a suspension. With a suspending finally (or a suspending catch and any
    /// finally) it is split like the compiler does: <c>try { try { B } catch ... } finally { F }</c>.
    /// </summary>
    private Statement BuildTry(BlockSyntax body, SyntaxList<CatchClauseSyntax> catches, FinallyClauseSyntax? finallyClause, JumpContext context, int line)
    {
        var finallySuspends = finallyClause is not null && _suspensions.Flattened.Contains(finallyClause.Block);
        var catchSuspends = catches.Any(c => _suspensions.Flattened.Contains(c.Block));
        if (finallyClause is not null && catches.Count > 0 && (finallySuspends || catchSuspends))
        {
            return BuildTryFinally(ctx => BuildTry(body, catches, null, ctx, line), finallyClause, finallySuspends, context, line);
        }
        if (finallyClause is not null && catches.Count == 0)
        {
            return BuildTryFinally(ctx => Build(body, ctx), finallyClause, finallySuspends, context, line);
        }
        // Catches and a finally that do not suspend: one C# try with all of them, kept as written.
        var keptFinally = finallyClause is null ? null : KeptBlock(finallyClause.Block, context);
        return BuildTryCatch(body, catches, context, line) with { KeptFinally = keptFinally };
    }

    private Statement BuildTryFinally(System.Func<JumpContext, Statement> buildBody, FinallyClauseSyntax finallyClause, bool finallySuspends, JumpContext context, int line)
    {
        var id = Next("try");
        if (!finallySuspends)
        {
            // A kept finally stays a real finally, guarded so it does not run when the body only suspends.
            return new TryStatement(id, buildBody(context), EquatableArray<CatchModel>.Empty, KeptBlock(finallyClause.Block, context), null, line);
        }
        var frame = new FinallyFrame(id, context);
        var tryBody = buildBody(context.InFinallyFrame(frame));
        var finallyBody = Build(finallyClause.Block, context);
        AddField(frame.ExceptionField, "global::System.Exception?", $"an exception the try threw, held while its finally (line {LineOf(finallyClause)}) runs");
        if (frame.Exits.Count > 0)
        {
            AddField(frame.BranchField, "int", "which jump left the try, replayed after its finally (0: none)");
        }
        var flattened = new FlattenedFinally(finallyBody, frame.Label, frame.ExceptionField, frame.BranchField, frame.Exits.ToEquatableArray());
        return new TryStatement(id, tryBody, EquatableArray<CatchModel>.Empty, null, flattened, line);
    }

    private TryStatement BuildTryCatch(BlockSyntax body, SyntaxList<CatchClauseSyntax> catches, JumpContext context, int line)
    {
        var id = Next("try");
        var names = GeneratedNames.Try(id);
        var tryBody = Build(body, context);
        var models = new List<CatchModel>();
        var anyFlattened = false;
        for (var i = 0; i < catches.Count; i++)
        {
            var clause = catches[i];
            var index = i + 1;
            if (!_suspensions.Flattened.Contains(clause.Block))
            {
                var rewriter = new StatementRewriter(_scope, new Router(this, context), DedentOf(clause));
                models.Add(new CatchModel(index, rewriter.Splice(rewriter.Visit(clause)!), null, null, rewriter.JumpTargets.Distinct().ToEquatableArray(), LineOf(clause))
                {
                    EndReachable = EndReachable(clause.Block),
                });
                continue;
            }
            anyFlattened = true;
            var exceptionField = names.ExceptionField;
            // Half-typed code (`catch (;`) has a declaration whose missing type binds to nothing:
            // the compiler reports it, the generator only has to survive it.
            var type = clause.Declaration is not null && _scope.Model.GetTypeInfo(clause.Declaration.Type).Type is { } caught
                ? SymbolText.Type(caught)
                : "global::System.Exception";
            var temp = names.CaughtVariable(index);
            CodeExpression? variableField = null;
            if (clause.Declaration is not null && _scope.Model.GetDeclaredSymbol(clause.Declaration) is { } local)
            {
                variableField = _scope.FieldExpression(local);
            }
            var filter = clause.Filter is null ? null : Rewrite(clause.Filter.FilterExpression);
            // The filter may read the catch variable, which now lives in a field: Hoist stores it first.
            var hoistField = filter is null ? null : variableField;
            // With a filter, Hoist already stored the variable before the filter ran, and the filter
            // may have assigned it (`when ((ex = ...) != null)`): the handler must see that value.
            var stores = new List<AssignStatement>();
            if (variableField is not null && filter is null)
            {
                stores.Add(new AssignStatement(variableField, temp, 0));
            }
            stores.Add(new AssignStatement(exceptionField, temp, 0));
            stores.Add(new AssignStatement(names.CaughtField, index.ToString(System.Globalization.CultureInfo.InvariantCulture), 0));
            var store = new StoringCatch(type, temp, hoistField, filter, stores.ToEquatableArray());
            var handler = Build(clause.Block, context with { RethrowField = exceptionField });
            models.Add(new CatchModel(index, "", handler, names.Handler(index), EquatableArray<string>.Empty, LineOf(clause)) { Store = store });
        }
        if (anyFlattened)
        {
            AddField(names.CaughtField, "int", "which catch (counted from 1) caught an exception whose handler suspends; 0: none");
            AddField(names.ExceptionField, "global::System.Exception?", "the exception that handler is running for (what `throw;` rethrows)");
        }
        return new TryStatement(id, tryBody, models.ToEquatableArray(), null, null, line);
    }

    /// <summary>A block kept as written, jumps resolved against <paramref name="context"/>.</summary>
    private CodeStatement KeptBlock(BlockSyntax block, JumpContext context) => (CodeStatement)Kept(block, context, LineOf(block));
}
