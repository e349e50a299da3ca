using System.Runtime.InteropServices;

namespace Kavach.Crypto.Interop;

/// <summary>Owns an OpenSSL EVP_MD_CTX and frees it exactly once.</summary>
internal sealed class EvpMdCtxHandle : SafeHandle
{
    /// <summary>Called by the interop marshaller when a native function returns the handle.</summary>
    public EvpMdCtxHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        LibCrypto.EVP_MD_CTX_free(handle);
        return true;
    }
}
