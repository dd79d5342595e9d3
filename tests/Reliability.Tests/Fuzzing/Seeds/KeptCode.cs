using System;
using System.Collections.Generic;
using System.Text;
using Coroutines;

namespace KeptCode;

public partial class Report
{
    private readonly StringBuilder _out = new();

    [Coroutine]
    public string Build(IReadOnlyList<int> values)
    {
        _out.Clear();
        int i = 0;
        while (true)
        {
            if (i >= values.Count) break;
            switch (values[i])
            {
                case 0:
                    _out.Append("zero;");
                    break;
                case < 0:
                    _out.Append("negative;");
                    goto default;
                default:
                    _out.Append(values[i]).Append(';');
                    break;
            }
            try
            {
                checked { _out.Append(values[i] * 1000); }
            }
            catch (OverflowException)
            {
                _out.Append("overflow");
            }
            finally
            {
                _out.Append(' ');
            }
            lock (_out)
            {
                foreach (var ch in "ab") { if (ch == 'b') continue; _out.Append(ch); }
            }
            Yield.Sleep(values[i] < 0 ? 0 : values[i]);
            i++;
            {
                int j = 0;
            retry:
                j++;
                if (j < 3) goto retry;
            }
        }
        var text = """
            multi-line
              raw string
            """;
        Yield.Sleep(1);
        return _out.ToString() + text;
    }

    [Coroutine]
    public static int Search(int[,] grid, int target)
    {
        int found = -1;
        for (int r = 0; r < grid.GetLength(0); r++)
        {
            for (int c = 0; c < grid.GetLength(1); c++)
            {
                if (grid[r, c] != target)
                {
                    continue;
                }
                found = r * grid.GetLength(1) + c;
                goto done;
            }
            Yield.Sleep(1);
        }
    done:
        return found;
    }
}
