using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Kavach.DeviceAgent.Keys;

/// <summary>
/// Device keys in software: a PKCS#8 PEM file per key (<c>&lt;label&gt;.key</c>, 0600, in a 0700 directory) for an L0
/// device without a TPM, or process memory for the fleet simulator. Not hardware: the private key is readable by
/// whoever can read the file.
/// </summary>
public sealed partial class SoftwareKeyStore : IDeviceKeyStore
{
    private const int ModulusBits = 2048;
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string? _directory;
    private readonly ConcurrentDictionary<string, byte[]> _memory = new(StringComparer.Ordinal);

    /// <summary>A file store in <paramref name="directory"/> (made 0700 if missing), or a memory store when it is null.</summary>
    public SoftwareKeyStore(string? directory)
    {
        if (directory is not null)
        {
            _directory = Path.GetFullPath(directory);
            Directory.CreateDirectory(_directory, DirectoryMode);
            // An existing directory keeps its mode on CreateDirectory; the keys in it must not be listable by others.
            File.SetUnixFileMode(_directory, DirectoryMode);
        }
    }

    /// <inheritdoc />
    public string Kind => _directory is null ? "memory" : "file";

    /// <inheritdoc />
    public bool IsHardware => false;

    /// <inheritdoc />
    public Task<RSA> CreateAsync(string label, CancellationToken cancellationToken)
    {
        ValidateLabel(label);
        cancellationToken.ThrowIfCancellationRequested();
        var rsa = RSA.Create(ModulusBits);
        var pkcs8 = rsa.ExportPkcs8PrivateKey();
        try
        {
            if (_directory is null)
            {
                if (!_memory.TryAdd(label, pkcs8))
                {
                    throw new InvalidOperationException($"A key labelled {label} already exists.");
                }

                pkcs8 = null;
            }
            else
            {
                WriteAtomically(label, pkcs8);
            }
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
        finally
        {
            if (pkcs8 is not null)
            {
                CryptographicOperations.ZeroMemory(pkcs8);
            }
        }

        return Task.FromResult(rsa);
    }

    /// <inheritdoc />
    public async Task<RSA?> OpenAsync(string label, CancellationToken cancellationToken)
    {
        ValidateLabel(label);
        if (_directory is null)
        {
            if (!_memory.TryGetValue(label, out var stored))
            {
                return null;
            }

            var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(stored, out _);
            return rsa;
        }

        var path = KeyPath(label);
        byte[] pem;
        try
        {
            pem = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        var chars = Encoding.ASCII.GetChars(pem);
        try
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(chars);
            return rsa;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pem);
            Array.Clear(chars);
        }
    }

    /// <inheritdoc />
    public Task DestroyAsync(string label, CancellationToken cancellationToken)
    {
        ValidateLabel(label);
        if (_directory is null)
        {
            if (_memory.TryRemove(label, out var stored))
            {
                CryptographicOperations.ZeroMemory(stored);
            }
        }
        else
        {
            File.Delete(KeyPath(label));
        }

        return Task.CompletedTask;
    }

    // Labels become file names: no separators, no "..", nothing hidden (temporary files start with a dot).
    private static void ValidateLabel(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (label.Length > 128 || !LabelPattern().IsMatch(label) || label[0] == '.')
        {
            throw new ArgumentException("A key label is 1 to 128 characters of A-Z, a-z, 0-9, '.', '_' and '-', not starting with '.'.", nameof(label));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelPattern();

    private string KeyPath(string label) => Path.Combine(_directory!, label + ".key");

    // Temp file (0600 from its creation) + flush to disk + rename without overwrite: a crash leaves the old state or
    // the whole new key, never half a key, and two creators of one label cannot both win.
    private void WriteAtomically(string label, byte[] pkcs8)
    {
        var path = KeyPath(label);
        if (File.Exists(path))
        {
            throw new InvalidOperationException($"A key labelled {label} already exists.");
        }

        var temp = Path.Combine(_directory!, "." + label + "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) + ".tmp");
        var pem = PemEncoding.Write("PRIVATE KEY", pkcs8);
        var bytes = Encoding.ASCII.GetBytes(pem);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode600 };
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new InvalidOperationException($"A key labelled {label} already exists.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
            Array.Clear(pem);
            File.Delete(temp);
        }
    }
}
