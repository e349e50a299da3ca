using System.Runtime.InteropServices;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Kavach.Vaults.Pkcs11;

/// <summary>
/// One PKCS#11 library in the process, shared by every vault that names it: Cryptoki's state is per process (one
/// <c>C_Initialize</c>, one login per token), so two vaults on one library must agree on when it is initialised.
/// </summary>
/// <remarks>
/// <para>The binding is Pkcs11Interop. Its <see cref="IPkcs11Library"/> is one initialisation: loading it runs
/// <c>C_Initialize</c>, disposing it runs <c>C_Finalize</c>. The library is initialised when a vault first connects and
/// finalised when the last vault on it is disposed. A vault that sees the token or library fail calls
/// <see cref="Initialize"/> with <c>reset</c>: a fresh library state rescans slots and tokens. Each change bumps
/// <see cref="Generation"/>; sessions and object handles belong to one generation and are forgotten, never closed,
/// after it (a stale handle number may already name another vault's new session).</para>
/// <para>PKCS#11 forbids finalising while other threads are inside the library, so every call into it holds
/// <see cref="Gate"/> for reading and (re)initialisation holds it for writing.</para>
/// </remarks>
internal sealed class Pkcs11Module
{
    private static readonly Lock RegistryLock = new();
    private static readonly Dictionary<string, Pkcs11Module> Modules = new(StringComparer.Ordinal);

    // Serialises user counting and (re)initialisation; taken before Gate's write lock, never while holding its read lock.
    private readonly Lock _stateLock = new();
    private int _users;
    private volatile IPkcs11Library? _library;
    private volatile int _generation;
    private bool _pinned;

    // Not in Pkcs11Interop: it imports dlopen and friends from "libdl", a name glibc 2.34+ no longer ships as libdl.so
    // (the functions moved into libc). Its maintainer's advice is to map the name in the application (issue #239); done
    // once, for the binding's assembly only.
    static Pkcs11Module() => NativeLibrary.SetDllImportResolver(typeof(Pkcs11InteropFactories).Assembly, ResolveLibdl);

    private Pkcs11Module(string library) => Path = library;

    /// <summary>The factories of the binding (mechanisms, attributes, handles); stateless, one for the process.</summary>
    public static Pkcs11InteropFactories Factories { get; } = new();

    /// <summary>The library as configured (a path made absolute, or a name for the dynamic loader).</summary>
    public string Path { get; }

    /// <summary>Held for reading around every call into the library; for writing around (re)initialisation.</summary>
    public ReaderWriterLockSlim Gate { get; } = new(LockRecursionPolicy.NoRecursion);

    /// <summary>Changes whenever the library is finalised or initialised: sessions and handles of older generations are dead.</summary>
    public int Generation => _generation;

    /// <summary>The initialised library, or null before the first connection and after a failed re-initialisation.</summary>
    public IPkcs11Library? Library => _library;

    /// <summary>
    /// Registers a user of <paramref name="library"/> (one module per library and process). Nothing is loaded or
    /// initialised here: that waits for the first connection, so a vault can be made while its HSM is away.
    /// </summary>
    public static Pkcs11Module Acquire(string library)
    {
        var key = library.Contains('/', StringComparison.Ordinal) ? System.IO.Path.GetFullPath(library) : library;
        Pkcs11Module? module;
        lock (RegistryLock)
        {
            if (!Modules.TryGetValue(key, out module))
            {
                module = new Pkcs11Module(key);
                Modules[key] = module;
            }
        }

        lock (module._stateLock)
        {
            module._users++;
        }

        return module;
    }

    /// <summary>
    /// Makes sure the library is initialised. With <paramref name="reset"/>, finalises and initialises it again, unless
    /// someone already did since <paramref name="seenGeneration"/> (then the current state is fresher than the one the
    /// caller saw fail).
    /// </summary>
    /// <exception cref="Pkcs11Exception"><c>C_GetFunctionList</c> or <c>C_Initialize</c> failed; the library stays
    /// uninitialised until the next try.</exception>
    /// <exception cref="DllNotFoundException">The library cannot be loaded (any more).</exception>
    public void Initialize(bool reset, int seenGeneration)
    {
        lock (_stateLock)
        {
            if (_library is not null && (!reset || _generation != seenGeneration))
            {
                return;
            }

            Gate.EnterWriteLock();
            try
            {
                FinalizeLocked();
                PinInProcess();
                _library = Factories.Pkcs11LibraryFactory.LoadPkcs11Library(Factories, Path, AppType.MultiThreaded);
                _generation++;
            }
            finally
            {
                Gate.ExitWriteLock();
            }
        }
    }

    /// <summary>Unregisters a user; the last one out finalises the library.</summary>
    public void Release()
    {
        lock (_stateLock)
        {
            if (_users == 0)
            {
                return;
            }

            _users--;
            if (_users == 0 && _library is not null)
            {
                Gate.EnterWriteLock();
                try
                {
                    FinalizeLocked();
                }
                finally
                {
                    Gate.ExitWriteLock();
                }
            }
        }
    }

    private static IntPtr ResolveLibdl(string name, System.Reflection.Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != "libdl")
        {
            return IntPtr.Zero;
        }

        if (NativeLibrary.TryLoad("libc.so.6", out var libc) && NativeLibrary.TryGetExport(libc, "dlopen", out _))
        {
            return libc;
        }

        return NativeLibrary.TryLoad("libdl.so.2", out var libdl) ? libdl : IntPtr.Zero;
    }

    private void FinalizeLocked()
    {
        var library = _library;
        if (library is null)
        {
            return;
        }

        _library = null;
        _generation++;
        try
        {
            // C_Finalize; a failing library may refuse, the state is abandoned either way.
            library.Dispose();
        }
        catch (Pkcs11Exception)
        {
        }
    }

    // Not in Pkcs11Interop: disposing its library object unloads the module (dlclose), and some modules (OpenSSL-based
    // ones among them) do not survive being unloaded and loaded again. One reference of our own, never released, keeps
    // the code mapped across re-initialisations; loading again then finds the same code.
    private void PinInProcess()
    {
        if (!_pinned)
        {
            _ = NativeLibrary.Load(Path);
            _pinned = true;
        }
    }
}
