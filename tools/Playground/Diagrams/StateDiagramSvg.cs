using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using Coroutines.Playground.Api;

namespace Coroutines.Playground.Diagrams;

/// <summary>
/// Draws a state graph as SVG on the server, so the page needs no diagram library: the states in a
/// column (0, the start, at the top; done at the bottom), an arrow per transition (one call of
/// <c>Step()</c>). Each state is a <c>g.state</c> with <c>data-state</c> and <c>data-line</c> (the
/// source line it resumes after), which the page links to the editor and the generated code.
/// </summary>
internal static class StateDiagramSvg
{
    private const double CharWidth = 7.2; // 12 px monospace, roughly
    private const double BoxHeight = 42;
    private const double Gap = 46;
    private const double Top = 40;
    private const double Left = 70;
    private const double LaneWidth = 18;

    public static string Render(string machineName, IReadOnlyList<StateView> states, IReadOnlyList<TransitionView> transitions)
    {
        var labels = new List<(int Number, string Title, string Detail, int? Line)> { (0, "0: start", "the first call of Step()", null) };
        labels.AddRange(states.Select(static s => (s.Number, $"{N(s.Number)}: after {Statement(s.SourceText)}", $"line {N(s.Line)}", (int?)s.Line)));
        var row = labels.Select(static (l, i) => (l.Number, i)).ToDictionary(static p => p.Number, static p => p.i);
        var doneRow = labels.Count;
        var boxWidth = Math.Max(180, 24 + CharWidth * labels.Max(static l => Math.Max(l.Title.Length, l.Detail.Length)));

        // Arrows that do not go to the next row take a lane beside the column: forward ones on the right, back ones on the left.
        var lanesRight = 0;
        var lanesLeft = 0;
        var arrows = new StringBuilder();
        foreach (var t in transitions)
        {
            if (!row.TryGetValue(t.From, out var from))
            {
                continue;
            }
            var to = t.To is { } target && row.TryGetValue(target, out var r) ? r : doneRow;
            var style = t.OnException ? " stroke-dasharray=\"5 4\"" : "";
            var label = t.OnException ? "on exception" : null;
            string path;
            double labelX, labelY;
            if (to == from + 1 && !t.OnException)
            {
                var x = Left + boxWidth / 2;
                path = $"M {N(x)} {N(Bottom(from))} L {N(x)} {N(TopOf(to) - 2)}";
                labelX = x + 6;
                labelY = (Bottom(from) + TopOf(to)) / 2;
            }
            else if (to == from)
            {
                var x = Left + boxWidth;
                var y = TopOf(from);
                path = $"M {N(x)} {N(y + 10)} C {N(x + 40)} {N(y - 8)}, {N(x + 40)} {N(y + BoxHeight + 8)}, {N(x + 2)} {N(y + BoxHeight - 10)}";
                labelX = x + 34;
                labelY = y + BoxHeight / 2 + 4;
                lanesRight = Math.Max(lanesRight, 1);
            }
            else if (to > from)
            {
                lanesRight++;
                var x = Left + boxWidth;
                var lane = x + 30 + lanesRight * LaneWidth;
                var y1 = TopOf(from) + BoxHeight * 0.7;
                var y2 = to == doneRow ? DoneY() : TopOf(to) + BoxHeight * 0.3;
                var x2 = to == doneRow ? Left + boxWidth / 2 + 16 : x + 2;
                path = $"M {N(x)} {N(y1)} C {N(lane)} {N(y1)}, {N(lane)} {N(y2)}, {N(x2)} {N(y2)}";
                labelX = lane - 10;
                labelY = (y1 + y2) / 2;
            }
            else
            {
                lanesLeft++;
                var lane = Left - 20 - lanesLeft * LaneWidth;
                var y1 = TopOf(from) + BoxHeight * 0.7;
                var y2 = TopOf(to) + BoxHeight * 0.3;
                path = $"M {N(Left)} {N(y1)} C {N(lane)} {N(y1)}, {N(lane)} {N(y2)}, {N(Left - 2)} {N(y2)}";
                labelX = lane - 4;
                labelY = (y1 + y2) / 2;
            }
            var toName = t.To is { } k ? N(k) : "done";
            arrows.Append($"  <path class=\"transition\" data-from=\"{N(t.From)}\" data-to=\"{toName}\" d=\"{path}\" fill=\"none\" stroke=\"#555\" stroke-width=\"1.4\"{style} marker-end=\"url(#arrow)\"><title>Step() from state {N(t.From)} to {(t.To is null ? "the end" : "state " + toName)}{(t.OnException ? ", when an exception is caught" : "")}</title></path>\n");
            if (label is not null)
            {
                arrows.Append($"  <text x=\"{N(labelX)}\" y=\"{N(labelY)}\" font-size=\"10\" fill=\"#777\">{label}</text>\n");
            }
        }

        var width = Left + boxWidth + 80 + lanesRight * LaneWidth + 60;
        var height = DoneY() + 40;
        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"state-diagram\" data-machine=\"{Escape(machineName)}\" width=\"{N(width)}\" height=\"{N(height)}\" viewBox=\"0 0 {N(width)} {N(height)}\" font-family=\"ui-monospace, Menlo, Consolas, monospace\" font-size=\"12\">\n");
        svg.Append($"  <title>{Escape(machineName)}: one arrow per call of Step()</title>\n");
        svg.Append("  <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/></marker></defs>\n");
        var startX = Left + boxWidth / 2;
        svg.Append($"  <circle cx=\"{N(startX)}\" cy=\"{N(Top - 24)}\" r=\"6\" fill=\"#333\"/>\n");
        svg.Append($"  <path d=\"M {N(startX)} {N(Top - 18)} L {N(startX)} {N(Top - 2)}\" stroke=\"#555\" stroke-width=\"1.4\" marker-end=\"url(#arrow)\"/>\n");
        for (var i = 0; i < labels.Count; i++)
        {
            var (number, title, detail, line) = labels[i];
            var y = TopOf(i);
            svg.Append($"  <g class=\"state\" data-state=\"{N(number)}\"{(line is { } l ? $" data-line=\"{N(l)}\"" : "")} tabindex=\"0\">\n");
            svg.Append($"    <title>{Escape(number == 0 ? "State 0: not started; the first Step() starts at the top" : $"State {N(number)}: resumes after line {N(line ?? 0)}")}</title>\n");
            svg.Append($"    <rect x=\"{N(Left)}\" y=\"{N(y)}\" width=\"{N(boxWidth)}\" height=\"{N(BoxHeight)}\" rx=\"8\" fill=\"#eef4fb\" stroke=\"#1f4e8c\" stroke-width=\"1.2\"/>\n");
            svg.Append($"    <text x=\"{N(Left + 12)}\" y=\"{N(y + 17)}\" font-weight=\"bold\">{Escape(title)}</text>\n");
            svg.Append($"    <text x=\"{N(Left + 12)}\" y=\"{N(y + 33)}\" fill=\"#555\">{Escape(detail)}</text>\n");
            svg.Append("  </g>\n");
        }
        svg.Append($"  <g class=\"done\"><circle cx=\"{N(startX)}\" cy=\"{N(DoneY())}\" r=\"14\" fill=\"#fff\" stroke=\"#2e9e4f\" stroke-width=\"1.5\"/><circle cx=\"{N(startX)}\" cy=\"{N(DoneY())}\" r=\"9\" fill=\"#2e9e4f\"/>");
        svg.Append($"<text x=\"{N(startX - 22)}\" y=\"{N(DoneY() + 4)}\" text-anchor=\"end\" fill=\"#2e9e4f\">done</text></g>\n");
        svg.Append(arrows);
        svg.Append("</svg>\n");
        return svg.ToString();

        double TopOf(int index) => Top + index * (BoxHeight + Gap);
        double Bottom(int index) => TopOf(index) + BoxHeight;
        double DoneY() => TopOf(doneRow) + 14;
    }

    // "Yield.Sleep(delayMs)": the statement on one line, without its final semicolon, shortened.
    private static string Statement(string sourceText)
    {
        var statement = string.Join(" ", sourceText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).TrimEnd(';').TrimEnd();
        return statement.Length > 60 ? statement[..57] + "..." : statement;
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string N(double value) => Math.Round(value, 1).ToString(CultureInfo.InvariantCulture);

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
