using System.Runtime.CompilerServices;

namespace Coroutines.Snapshots;

/// <summary>An enum value as its raw bits, and back: a snapshot keeps enums by value, not by name.</summary>
internal static class EnumBits
{
    public static ulong Get<T>(T value) => Unsafe.SizeOf<T>() switch
    {
        1 => Unsafe.As<T, byte>(ref value),
        2 => Unsafe.As<T, ushort>(ref value),
        4 => Unsafe.As<T, uint>(ref value),
        _ => Unsafe.As<T, ulong>(ref value),
    };

    public static T From<T>(ulong bits)
    {
        T value = default!;
        switch (Unsafe.SizeOf<T>())
        {
            case 1: Unsafe.As<T, byte>(ref value) = (byte)bits; break;
            case 2: Unsafe.As<T, ushort>(ref value) = (ushort)bits; break;
            case 4: Unsafe.As<T, uint>(ref value) = (uint)bits; break;
            default: Unsafe.As<T, ulong>(ref value) = bits; break;
        }
        return value;
    }
}
