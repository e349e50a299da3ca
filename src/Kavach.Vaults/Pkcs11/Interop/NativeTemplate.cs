using System.Runtime.InteropServices;
using System.Text;

namespace Kavach.Vaults.Pkcs11.Interop;

/// <summary>
/// A <c>CK_ATTRIBUTE</c> array with its values in one block of unmanaged memory, so the library sees stable pointers.
/// Built with <see cref="Add(nuint, bool)"/> and friends, then <see cref="Seal"/>ed; freed (and zeroed) on dispose.
/// </summary>
/// <remarks>Templates carry labels, ids, certificates and public parameters; never a PIN or a private value.</remarks>
internal sealed class NativeTemplate : IDisposable
{
    // CK_ATTRIBUTE { CK_ULONG type; void* pValue; CK_ULONG ulValueLen; } on LP64.
    private static readonly int EntrySize = 3 * IntPtr.Size;

    private readonly List<(nuint Type, byte[]? Value, int Capacity)> _entries = [];
    private IntPtr _block;
    private int _blockSize;

    /// <summary>The number of attributes.</summary>
    public int Count => _entries.Count;

    /// <summary>The address of the first <c>CK_ATTRIBUTE</c> once sealed.</summary>
    public IntPtr Pointer => _block != IntPtr.Zero ? _block : throw new InvalidOperationException("The template is not sealed.");

    /// <summary>A CK_BBOOL attribute.</summary>
    public NativeTemplate Add(nuint type, bool value) => Add(type, [value ? (byte)1 : (byte)0]);

    /// <summary>A CK_ULONG attribute (CKA_CLASS, CKA_KEY_TYPE, CKA_MODULUS_BITS, ...).</summary>
    public NativeTemplate Add(nuint type, nuint value) => Add(type, BitConverter.GetBytes((ulong)value));

    /// <summary>A UTF-8 string attribute (CKA_LABEL), without terminator.</summary>
    public NativeTemplate Add(nuint type, string value) => Add(type, Encoding.UTF8.GetBytes(value));

    /// <summary>A byte-array attribute.</summary>
    public NativeTemplate Add(nuint type, byte[] value)
    {
        EnsureOpen();
        _entries.Add((type, value, value.Length));
        return this;
    }

    /// <summary>An attribute to read back: <paramref name="capacity"/> bytes are reserved (0 asks for the length only).</summary>
    public NativeTemplate Request(nuint type, int capacity = 0)
    {
        EnsureOpen();
        _entries.Add((type, null, capacity));
        return this;
    }

    /// <summary>Copies the attributes into unmanaged memory; after this the template cannot change.</summary>
    public NativeTemplate Seal()
    {
        EnsureOpen();
        var size = _entries.Count * EntrySize + _entries.Sum(entry => Aligned(entry.Capacity));
        _blockSize = Math.Max(size, 1);
        _block = Marshal.AllocHGlobal(_blockSize);
        var valueOffset = _entries.Count * EntrySize;
        for (var i = 0; i < _entries.Count; i++)
        {
            var (type, value, capacity) = _entries[i];
            var entry = _block + i * EntrySize;
            var valuePointer = capacity == 0 ? IntPtr.Zero : _block + valueOffset;
            if (value is not null && value.Length > 0)
            {
                Marshal.Copy(value, 0, valuePointer, value.Length);
            }

            Marshal.WriteIntPtr(entry, (IntPtr)(nint)type);
            Marshal.WriteIntPtr(entry, IntPtr.Size, valuePointer);
            Marshal.WriteIntPtr(entry, 2 * IntPtr.Size, (IntPtr)capacity);
            valueOffset += Aligned(capacity);
        }

        return this;
    }

    /// <summary>The <c>ulValueLen</c> the library wrote for attribute <paramref name="index"/>; null for <c>CK_UNAVAILABLE_INFORMATION</c>.</summary>
    public int? LengthAt(int index)
    {
        var length = (nuint)(nint)Marshal.ReadIntPtr(Pointer, index * EntrySize + 2 * IntPtr.Size);
        return length == CkFlags.UnavailableInformation ? null : checked((int)length);
    }

    /// <summary>The value the library wrote for attribute <paramref name="index"/>, or null when it gave none.</summary>
    public byte[]? ValueAt(int index)
    {
        var length = LengthAt(index);
        var pointer = Marshal.ReadIntPtr(Pointer, index * EntrySize + IntPtr.Size);
        if (length is null || pointer == IntPtr.Zero)
        {
            return null;
        }

        var value = new byte[length.Value];
        Marshal.Copy(pointer, value, 0, value.Length);
        return value;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_block != IntPtr.Zero)
        {
            // Attribute values are public, but zeroing costs nothing and keeps the habit.
            for (var offset = 0; offset < _blockSize; offset++)
            {
                Marshal.WriteByte(_block, offset, 0);
            }

            Marshal.FreeHGlobal(_block);
            _block = IntPtr.Zero;
        }
    }

    // Values start on 8-byte boundaries: libraries read CK_ULONG values through a CK_ULONG pointer.
    private static int Aligned(int length) => (length + 7) & ~7;

    private void EnsureOpen()
    {
        if (_block != IntPtr.Zero)
        {
            throw new InvalidOperationException("The template is sealed.");
        }
    }
}
