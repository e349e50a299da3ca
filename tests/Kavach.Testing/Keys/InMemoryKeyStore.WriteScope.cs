using Kavach.Keys.Storage;

namespace Kavach.Testing.Keys;

/// <summary>The in-memory store's transactions.</summary>
public sealed partial class InMemoryKeyStore
{
    /// <summary>A transaction: its writes are a private list, applied under the store's lock on commit.</summary>
    private sealed class WriteScope(InMemoryKeyStore store, string appId, string refId, SemaphoreSlim pairLock) : IKeyStoreWriteScope
    {
        private readonly List<Row> _newAliases = [];
        private readonly Dictionary<string, StoredKey> _newStored = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Func<KeyAlias, KeyAlias>> _aliasChanges = new(StringComparer.Ordinal);
        private bool _committed;
        private bool _disposed;

        public Task<IReadOnlyList<KeyAlias>> GetAliasesAsync(CancellationToken cancellationToken)
        {
            EnsureOpen();
            lock (store._gate)
            {
                return Task.FromResult(Ordered(View().Where(r => r.Alias.AppId == appId && r.Alias.RefId == refId)));
            }
        }

        public Task<StoredKey?> GetStoredKeyAsync(string id, CancellationToken cancellationToken)
        {
            EnsureOpen();
            lock (store._gate)
            {
                return Task.FromResult(_newStored.GetValueOrDefault(id) ?? store._stored.GetValueOrDefault(id));
            }
        }

        public Task<bool> UniqueIdentifierExistsAsync(string uniqueIdentifier, CancellationToken cancellationToken)
        {
            EnsureOpen();
            lock (store._gate)
            {
                return Task.FromResult(View().Any(r => r.Alias.UniqueIdentifier == uniqueIdentifier));
            }
        }

        public Task InsertAliasAsync(KeyAlias alias, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(alias);
            EnsureOpen();
            lock (store._gate)
            {
                if (View().Any(r => r.Alias.Id == alias.Id || (alias.UniqueIdentifier is not null && r.Alias.UniqueIdentifier == alias.UniqueIdentifier)))
                {
                    throw new InvalidOperationException("Duplicate key_alias id or uni_ident (test store).");
                }

                _newAliases.Add(new Row(Truncate(alias), KeyCreator.Current ?? System));
            }

            return Task.CompletedTask;
        }

        public Task InsertStoredKeyAsync(StoredKey key, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(key);
            EnsureOpen();
            lock (store._gate)
            {
                if (store._stored.ContainsKey(key.Id) || !_newStored.TryAdd(key.Id, key))
                {
                    throw new InvalidOperationException("Duplicate key_store id (test store).");
                }
            }

            return Task.CompletedTask;
        }

        public Task SetExpiryAsync(string aliasId, DateTime expiresAt, CancellationToken cancellationToken) =>
            Change(aliasId, a => a with { ExpiresAt = Truncate(expiresAt) });

        public Task UpdateAliasCertificateAsync(string aliasId, DateTime generatedAt, DateTime expiresAt, string certThumbprint, string uniqueIdentifier, CancellationToken cancellationToken) =>
            Change(aliasId, a => a with { GeneratedAt = Truncate(generatedAt), ExpiresAt = Truncate(expiresAt), CertThumbprint = certThumbprint, UniqueIdentifier = uniqueIdentifier });

        public Task UpdateStoredCertificateAsync(string id, string certificatePem, CancellationToken cancellationToken)
        {
            EnsureOpen();
            lock (store._gate)
            {
                var current = _newStored.GetValueOrDefault(id) ?? store._stored.GetValueOrDefault(id);
                if (current is not null)
                {
                    _newStored[id] = current with { CertificatePem = certificatePem };
                }
            }

            return Task.CompletedTask;
        }

        public Task CommitAsync(CancellationToken cancellationToken)
        {
            EnsureOpen();
            lock (store._gate)
            {
                for (var i = 0; i < store._aliases.Count; i++)
                {
                    if (_aliasChanges.TryGetValue(store._aliases[i].Alias.Id, out var change))
                    {
                        store._aliases[i] = store._aliases[i] with { Alias = change(store._aliases[i].Alias) };
                    }
                }

                store._aliases.AddRange(_newAliases);
                foreach (var (id, key) in _newStored)
                {
                    store._stored[id] = key;
                }

                store.Commits++;
            }

            _committed = true;
            pairLock.Release();
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            if (!_disposed)
            {
                _disposed = true;
                if (!_committed)
                {
                    // Rolled back: nothing of this scope was ever visible to anyone else.
                    pairLock.Release();
                }
            }

            return ValueTask.CompletedTask;
        }

        private Task Change(string aliasId, Func<KeyAlias, KeyAlias> change)
        {
            EnsureOpen();
            lock (store._gate)
            {
                var index = _newAliases.FindIndex(r => r.Alias.Id == aliasId);
                if (index >= 0)
                {
                    _newAliases[index] = _newAliases[index] with { Alias = change(_newAliases[index].Alias) };
                }
                else
                {
                    _aliasChanges[aliasId] = _aliasChanges.TryGetValue(aliasId, out var earlier) ? a => change(earlier(a)) : change;
                }
            }

            return Task.CompletedTask;
        }

        // The committed rows with this scope's changes, plus its inserts. Caller holds the store's lock.
        private IEnumerable<Row> View() =>
            store._aliases
                .Select(r => _aliasChanges.TryGetValue(r.Alias.Id, out var change) ? r with { Alias = change(r.Alias) } : r)
                .Concat(_newAliases);

        private void EnsureOpen()
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_committed)
            {
                throw new InvalidOperationException("The write scope was committed.");
            }

            store.EnsureAvailable();
        }
    }
}
