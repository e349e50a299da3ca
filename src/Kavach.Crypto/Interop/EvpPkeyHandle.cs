using System.Runtime.InteropServices;

namespace Kavach.Crypto.Interop;

/// <summary>Owns an OpenSSL EVP_PKEY and frees it exactly once.</summary>
internal sealed class EvpPkeyHandle : SafeHandle
{
    /// <summary>Called by the interop marshaller when a native function returns the handle.</summary>
    public EvpPkeyHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        LibCrypto.EVP_PKEY_free(handle);
        return true;
    }
}
