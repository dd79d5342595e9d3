using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Coroutines;

/// <summary>
/// Where a suspended generated coroutine is in the user's file: the file and line of the
/// suspension point its <c>state</c> field names. Nothing in the generated class says it at run
/// time, but the state machine's <c>Step</c> carries <c>#line</c> directives, so its debug
/// information (the portable PDB) does: each <c>return SuspendAt(n, ...)</c> statement has a
/// sequence point at the user's line. Read once per type, on the first dump; slow, never on a
/// step's path. Without debug information a frame has no line (only its state number).
/// </summary>
internal static class SourceLines
{
    private static readonly ConcurrentDictionary<Type, TypeLines> s_types = new();

    /// <summary>The resume state and its source position for <paramref name="coroutine"/>, as far as they can be read.</summary>
    public static (int? State, string? File, int Line) Of(Coroutine coroutine)
    {
        var lines = s_types.GetOrAdd(coroutine.GetType(), static type => TypeLines.Read(type));
        if (lines.StateField?.GetValue(coroutine) is not int state)
        {
            return (null, null, 0);
        }
        return lines.Points.TryGetValue(state, out var point) ? (state, point.File, point.Line) : (state, null, 0);
    }

    private sealed class TypeLines
    {
        public FieldInfo? StateField;
        public Dictionary<int, (string File, int Line)> Points = new();

        public static TypeLines Read(Type type)
        {
            var lines = new TypeLines();
            try
            {
                const BindingFlags Declared = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly;
                var suspendAt = type.GetMethod("SuspendAt", Declared);
                var step = type.GetMethod("Step", Declared);
                if (suspendAt?.GetMethodBody()?.GetILAsByteArray() is not { } suspendIl || step?.GetMethodBody()?.GetILAsByteArray() is not { } stepIl)
                {
                    return lines; // not a generated state machine
                }
                lines.StateField = StoredField(type.Module, suspendIl);
                ReadPoints(type, step, suspendAt.MetadataToken, stepIl, lines.Points);
            }
            catch (Exception exception) when (exception is IOException or BadImageFormatException or InvalidOperationException or UnauthorizedAccessException or ArgumentException)
            {
                // No readable debug information: frames show their state without a line.
            }
            return lines;
        }

        // SuspendAt is `state = resumeState; return suspension;`: its one stfld names the state field.
        private static FieldInfo? StoredField(Module module, byte[] il)
        {
            for (var i = 0; i + 4 < il.Length; i++)
            {
                if (il[i] == 0x7D) // stfld <token>
                {
                    return module.ResolveField(BitConverter.ToInt32(il, i + 1));
                }
            }
            return null;
        }

        private static void ReadPoints(Type type, MethodInfo step, int suspendAtToken, byte[] il, Dictionary<int, (string, int)> points)
        {
            var path = type.Assembly.Location;
            if (string.IsNullOrEmpty(path))
            {
                return;
            }
            using var pe = new PEReader(File.OpenRead(path));
            MetadataReaderProvider? provider = null;
            foreach (var entry in pe.ReadDebugDirectory())
            {
                if (entry.Type == DebugDirectoryEntryType.EmbeddedPortablePdb)
                {
                    provider = pe.ReadEmbeddedPortablePdbDebugDirectoryData(entry);
                    break;
                }
            }
            if (provider is null && !pe.TryOpenAssociatedPortablePdb(path, static p => File.Exists(p) ? File.OpenRead(p) : null, out provider, out _))
            {
                return;
            }
            using (provider)
            {
                var reader = provider!.GetMetadataReader();
                var info = reader.GetMethodDebugInformation(MetadataTokens.MethodDefinitionHandle(step.MetadataToken));
                var sequence = new List<SequencePoint>();
                foreach (var point in info.GetSequencePoints())
                {
                    sequence.Add(point);
                }
                for (var i = 0; i < sequence.Count; i++)
                {
                    var point = sequence[i];
                    if (point.IsHidden)
                    {
                        continue;
                    }
                    var end = i + 1 < sequence.Count ? sequence[i + 1].Offset : il.Length;
                    if (ResumeState(il, point.Offset, end, suspendAtToken) is { } state && !points.ContainsKey(state))
                    {
                        var document = reader.GetDocument(point.Document);
                        points[state] = (reader.GetString(document.Name), point.StartLine);
                    }
                }
            }
        }

        // A statement `return SuspendAt(n, ...)` starts with ldarg.0, ldc.i4 n and calls SuspendAt
        // before it ends: returns n, or null for any other statement.
        private static int? ResumeState(byte[] il, int start, int end, int suspendAtToken)
        {
            var i = start;
            while (i < end && il[i] == 0x00) // nop
            {
                i++;
            }
            if (i + 1 >= end || il[i] != 0x02) // ldarg.0
            {
                return null;
            }
            i++;
            int state;
            switch (il[i])
            {
                case >= 0x16 and <= 0x1E: // ldc.i4.0 .. ldc.i4.8
                    state = il[i] - 0x16;
                    break;
                case 0x1F when i + 1 < end: // ldc.i4.s
                    state = (sbyte)il[i + 1];
                    break;
                case 0x20 when i + 4 < end: // ldc.i4
                    state = BitConverter.ToInt32(il, i + 1);
                    break;
                default:
                    return null;
            }
            for (var j = i; j + 4 < end; j++)
            {
                if (il[j] == 0x28 && BitConverter.ToInt32(il, j + 1) == suspendAtToken) // call SuspendAt
                {
                    return state;
                }
            }
            return null;
        }
    }
}
