using System.Runtime.InteropServices;

namespace Kavach.Vaults.Pkcs11.Interop;

/// <summary>
/// One PKCS#11 library loaded into the process, shared by every vault that names it: Cryptoki's state is per process
/// (one <c>C_Initialize</c>, one login per token), so two vaults on one library must agree on when it is initialised.
/// </summary>
/// <remarks>
/// <para>The library is initialised when its first user arrives and finalised when its last one leaves. A vault that
/// sees the token or library fail calls <see cref="Reinitialize"/> (<c>C_Finalize</c> + <c>C_Initialize</c>): a fresh
/// library state rescans slots and tokens. Each (re)initialisation bumps <see cref="Generation"/>; sessions and object
/// handles belong to one generation and are forgotten, never closed, after it (a stale handle number may already name
/// another vault's new session).</para>
/// <para>PKCS#11 forbids finalising while other threads are inside the library, so every call into it holds
/// <see cref="Gate"/> for reading and (re)initialisation holds it for writing.</para>
/// <para>The shared object is never unloaded: some modules (OpenSSL-based ones among them) do not survive
/// <c>dlclose</c>, and loading again finds the same code anyway.</para>
/// </remarks>
internal sealed class Pkcs11Module
{
    private static readonly Lock RegistryLock = new();
    private static readonly Dictionary<string, Pkcs11Module> Modules = new(StringComparer.Ordinal);

    // Serialises user counting and (re)initialisation; taken before Gate's write lock, never while holding its read lock.
    private readonly Lock _stateLock = new();
    private int _users;
    private volatile bool _initialized;
    private bool _ownsInitialization;
    private volatile int _generation;

    private Pkcs11Module(string library, Pkcs11FunctionList functions)
    {
        Library = library;
        Functions = functions;
    }

    /// <summary>The library as configured (a path or a name for the dynamic loader).</summary>
    public string Library { get; }

    /// <summary>The bound function table.</summary>
    public Pkcs11FunctionList Functions { get; }

    /// <summary>Held for reading around every call into the library; for writing around (re)initialisation.</summary>
    public ReaderWriterLockSlim Gate { get; } = new(LockRecursionPolicy.NoRecursion);

    /// <summary>Changes whenever the library is finalised or initialised: sessions and handles of older generations are dead.</summary>
    public int Generation => _generation;

    /// <summary>Whether the library is initialised now (read without a lock: callers may hold the gate).</summary>
    public bool IsInitialized => _initialized;

    /// <summary>Loads <paramref name="library"/> (once per process) and registers a user, initialising the library if needed.</summary>
    /// <exception cref="DllNotFoundException">The library cannot be loaded.</exception>
    /// <exception cref="BadImageFormatException">The file is not a loadable library.</exception>
    /// <exception cref="Pkcs11Exception">It is not a PKCS#11 module, or <c>C_Initialize</c> failed.</exception>
    public static Pkcs11Module Acquire(string library)
    {
        var key = library.Contains('/', StringComparison.Ordinal) ? Path.GetFullPath(library) : library;
        Pkcs11Module? module;
        lock (RegistryLock)
        {
            if (!Modules.TryGetValue(key, out module))
            {
                var handle = NativeLibrary.Load(key);
                Pkcs11FunctionList functions;
                try
                {
                    functions = Pkcs11FunctionList.Load(handle);
                }
                catch
                {
                    NativeLibrary.Free(handle);
                    throw;
                }

                module = new Pkcs11Module(key, functions);
                Modules[key] = module;
            }
        }

        module.AddUser();
        return module;
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
            if (_users == 0 && _initialized)
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

    /// <summary>
    /// Finalises and initialises the library again, unless someone already did since <paramref name="seenGeneration"/>
    /// (then the current state is fresher than the one the caller saw fail).
    /// </summary>
    /// <exception cref="Pkcs11Exception"><c>C_Initialize</c> failed; the library stays uninitialised until the next try.</exception>
    public void Reinitialize(int seenGeneration)
    {
        lock (_stateLock)
        {
            if (_initialized && _generation != seenGeneration)
            {
                return;
            }

            Gate.EnterWriteLock();
            try
            {
                FinalizeLocked();
                InitializeLocked();
            }
            finally
            {
                Gate.ExitWriteLock();
            }
        }
    }

    private void AddUser()
    {
        lock (_stateLock)
        {
            if (!_initialized)
            {
                Gate.EnterWriteLock();
                try
                {
                    InitializeLocked();
                }
                finally
                {
                    Gate.ExitWriteLock();
                }
            }

            _users++;
        }
    }

    private void InitializeLocked()
    {
        // CK_C_INITIALIZE_ARGS: four mutex callbacks (null: use the OS's), flags, reserved.
        var size = 6 * IntPtr.Size;
        var args = Marshal.AllocHGlobal(size);
        try
        {
            for (var offset = 0; offset < size; offset += IntPtr.Size)
            {
                Marshal.WriteIntPtr(args, offset, IntPtr.Zero);
            }

            Marshal.WriteIntPtr(args, 4 * IntPtr.Size, (IntPtr)CkFlags.OsLockingOk);
            var rv = (CkResult)Functions.InitializeLibrary(args);
            _generation++;
            switch (rv)
            {
                case CkResult.Ok:
                    _initialized = true;
                    _ownsInitialization = true;
                    break;

                // Someone else in this process (another binding) initialised it: use it, but leave finalising to them.
                case CkResult.CryptokiAlreadyInitialized:
                    _initialized = true;
                    _ownsInitialization = false;
                    break;
                default:
                    throw new Pkcs11Exception("C_Initialize", rv);
            }
        }
        finally
        {
            Marshal.FreeHGlobal(args);
        }
    }

    private void FinalizeLocked()
    {
        if (_initialized && _ownsInitialization)
        {
            // A failing library may refuse to finalise; the state is abandoned either way.
            _ = Functions.FinalizeLibrary(IntPtr.Zero);
        }

        _initialized = false;
        _generation++;
    }
}
