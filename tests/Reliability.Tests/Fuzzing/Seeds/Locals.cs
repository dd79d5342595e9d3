using System;
using System.Linq;
using Coroutines;

namespace Locals;

public partial record Parser(string Text)
{
    [Coroutine]
    public int SumNumbers()
    {
        int sum = 0, count = 0, bad;
        bad = 0;
        foreach (var part in Text.Split(','))
        {
            if (int.TryParse(part, out var n)) { sum += n; count++; } else { bad++; }
        }
        Yield.Sleep(count);
        var (first, rest) = (Text.Length > 0 ? Text[0] : ' ', Text.Length);
        if (int.TryParse(Text.Trim(), out var whole))
        {
            Yield.Sleep(1);
            sum += whole;
        }
        {
            var scratch = $"{first}{rest}";
            Yield.Sleep(scratch.Length);
        }
        {
            var scratch = 42;
            Yield.Sleep(scratch);
        }
        Func<int, int> twice = x => x * 2;
        var doubled = Enumerable.Range(0, 3).Select(twice).Sum();
        Yield.Sleep(doubled);
        const int Limit = 1000;
        return Math.Min(Limit, sum + bad + doubled + whole);
    }

    [Coroutine]
    public static string Describe(object value)
    {
        string text = value switch
        {
            int i when i > 0 => "positive",
            int => "integer",
            string s => s,
            _ => "other",
        };
        Yield.Sleep(text.Length);
        if (value is string str && str.Length > 3)
        {
            text += "!";
        }
        Yield.Sleep(1);
        return text;
    }
}
