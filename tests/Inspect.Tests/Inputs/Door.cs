using System;
using Coroutines;

namespace Demo;

public partial class Door
{
    private int _opened;

    [Coroutine]
    public string Cycle(int times, bool slow)
    {
        if (times == 0) return "never opened";
        if (slow)
        {
            Yield.Sleep(500);
        }
        else
        {
            Yield.Sleep(100);
        }
        while (true)
        {
            _opened++;
            Yield.Sleep(TimeSpan.FromSeconds(1));
            if (_opened >= times)
            {
                break;
            }
            Yield.Sleep(250);
        }
        return $"opened {_opened} times";
    }
}
