using System;

namespace Coroutines.Inspect;

internal static class Program
{
    private static int Main(string[] args) => Inspector.Run(args, Console.Out, Console.Error);
}
