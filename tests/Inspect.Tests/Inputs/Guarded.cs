using System;
using Coroutines;

public static partial class Guarded
{
    [Coroutine]
    public static int Fetch(int attempts)
    {
        var tries = 0;
        while (true)
        {
            try
            {
                tries++;
                Yield.Sleep(100);
                if (tries < attempts)
                {
                    throw new InvalidOperationException("busy");
                }
                return tries;
            }
            catch (InvalidOperationException)
            {
                Yield.Sleep(1000);
            }
            finally
            {
                Console.WriteLine("attempt " + tries);
            }
        }
    }
}
