using System.Globalization;
using System.Text;

namespace Coroutines.Inspect;

/// <summary>
/// Writes a <see cref="StateGraph"/> as a state diagram: Mermaid (<c>stateDiagram-v2</c>, which
/// GitHub renders in Markdown) and Graphviz DOT (<c>dot -Tsvg</c>). Each state is labelled with
/// the source statement it resumes after; an arrow is one call of <c>Step()</c>.
/// </summary>
internal static class Diagrams
{
    public static string Mermaid(StateGraph graph)
    {
        var text = new StringBuilder();
        text.Append("stateDiagram-v2\n");
        text.Append("    %% ").Append(graph.MachineName).Append(", made from ").Append(graph.Method).Append(".\n");
        text.Append("    %% An arrow is one call of Step(): it resumes in a state and runs to the next suspension, or to the end [*].\n");
        text.Append("    state \"0: start\" as S0\n");
        foreach (var state in graph.States)
        {
            text.Append("    state \"").Append(MermaidText(StateLabel(state.Number, state.SourceText, state.Line, " "))).Append("\" as S")
                .Append(Number(state.Number)).Append('\n');
        }
        text.Append("    [*] --> S0\n");
        foreach (var transition in graph.Transitions)
        {
            text.Append("    S").Append(Number(transition.From)).Append(" --> ")
                .Append(transition.To == StateGraph.Done ? "[*]" : "S" + Number(transition.To))
                .Append(transition.OnException ? " : on exception" : "").Append('\n');
        }
        return text.ToString();
    }

    public static string Dot(StateGraph graph)
    {
        var text = new StringBuilder();
        text.Append("digraph \"").Append(DotText(graph.MachineName)).Append("\" {\n");
        text.Append("    // ").Append(graph.MachineName).Append(", made from ").Append(graph.Method).Append(".\n");
        text.Append("    // An arrow is one call of Step(): it resumes in a state and runs to the next suspension, or to the end.\n");
        text.Append("    rankdir=LR;\n");
        text.Append("    node [shape=box, style=rounded, fontname=\"Helvetica\"];\n");
        text.Append("    edge [fontname=\"Helvetica\", fontsize=10];\n");
        text.Append("    start [shape=point, label=\"\"];\n");
        text.Append("    done [shape=doublecircle, label=\"done\"];\n");
        text.Append("    S0 [label=\"0: start\"];\n");
        foreach (var state in graph.States)
        {
            text.Append("    S").Append(Number(state.Number)).Append(" [label=\"")
                .Append(DotText(StateLabel(state.Number, state.SourceText, state.Line, "\n"))).Append("\"];\n");
        }
        text.Append("    start -> S0;\n");
        foreach (var transition in graph.Transitions)
        {
            text.Append("    S").Append(Number(transition.From)).Append(" -> ")
                .Append(transition.To == StateGraph.Done ? "done" : "S" + Number(transition.To))
                .Append(transition.OnException ? " [style=dashed, label=\"on exception\"]" : "").Append(";\n");
        }
        text.Append("}\n");
        return text.ToString();
    }

    // "1: after Yield.Sleep(delayMs) (line 22)": the statement without its final semicolon.
    private static string StateLabel(int number, string sourceText, int line, string separator)
    {
        var statement = sourceText.Trim();
        if (statement.EndsWith(';'))
        {
            statement = statement[..^1].TrimEnd();
        }
        statement = string.Join(" ", statement.Split((char[]?)null, System.StringSplitOptions.RemoveEmptyEntries));
        return $"{Number(number)}: after {statement}{separator}(line {Number(line)})";
    }

    // Mermaid labels: entity codes for what its parser would take as syntax.
    private static string MermaidText(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            result.Append(c switch
            {
                '"' => "#quot;",
                ';' => "#59;",
                '<' => "#lt;",
                '>' => "#gt;",
                '#' => "#35;",
                '\n' or '\r' => " ",
                _ => c.ToString(),
            });
        }
        return result.ToString();
    }

    private static string DotText(string text) =>
        text.Replace("\\", "\\\\", System.StringComparison.Ordinal)
            .Replace("\"", "\\\"", System.StringComparison.Ordinal)
            .Replace("\r", "", System.StringComparison.Ordinal)
            .Replace("\n", "\\n", System.StringComparison.Ordinal);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
