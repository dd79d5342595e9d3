using System;
using System.Collections.Generic;
using Coroutines;

namespace Composition;

public sealed class Gate
{
    private int _opened;

    [SuspensionPoint(nameof(BeginPass), Result = nameof(EndPass))]
    public int Pass(int delayMs, string who)
    {
        Yield.Sleep(delayMs);
        return EndPass(delayMs, who);
    }

    public Suspension BeginPass(int delayMs, string who) => Suspension.Sleep(delayMs);

    public int EndPass(int delayMs, string who) => who.Length > 10 ? throw new InvalidOperationException(who) : ++_opened + delayMs;
}

public partial class Pipeline
{
    private readonly Gate _gate = new();
    private int _total;

    public int Total { get; private set; }

    [Coroutine]
    public static int Fib(int n)
    {
        if (n < 2)
        {
            return n;
        }
        var a = Fib(n - 1);
        Yield.Sleep(1);
        int b = Fib(n - 2);
        return a + b;
    }

    [Coroutine]
    public int Stage(string name, int delayMs)
    {
        var passed = _gate.Pass(delayMs, name);
        _total += passed;
        return passed;
    }

    [Coroutine]
    public T Relay<T>(T item, int hops)
    {
        for (int i = 0; i < hops; i++)
        {
            Stage($"hop {i}", i);
        }
        return item;
    }

    [Coroutine]
    public int Run(List<string> names)
    {
        int sum = 0;
        foreach (var name in names)
        {
            try
            {
                var got = Stage(name, name.Length);
                sum += got;
                if (got > 100)
                    break;
                _total = Fib(got % 10);
            }
            catch (InvalidOperationException e)
            {
                var again = this.Stage(e.Message.Substring(0, 3), 1);
                sum -= again;
            }
            finally
            {
                Total = Stage("finally", 2);
            }
        }
        var relayed = Relay<string>("box", 2);
        _ = Relay(sum, 1);
        return sum + relayed.Length;
    }

    [Coroutine]
    public int Arrow(int x) => Stage("arrow", x);
}
