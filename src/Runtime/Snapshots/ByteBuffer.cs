using System;
using System.Buffers.Binary;
using System.Text;

namespace Coroutines.Snapshots;

/// <summary>A growable byte buffer with the snapshot format's primitive encodings (LEB128 varints, little-endian).</summary>
internal sealed class ByteBuffer
{
    private byte[] _bytes;
    private int _length;

    public ByteBuffer(int capacity = 256) => _bytes = new byte[Math.Max(16, capacity)];

    public int Length => _length;

    public ReadOnlySpan<byte> Span => _bytes.AsSpan(0, _length);

    private Span<byte> Take(int count)
    {
        if (_length + count > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + count));
        }
        var span = _bytes.AsSpan(_length, count);
        _length += count;
        return span;
    }

    public void Byte(byte value) => Take(1)[0] = value;

    public void VarUInt(ulong value)
    {
        while (value >= 0x80)
        {
            Byte((byte)(value | 0x80));
            value >>= 7;
        }
        Byte((byte)value);
    }

    public void VarInt(long value) => VarUInt((ulong)((value << 1) ^ (value >> 63)));

    public void UInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Take(8), value);

    public void Double(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Take(8), value);

    public void Single(float value) => BinaryPrimitives.WriteSingleLittleEndian(Take(4), value);

    public void Bytes(ReadOnlySpan<byte> bytes)
    {
        VarUInt((ulong)bytes.Length);
        bytes.CopyTo(Take(bytes.Length));
    }

    public void Raw(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Take(bytes.Length));

    public void String(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        VarUInt((ulong)count);
        Encoding.UTF8.GetBytes(value, Take(count));
    }
}

/// <summary>
/// Reads what <see cref="ByteBuffer"/> wrote, from input that may be hostile: every read checks
/// the bytes left, every length is checked against them before anything is allocated, and every
/// problem is a <see cref="SnapshotFormatException"/> saying where.
/// </summary>
internal sealed class ByteReader
{
    private readonly byte[] _bytes;
    private int _position;

    public ByteReader(byte[] bytes) => _bytes = bytes;

    public int Position => _position;

    public int Remaining => _bytes.Length - _position;

    public bool AtEnd => _position == _bytes.Length;

    public SnapshotFormatException Error(string what) =>
        new($"Not a valid snapshot: {what} (at byte {_position} of {_bytes.Length}).");

    public byte Byte()
    {
        if (_position >= _bytes.Length)
        {
            throw Error("the input ends too early");
        }
        return _bytes[_position++];
    }

    public ulong VarUInt()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = Byte();
            if (shift == 63 && b > 1)
            {
                throw Error("a number is too large");
            }
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
        throw Error("a number is too long");
    }

    public long VarInt()
    {
        var raw = VarUInt();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>A count of items that each take at least <paramref name="minBytesEach"/> bytes: never more than the input can hold.</summary>
    public int Count(string what, int minBytesEach = 1)
    {
        var count = VarUInt();
        if (count > (ulong)(Remaining / Math.Max(1, minBytesEach)))
        {
            throw Error($"{what} claims {count} entries, more than the {Remaining} bytes left can hold");
        }
        return (int)count;
    }

    public int Index(string what, int limit)
    {
        var index = VarUInt();
        if (index >= (ulong)limit)
        {
            throw Error($"{what} {index} is out of range (there are {limit})");
        }
        return (int)index;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining)
        {
            throw Error("the input ends too early");
        }
        var span = _bytes.AsSpan(_position, count);
        _position += count;
        return span;
    }

    public ulong UInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    public float Single() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    public ReadOnlySpan<byte> Bytes() => Take(Count("a byte string"));

    public ReadOnlySpan<byte> Raw(int count) => Take(count);

    public string String()
    {
        var bytes = Take(Count("a string"));
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (ArgumentException)
        {
            throw Error("a string is not valid UTF-8");
        }
    }
}
