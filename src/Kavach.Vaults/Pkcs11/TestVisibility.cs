using System.Runtime.CompilerServices;

// The PKCS#11 tests read token objects through the binding (sensitivity, extractability) and test the OAEP decoder.
[assembly: InternalsVisibleTo("Kavach.Vaults.Tests")]
