using System;
using System.Linq;

namespace Coroutines.Generator.Tests.Infrastructure;

/// <summary>Boilerplate for small test programs.</summary>
public static class Programs
{
    /// <summary>The usings every small program starts with.</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using Coroutines;
        using Coroutines.Testing;
        """;

    /// <summary>
    /// <paramref name="members"/> inside <c>public static partial class Program</c> in the
    /// file-scoped namespace <c>Demo</c> (reflection name <c>Demo.Program</c>).
    /// </summary>
    public static string Static(string members) => $$"""
        {{Usings}}

        namespace Demo;

        public static partial class Program
        {
        {{Indent(members)}}
        }
        """;

    /// <summary>
    /// Members for <see cref="Static"/>: exception types (<c>AppException</c> with a <c>Code</c>,
    /// <c>OtherException</c>), a class <c>Res</c> and a struct <c>StructRes</c> that log when
    /// they open, are used and are disposed (counting disposals), and <c>Fail(code)</c>, which throws.
    /// </summary>
    public const string TestTypes = """
        public sealed class AppException : Exception
        {
            public AppException(string message, int code = 0)
                : base(message)
            {
                Code = code;
            }

            public int Code { get; }
        }

        public sealed class OtherException : Exception
        {
            public OtherException(string message, Exception? inner = null)
                : base(message, inner)
            {
            }
        }

        public sealed class Res : IDisposable
        {
            private readonly string _name;
            private int _disposals;

            public Res(string name)
            {
                _name = name;
                Trace.Log($"open {name}");
            }

            public void Use(string what) => Trace.Log($"use {_name}: {what}");

            public void Dispose()
            {
                _disposals++;
                Trace.Log($"dispose {_name} (#{_disposals})");
            }
        }

        public struct StructRes : IDisposable
        {
            private readonly string _name;
            private int _uses;

            public StructRes(string name)
            {
                _name = name;
                _uses = 0;
                Trace.Log($"open struct {name}");
            }

            public void Use()
            {
                _uses++;
                Trace.Log($"use struct {_name}: {_uses}");
            }

            public void Dispose() => Trace.Log($"dispose struct {_name} after {_uses} uses");
        }

        private static int Fail(int code) => throw new AppException($"fail {code}", code);

        """;

    /// <summary>
    /// Members for <see cref="Static"/>: a coroutine <c>Next(x)</c> that suspends once, logs <c>next x</c> and
    /// returns <c>x</c>, and its C# <c>async</c> twin <c>NextAsync</c> for the oracle's copy of a program.
    /// </summary>
    public const string NextAndItsAsyncTwin = """
        [Coroutine]
        private static int Next(int x)
        {
            Yield.Sleep(1);
            Trace.Log($"next {x}");
            return x;
        }

        private static async Task<int> NextAsync(int x)
        {
            await Task.Yield();
            Trace.Log($"next {x}");
            return x;
        }

        """;

    /// <summary>The reflection name of the type <see cref="Static"/> declares.</summary>
    public const string StaticType = "Demo.Program";

    private static string Indent(string text) =>
        string.Join("\n", text.ReplaceLineEndings("\n").Split('\n').Select(l => l.Length == 0 ? l : "    " + l));
}
