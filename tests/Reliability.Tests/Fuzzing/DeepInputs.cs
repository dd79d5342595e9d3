using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Coroutines.Reliability.Tests.Fuzzing;

/// <summary>Inputs built to stress the generator's recursion and loops: deep nesting and very long bodies.</summary>
internal static class DeepInputs
{
    public const string LongMethodName = "statements x5000";

    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        ["nested loops x200"] = NestedLoops(200),
        [LongMethodName] = LongMethod(5000),
        ["nested ifs x200"] = NestedIfs(200),
        ["nested blocks x300"] = NestedBlocks(300),
        ["nested while/do x100"] = NestedWhileDo(100),
        ["kept nesting x300"] = KeptNesting(300),
        ["long expressions"] = LongExpressions(2000),
        ["coroutines x300"] = ManyCoroutines(300),
        ["locals x2000"] = ManyLocals(2000),
    };

    private static string Wrap(string members) => $$"""
        using System;
        using Coroutines;

        namespace Deep;

        public static partial class Stress
        {
        {{members}}
        }
        """;

    /// <summary>A 200-level nested for loop with a sleep inside (and a break that crosses it).</summary>
    public static string NestedLoops(int depth)
    {
        var b = new StringBuilder();
        b.AppendLine("    [Coroutine]");
        b.AppendLine("    public static int Loops(int n)");
        b.AppendLine("    {");
        b.AppendLine("        int total = 0;");
        for (var i = 0; i < depth; i++)
        {
            b.Append(' ', 8 + i).AppendLine($"for (int i{i} = 0; i{i} < n; i{i}++)");
            b.Append(' ', 8 + i).AppendLine("{");
        }
        b.Append(' ', 8 + depth).AppendLine("Yield.Sleep(1);");
        b.Append(' ', 8 + depth).AppendLine("total++;");
        b.Append(' ', 8 + depth).AppendLine("if (total > 3) break;");
        for (var i = depth - 1; i >= 0; i--)
        {
            b.Append(' ', 8 + i).AppendLine("}");
        }
        b.AppendLine("        return total;");
        b.AppendLine("    }");
        return Wrap(b.ToString());
    }

    /// <summary>A 5,000-statement method: assignments, kept ifs and a sleep every few statements.</summary>
    public static string LongMethod(int statements)
    {
        var b = new StringBuilder();
        b.AppendLine("    [Coroutine]");
        b.AppendLine("    public static long Long(int seed)");
        b.AppendLine("    {");
        b.AppendLine("        long x = seed;");
        for (var i = 0; i < statements; i++)
        {
            b.AppendLine((i % 5) switch
            {
                0 => $"        x += {i};",
                1 => "        Yield.Sleep((int)(x & 1));",
                2 => $"        if (x > {i * 10}) {{ x -= {i}; }}",
                3 => $"        var v{i} = x * 2;",
                _ => $"        x ^= v{i - 1};",
            });
        }
        b.AppendLine("        return x;");
        b.AppendLine("    }");
        return Wrap(b.ToString());
    }

    public static string NestedIfs(int depth)
    {
        var b = new StringBuilder();
        b.AppendLine("    [Coroutine]");
        b.AppendLine("    public static int Ifs(int n)");
        b.AppendLine("    {");
        for (var i = 0; i < depth; i++)
        {
            b.Append(' ', 8 + i).AppendLine($"if (n > {i})");
            b.Append(' ', 8 + i).AppendLine("{");
            b.Append(' ', 9 + i).AppendLine($"Yield.Sleep({i % 3});");
        }
        b.Append(' ', 8 + depth).AppendLine("return n;");
        for (var i = depth - 1; i >= 0; i--)
        {
            b.Append(' ', 8 + i).AppendLine("}");
            b.Append(' ', 8 + i).AppendLine($"else {{ Yield.Sleep(1); }}");
        }
        b.AppendLine("        return -1;");
        b.AppendLine("    }");
        return Wrap(b.ToString());
    }

    public static string NestedBlocks(int depth)
    {
        var open = string.Concat(Enumerable.Range(0, depth).Select(static i => $"{{ int b{i} = {i}; "));
        var close = string.Concat(Enumerable.Repeat(" }", depth));
        return Wrap($$"""
                [Coroutine]
                public static void Blocks()
                {
                    {{open}} Yield.Sleep(b{{depth - 1}}); {{close}}
                }
            """);
    }

    public static string NestedWhileDo(int depth)
    {
        var b = new StringBuilder();
        b.AppendLine("    [Coroutine]");
        b.AppendLine("    public static int Loops()");
        b.AppendLine("    {");
        b.AppendLine("        int count = 0;");
        for (var i = 0; i < depth; i++)
        {
            b.AppendLine(i % 2 == 0 ? "        while (count < 1000) {" : "        do {");
        }
        b.AppendLine("        Yield.Sleep(1); count++; if (count % 2 == 0) continue; break;");
        for (var i = depth - 1; i >= 0; i--)
        {
            b.AppendLine(i % 2 == 0 ? "        }" : "        } while (count < 1000);");
        }
        b.AppendLine("        return count;");
        b.AppendLine("    }");
        return Wrap(b.ToString());
    }

    /// <summary>Deep nesting in code that stays as written (no suspension inside), next to a sleep.</summary>
    public static string KeptNesting(int depth)
    {
        var open = string.Concat(Enumerable.Range(0, depth).Select(static i => $"if (n > {i}) {{ "));
        var close = string.Concat(Enumerable.Repeat("} ", depth));
        return Wrap($$"""
                [Coroutine]
                public static int Kept(int n)
                {
                    int hits = 0;
                    {{open}} hits++; {{close}}
                    Yield.Sleep(hits);
                    return hits;
                }
            """);
    }

    public static string LongExpressions(int terms)
    {
        var sum = string.Join(" + ", Enumerable.Range(0, terms).Select(static i => (i % 7).ToString()));
        var parens = new string('(', 200) + "1" + new string(')', 200);
        var interpolated = string.Concat(Enumerable.Range(0, 200).Select(static i => $"{{{i}}}"));
        return Wrap($$"""
                [Coroutine]
                public static int Expressions()
                {
                    int a = {{sum}};
                    Yield.Sleep({{sum}});
                    var s = $"{{interpolated}}";
                    Yield.Sleep({{parens}});
                    return a + s.Length;
                }
            """);
    }

    public static string ManyCoroutines(int count)
    {
        var b = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            b.AppendLine("    [Coroutine]");
            b.AppendLine($"    public static int C{i}(int n) {{ for (var i = 0; i < n; i++) {{ Yield.Sleep(i); }} return n + {i}; }}");
        }
        return Wrap(b.ToString());
    }

    public static string ManyLocals(int count)
    {
        var b = new StringBuilder();
        b.AppendLine("    [Coroutine]");
        b.AppendLine("    public static int Locals()");
        b.AppendLine("    {");
        for (var i = 0; i < count; i++)
        {
            b.AppendLine($"        int l{i} = {i};");
        }
        b.AppendLine("        Yield.Sleep(1);");
        b.AppendLine("        return " + string.Join(" + ", Enumerable.Range(0, count).Where(static i => i % 100 == 0).Select(static i => $"l{i}")) + ";");
        b.AppendLine("    }");
        return Wrap(b.ToString());
    }
}
