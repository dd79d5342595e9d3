using System;
using System.IO;
using Coroutines;

namespace Constructs;

// Constructs whose suspension support is still being built: each is a COR diagnostic or a state machine.
public partial class Session : IDisposable
{
    public void Dispose() { }

    [Coroutine]
    public int WithTry(int ms)
    {
        var attempts = 0;
        try
        {
            attempts++;
            Yield.Sleep(ms);
        }
        catch (IOException) when (attempts < 3)
        {
            attempts += 10;
        }
        finally
        {
            attempts *= 2;
        }
        return attempts;
    }

    [Coroutine]
    public void WithUsing(int ms)
    {
        using (var s = new Session())
        {
            Yield.Sleep(ms);
        }
        foreach (var d in new[] { 1, 2, 3 })
        {
            Yield.Sleep(d);
        }
    }

    [Coroutine]
    public static string WithSwitch(int kind)
    {
        switch (kind)
        {
            case 1:
                Yield.Sleep(1);
                return "one";
            case 2:
            case 3:
                Yield.Sleep(kind);
                break;
            default:
                return "other";
        }
        return "two or three";
    }
}
