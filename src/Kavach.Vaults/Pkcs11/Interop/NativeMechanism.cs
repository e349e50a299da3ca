using System.Runtime.InteropServices;

namespace Kavach.Vaults.Pkcs11.Interop;

/// <summary><c>CK_MECHANISM</c>: a mechanism type and a pointer to its parameters (which must outlive the call).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeMechanism
{
    public nuint Type;
    public IntPtr Parameter;
    public nuint ParameterLength;

    public NativeMechanism(nuint type, IntPtr parameter = default, nuint parameterLength = 0)
    {
        Type = type;
        Parameter = parameter;
        ParameterLength = parameterLength;
    }
}
