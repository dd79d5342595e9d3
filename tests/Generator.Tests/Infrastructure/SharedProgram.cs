using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Coroutines.Generator.Tests.Infrastructure;

/// <summary>
/// One test program compiled once (on first use, thread-safely) and shared by many oracle cases:
/// a test class keeps its programs in static fields, and each case still runs on fresh copies of
/// the program (<see cref="Oracle.Compare(CompiledProgram, OracleCase)"/> loads one per side).
/// </summary>
public sealed class SharedProgram
{
    private readonly Lazy<CompiledProgram> _program;

    /// <summary>A program made of <paramref name="sources"/>.</summary>
    public SharedProgram(params SourceFile[] sources)
    {
        Sources = sources;
        _program = new Lazy<CompiledProgram>(
            () => ProgramRunner.Build(GeneratorHarness.Run(sources), AllowedDiagnosticIds),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>A single-file program (<see cref="GeneratorHarness.DefaultPath"/>).</summary>
    public SharedProgram(string source)
        : this(new SourceFile(GeneratorHarness.DefaultPath, source))
    {
    }

    /// <summary>Warning ids the program may produce (the compile must otherwise be clean).</summary>
    public string[] AllowedDiagnosticIds { get; init; } = [];

    /// <summary>The program's sources.</summary>
    public IReadOnlyList<SourceFile> Sources { get; }

    /// <summary>The compiled program (generator run, strict compile check and emit happen on first use).</summary>
    public CompiledProgram Program => _program.Value;

    /// <summary>Oracle comparison of the static method <paramref name="methodName"/> of <paramref name="typeName"/>.</summary>
    public OracleResult Compare(string typeName, string methodName, params object?[] args) =>
        Oracle.Compare(Program, new OracleCase { Sources = [.. Sources], TypeName = typeName, MethodName = methodName, Args = args });

    /// <summary>Oracle comparison of an arbitrary case (instance methods, generic types); its sources must be this program's.</summary>
    public OracleResult Compare(OracleCase test)
    {
        if (!test.Sources.SequenceEqual(Sources))
        {
            throw new ArgumentException("The case's sources are not this program's.", nameof(test));
        }
        return Oracle.Compare(Program, test);
    }
}
