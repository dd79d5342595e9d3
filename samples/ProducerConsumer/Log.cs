using System;
using System.Collections.Generic;
using System.Globalization;
using Coroutines;

namespace ProducerConsumer;

/// <summary>Lines stamped with the current clock's time ("0.300 s  text"), printed as they come.</summary>
public sealed class Log
{
    public List<string> Lines { get; } = new();

    public void Write(string text)
    {
        var line = $"{Clock.Current.Now.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s  {text}";
        Lines.Add(line);
        Console.WriteLine(line);
    }
}
