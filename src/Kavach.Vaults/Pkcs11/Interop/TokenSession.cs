using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Kavach.Vaults.Pkcs11.Interop;

/// <summary>
/// One PKCS#11 session: the calls Kavach makes on it, each checked (anything but <c>CKR_OK</c> throws
/// <see cref="Pkcs11Exception"/>). Used by one thread at a time (the session pool sees to that), with the module's gate
/// held for reading.
/// </summary>
internal sealed class TokenSession
{
    private readonly Pkcs11FunctionList _functions;

    public TokenSession(Pkcs11FunctionList functions, nuint handle)
    {
        _functions = functions;
        Handle = handle;
    }

    /// <summary>The session handle.</summary>
    public nuint Handle { get; }

    /// <summary><c>C_Login</c> as the normal user; an already logged-in token (login is per application, not per session) is fine.</summary>
    public void Login(ReadOnlySpan<byte> pin)
    {
        var rv = (CkResult)_functions.Login(Handle, CkFlags.UserTypeUser, ref MemoryMarshal.GetReference(pin), (nuint)pin.Length);
        if (rv is not CkResult.Ok and not CkResult.UserAlreadyLoggedIn)
        {
            throw new Pkcs11Exception("C_Login", rv);
        }
    }

    /// <summary>The <c>state</c> field of <c>C_GetSessionInfo</c> (<c>CKS_*</c>).</summary>
    public nuint State()
    {
        // CK_SESSION_INFO { slotID, state, flags, ulDeviceError }.
        var info = new byte[4 * IntPtr.Size];
        Check(_functions.GetSessionInfo(Handle, ref info[0]), "C_GetSessionInfo");
        return (nuint)BitConverter.ToUInt64(info, IntPtr.Size);
    }

    /// <summary>The handles of the objects matching <paramref name="template"/> (at most <paramref name="max"/>).</summary>
    public nuint[] FindObjects(NativeTemplate template, int max = 8)
    {
        Check(_functions.FindObjectsInit(Handle, template.Pointer, (nuint)template.Count), "C_FindObjectsInit");
        try
        {
            var handles = new nuint[max];
            Check(_functions.FindObjects(Handle, handles, (nuint)max, out var found), "C_FindObjects");
            return handles.AsSpan(0, (int)found).ToArray();
        }
        finally
        {
            // Always end the search: a session with a search active refuses every other operation.
            _ = _functions.FindObjectsFinal(Handle);
        }
    }

    /// <summary>
    /// Reads attributes of <paramref name="handle"/>: the value of each, or null when the token withholds it
    /// (sensitive) or the object has no such attribute.
    /// </summary>
    public byte[]?[] GetAttributes(nuint handle, params nuint[] types)
    {
        int?[] lengths;
        using (var probe = new NativeTemplate())
        {
            foreach (var type in types)
            {
                probe.Request(type);
            }

            var rv = (CkResult)_functions.GetAttributeValue(Handle, handle, probe.Seal().Pointer, (nuint)types.Length);

            // Sensitive or absent attributes are reported per attribute (CK_UNAVAILABLE_INFORMATION); the rest still count.
            if (rv is not CkResult.Ok and not CkResult.AttributeSensitive and not CkResult.AttributeTypeInvalid)
            {
                throw new Pkcs11Exception("C_GetAttributeValue", rv);
            }

            lengths = [.. Enumerable.Range(0, types.Length).Select(probe.LengthAt)];
        }

        using var read = new NativeTemplate();
        for (var i = 0; i < types.Length; i++)
        {
            read.Request(types[i], lengths[i] ?? 0);
        }

        var second = (CkResult)_functions.GetAttributeValue(Handle, handle, read.Seal().Pointer, (nuint)types.Length);
        if (second is not CkResult.Ok and not CkResult.AttributeSensitive and not CkResult.AttributeTypeInvalid)
        {
            throw new Pkcs11Exception("C_GetAttributeValue", second);
        }

        return [.. Enumerable.Range(0, types.Length).Select(i => lengths[i] is null ? null : read.ValueAt(i))];
    }

    /// <summary><c>C_CreateObject</c>.</summary>
    public nuint CreateObject(NativeTemplate template)
    {
        Check(_functions.CreateObject(Handle, template.Pointer, (nuint)template.Count, out var handle), "C_CreateObject");
        return handle;
    }

    /// <summary><c>C_DestroyObject</c>.</summary>
    public void DestroyObject(nuint handle) => Check(_functions.DestroyObject(Handle, handle), "C_DestroyObject");

    /// <summary><c>C_GenerateKeyPair</c>; returns the public and private key handles.</summary>
    public (nuint PublicKey, nuint PrivateKey) GenerateKeyPair(NativeMechanism mechanism, NativeTemplate publicTemplate, NativeTemplate privateTemplate)
    {
        Check(
            _functions.GenerateKeyPair(
                Handle, ref mechanism, publicTemplate.Pointer, (nuint)publicTemplate.Count,
                privateTemplate.Pointer, (nuint)privateTemplate.Count, out var publicKey, out var privateKey),
            "C_GenerateKeyPair");
        return (publicKey, privateKey);
    }

    /// <summary><c>C_GenerateKey</c>.</summary>
    public nuint GenerateKey(NativeMechanism mechanism, NativeTemplate template)
    {
        Check(_functions.GenerateKey(Handle, ref mechanism, template.Pointer, (nuint)template.Count, out var key), "C_GenerateKey");
        return key;
    }

    /// <summary><c>C_SignInit</c> + <c>C_Sign</c> into <paramref name="output"/>; returns the signature length.</summary>
    public int Sign(NativeMechanism mechanism, nuint key, ReadOnlySpan<byte> data, Span<byte> output) =>
        SinglePart(_functions.SignInit, _functions.Sign, "C_Sign", mechanism, key, data, output);

    /// <summary><c>C_DecryptInit</c> + <c>C_Decrypt</c> into <paramref name="output"/>; returns the plaintext length.</summary>
    public int Decrypt(NativeMechanism mechanism, nuint key, ReadOnlySpan<byte> data, Span<byte> output) =>
        SinglePart(_functions.DecryptInit, _functions.Decrypt, "C_Decrypt", mechanism, key, data, output);

    /// <summary><c>C_EncryptInit</c> + <c>C_Encrypt</c> into <paramref name="output"/>; returns the ciphertext length.</summary>
    public int Encrypt(NativeMechanism mechanism, nuint key, ReadOnlySpan<byte> data, Span<byte> output) =>
        SinglePart(_functions.EncryptInit, _functions.Encrypt, "C_Encrypt", mechanism, key, data, output);

    /// <summary><c>C_CloseSession</c>, ignoring failure (the session may already be gone with its token).</summary>
    public void Close() => _ = _functions.CloseSession(Handle);

    private static void Check(nuint rv, string function)
    {
        if ((CkResult)rv != CkResult.Ok)
        {
            throw new Pkcs11Exception(function, (CkResult)rv);
        }
    }

    private int SinglePart(
        Pkcs11FunctionList.OperationInitFunction init, Pkcs11FunctionList.SinglePartFunction operation, string name,
        NativeMechanism mechanism, nuint key, ReadOnlySpan<byte> input, Span<byte> output)
    {
        Check(init(Handle, ref mechanism, key), name + "Init");
        var length = (nuint)output.Length;
        ref var outputRef = ref output.IsEmpty ? ref Unsafe.NullRef<byte>() : ref MemoryMarshal.GetReference(output);
        var rv = (CkResult)operation(Handle, ref MemoryMarshal.GetReference(input), (nuint)input.Length, ref outputRef, ref length);
        if (rv == CkResult.BufferTooSmall)
        {
            // The operation stays active after CKR_BUFFER_TOO_SMALL; finish it into a scratch buffer so the session is
            // usable again, then report the size problem (our buffers are sized from the key, so this is a token quirk).
            var scratch = new byte[(int)length];
            _ = operation(Handle, ref MemoryMarshal.GetReference(input), (nuint)input.Length, ref scratch[0], ref length);
            Array.Clear(scratch);
            throw new Pkcs11Exception(name, CkResult.BufferTooSmall, $"the token needs {length} bytes of output");
        }

        if (rv != CkResult.Ok)
        {
            throw new Pkcs11Exception(name, rv);
        }

        return (int)length;
    }
}
