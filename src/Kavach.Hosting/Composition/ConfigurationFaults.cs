using Kavach.Storage;
using Kavach.Vaults;

namespace Kavach.Hosting.Composition;

/// <summary>
/// Which failures are configuration (stop the start, one line naming the setting) rather than a database or HSM that
/// is away for now (keep running not-ready, retry). The one place that decides it, for every host.
/// </summary>
public static class ConfigurationFaults
{
    /// <summary>The failure as a configuration fault naming its setting, or null when it is not one.</summary>
    public static KavachConfigurationException? Describe(Exception exception) => exception switch
    {
        KavachConfigurationException configuration => configuration,
        OptionsValidationException validation => FromValidation(validation),
        StoreConfigurationException { Setting.Length: > 0 } store => new KavachConfigurationException("Kavach:Database:" + store.Setting, Problem(store.Message, store.Setting), store),
        StoreConfigurationException store => new KavachConfigurationException("Kavach:Database", store.Message, store),
        VaultOpenException vault => new KavachConfigurationException("Kavach:Vault", vault.Message, vault),
        VaultConfigurationException { Option: { } option } pkcs11 => new KavachConfigurationException("Kavach:Vault:Pkcs11:" + option, Problem(pkcs11.Message, option), pkcs11),
        VaultConfigurationException pkcs11 => new KavachConfigurationException("Kavach:Vault:Pkcs11", pkcs11.Message, pkcs11),
        _ => null,
    };

    // The vault's messages start with the option's name, which the setting already says.
    private static string Problem(string message, string option) =>
        message.StartsWith(option + ": ", StringComparison.Ordinal) ? message[(option.Length + 2)..] : message;

    // The validator's failures read "<setting>: <problem>"; the first names the setting, all are in the line.
    private static KavachConfigurationException FromValidation(OptionsValidationException validation)
    {
        var failures = validation.Failures.ToList();
        var first = failures.Count > 0 ? failures[0].Split(": ", 2) : ["Kavach", "invalid configuration"];
        var problem = first.Length == 2 ? first[1] : first[0];
        if (failures.Count > 1)
        {
            problem += "; also " + string.Join("; ", failures.Skip(1));
        }

        return new KavachConfigurationException(first.Length == 2 ? first[0] : "Kavach", problem, validation);
    }
}
