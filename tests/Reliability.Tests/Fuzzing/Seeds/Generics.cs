using System;
using System.Collections.Generic;
using Coroutines;

namespace Library.Collections;

public partial class Outer<TKey>
    where TKey : notnull
{
    public partial class Cache<TValue>
        where TValue : class
    {
        private readonly Dictionary<TKey, TValue> _items = new();

        [Coroutine]
        public TValue? Lookup(TKey key, int retries)
        {
            TValue? found = null;
            for (int attempt = 0; attempt < retries && found is null; attempt++)
            {
                if (_items.TryGetValue(key, out var value))
                {
                    found = value;
                }
                else
                {
                    Yield.Sleep(10 * (attempt + 1));
                }
            }
            return found;
        }

        [Coroutine]
        public static List<T> Collect<T>(IEnumerable<T> source, int delayMs)
            where T : IComparable<T>
        {
            var result = new List<T>();
            using var e = source.GetEnumerator();
            while (e.MoveNext())
            {
                result.Add(e.Current);
            }
            result.Sort();
            Yield.Sleep(delayMs);
            return result;
        }
    }

    [Coroutine]
    public static T Echo<T>(T value, params int[] delays)
    {
        int i = 0;
        while (i < delays.Length)
        {
            Yield.Sleep(delays[i]);
            i++;
        }
        return value;
    }
}
