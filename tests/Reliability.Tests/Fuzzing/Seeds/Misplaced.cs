using System;
using Coroutines;

namespace Misplaced;

public partial class Bad
{
    [Coroutine]
    public void InLambda()
    {
        Action a = () => Yield.Sleep(1);
        a();
        Yield.Sleep(2);
    }

    [Coroutine]
    public int InExpression(int x)
    {
        var y = x > 0 ? Twice(x) : 0;
        Yield.Sleep(y);
        return y;
    }

    private static int Twice(int x) => x * 2;

    public void NotACoroutine()
    {
        Yield.Sleep(3);
    }

    [Coroutine]
    public void NeverSuspends()
    {
        Console.WriteLine("no sleep here");
    }
}

public struct Point
{
    public int X;

    [Coroutine]
    public static void Move(Point p)
    {
        p.X++;
        Yield.Sleep(p.X);
    }
}

public partial struct Vector
{
    public int Length;

    [Coroutine]
    public static int Measure(Vector v)
    {
        Yield.Sleep(v.Length);
        return v.Length;
    }
}
