using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Coroutines.Snapshots;

namespace Coroutines.Tests.Snapshots;

/// <summary>
/// Rewrites the manifest table of a snapshot (docs/snapshots.md, Format), leaving the rest as it
/// is: how the tests make a snapshot that an older version of a method saved.
/// </summary>
internal static class SnapshotSurgery
{
    public sealed record Entry(string Id, ulong Hash, List<string> Points, List<string> Fields);

    public static byte[] EditManifests(byte[] snapshot, Action<List<Entry>> edit, bool rehash = true)
    {
        var position = 8; // "CORSNAP" and the version
        var count = (int)VarUInt(snapshot, ref position);
        var entries = new List<Entry>();
        for (var i = 0; i < count; i++)
        {
            var id = String(snapshot, ref position);
            var hash = BitConverter.ToUInt64(snapshot, position);
            position += 8;
            entries.Add(new Entry(id, hash, Strings(snapshot, ref position), Strings(snapshot, ref position)));
        }
        edit(entries);
        var output = new MemoryStream();
        output.Write(snapshot, 0, 8);
        WriteVarUInt(output, (ulong)entries.Count);
        foreach (var entry in entries)
        {
            WriteString(output, entry.Id);
            output.Write(BitConverter.GetBytes(rehash ? CoroutineManifest.Hash(entry.Points, entry.Fields) : entry.Hash));
            WriteVarUInt(output, (ulong)entry.Points.Count);
            entry.Points.ForEach(p => WriteString(output, p));
            WriteVarUInt(output, (ulong)entry.Fields.Count);
            entry.Fields.ForEach(f => WriteString(output, f));
        }
        output.Write(snapshot, position, snapshot.Length - position);
        return output.ToArray();
    }

    private static ulong VarUInt(byte[] bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }

    private static string String(byte[] bytes, ref int position)
    {
        var length = (int)VarUInt(bytes, ref position);
        var text = Encoding.UTF8.GetString(bytes, position, length);
        position += length;
        return text;
    }

    private static List<string> Strings(byte[] bytes, ref int position)
    {
        var count = (int)VarUInt(bytes, ref position);
        var strings = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            strings.Add(String(bytes, ref position));
        }
        return strings;
    }

    public static void WriteVarUInt(Stream output, ulong value)
    {
        while (value >= 0x80)
        {
            output.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        output.WriteByte((byte)value);
    }

    private static void WriteString(Stream output, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        WriteVarUInt(output, (ulong)bytes.Length);
        output.Write(bytes);
    }
}
