using System.Runtime.InteropServices;

namespace Kavach.Devices.Time;

/// <summary>
/// The Linux kernel's NTP state through <c>adjtimex(2)</c> in read-only mode (<c>modes = 0</c>, allowed without
/// privileges): not synchronised when <c>STA_UNSYNC</c> is set or the call reports <c>TIME_ERROR</c>, otherwise
/// synchronised with <c>maxerror</c> (the kernel's upper bound of the offset, which chronyd/ntpd keep current) as
/// the error bound. Anywhere else (another OS, a 32-bit process, a failing call) the reading is "not synchronised":
/// the safe default.
/// </summary>
internal sealed class KernelClockDiscipline : IClockDiscipline
{
    // struct timex on LP64 Linux (x86-64, arm64): 208 bytes; the offsets of the fields read here.
    private const int TimexSize = 208;
    private const int MaxErrorOffset = 24;
    private const int StatusOffset = 40;
    private const int StatusUnsync = 0x0040;
    private const int TimeError = 5;

    /// <inheritdoc />
    public ClockDisciplineReading Read()
    {
        if (!OperatingSystem.IsLinux() || IntPtr.Size != 8)
        {
            return new ClockDisciplineReading(false, null, "unavailable");
        }

        var buffer = Marshal.AllocHGlobal(TimexSize);
        try
        {
            // modes = 0 (and everything else zeroed): read, change nothing.
            for (var i = 0; i < TimexSize; i += 8)
            {
                Marshal.WriteInt64(buffer, i, 0);
            }

            var state = Adjtimex(buffer);
            if (state < 0)
            {
                return new ClockDisciplineReading(false, null, "unavailable");
            }

            var status = Marshal.ReadInt32(buffer, StatusOffset);
            var maxErrorMicroseconds = Marshal.ReadInt64(buffer, MaxErrorOffset);
            return Interpret(state, status, maxErrorMicroseconds);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return new ClockDisciplineReading(false, null, "unavailable");
        }
        finally
        {
            Marshal.FreeHGlobal(buffer);
        }
    }

    /// <summary>The reading for a kernel answer: the pure part, tested without a disciplined machine.</summary>
    internal static ClockDisciplineReading Interpret(int clockState, int status, long maxErrorMicroseconds)
    {
        var synchronised = clockState != TimeError && (status & StatusUnsync) == 0 && maxErrorMicroseconds >= 0;
        return new ClockDisciplineReading(synchronised, synchronised ? TimeSpan.FromMicroseconds(maxErrorMicroseconds) : null, "kernel");
    }

    // A plain DllImport: the signature is blittable (one pointer in, an int out), so no marshalling code is needed
    // and the project needs no unsafe code for LibraryImport's generated stub.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "adjtimex", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Adjtimex(IntPtr buffer);
#pragma warning restore SYSLIB1054
}
