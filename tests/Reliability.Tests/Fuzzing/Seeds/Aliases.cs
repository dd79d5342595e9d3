using System;
using Coroutines;
using static Coroutines.Yield;
using Y = Coroutines.Yield;

namespace Aliases
{
    public static class Yield
    {
        // A user's own Yield: calling it is not a suspension.
        public static void Sleep(int ms) => Console.WriteLine($"not a suspension: {ms}");
    }

    public static partial class Pulses
    {
        [Coroutine]
        public static int Mixed(int n)
        {
            var fired = 0;
            Sleep(n);
            fired++;
            Y.Sleep(TimeSpan.FromMilliseconds(n * 2));
            fired++;
            Coroutines.Yield.Sleep(n + 1);
            global::Coroutines.Yield.Sleep(0);
            Aliases.Yield.Sleep(n); // not a suspension
            return fired;
        }

        [Coroutine]
        public static void Flatten(int rows, int cols)
        {
            for (var r = 0; r < rows; r++)
                for (var c = 0; c < cols; c++)
                    if ((r + c) % 3 == 0)
                        Sleep(r * c);
                    else if (c == rows)
                        break;
                    else
                        continue;
        }
    }
}
