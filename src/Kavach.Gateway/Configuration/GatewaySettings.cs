using System.Globalization;
using Kavach.Hosting.Composition;
using Kavach.PartnerChannel;

namespace Kavach.Gateway.Configuration;

/// <summary>The gateway's validated settings; a setting that cannot work stops the start with its name.</summary>
/// <param name="Backend">The protected service's base URL.</param>
/// <param name="ApplicationId">Our application id.</param>
/// <param name="Profile">The wire profile.</param>
/// <param name="EncryptionReferenceId">The reference id of our encryption key.</param>
/// <param name="MaxBodyBytes">The largest request body accepted.</param>
/// <param name="ClockSkew">How far a request's time may be from ours (<c>Kavach:PartnerChannel:ClockSkew</c>).</param>
public sealed record GatewaySettings(Uri Backend, string ApplicationId, ChannelProfile Profile, string EncryptionReferenceId, long MaxBodyBytes, TimeSpan ClockSkew)
{
    /// <summary>The largest body limit accepted (64 MiB): the gateway buffers a request to verify it.</summary>
    public const long MaxBodyLimit = 64L * 1024 * 1024;

    private static readonly TimeSpan DefaultClockSkew = TimeSpan.FromSeconds(60);

    /// <summary>Reads and validates the settings; throws <see cref="KavachConfigurationException"/> naming the first bad one.</summary>
    public static GatewaySettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
        var backend = ReadBackend(options.Backend);
        var applicationId = Identifier(options.ApplicationId, "ApplicationId", required: true)!;
        var reference = Identifier(options.EncryptionReferenceId, "EncryptionReferenceId", required: false) ?? "PARTNER";
        var profile = (options.Profile ?? "kavach").Trim().ToUpperInvariant() switch
        {
            "KAVACH" or "" => ChannelProfile.Kavach,
            "MOSIP" => ChannelProfile.Mosip,
            _ => throw new KavachConfigurationException(Name("Profile"), $"'{options.Profile}' is not a profile; use mosip or kavach"),
        };
        if (options.MaxBodyBytes is <= 0 or > MaxBodyLimit)
        {
            throw new KavachConfigurationException(Name("MaxBodyBytes"), $"must be between 1 and {MaxBodyLimit}");
        }

        return new GatewaySettings(backend, applicationId, profile, reference, options.MaxBodyBytes, ReadClockSkew(configuration));
    }

    private static Uri ReadBackend(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new KavachConfigurationException(Name("Backend"), "not set; give the protected service's URL, e.g. http://127.0.0.1:8090");
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) ||
            !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new KavachConfigurationException(Name("Backend"), "must be an absolute http:// or https:// URL without query, fragment or credentials");
        }

        return uri;
    }

    // Application and reference ids are key-manager ids: letters, digits and '_' (as MOSIP's).
    private static string? Identifier(string? value, string setting, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? throw new KavachConfigurationException(Name(setting), "not set") : null;
        }

        var trimmed = value.Trim();
        return trimmed.Length <= 36 && trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? trimmed
            : throw new KavachConfigurationException(Name(setting), "letters, digits and '_' only (at most 36)");
    }

    private static TimeSpan ReadClockSkew(IConfiguration configuration)
    {
        const string setting = "Kavach:PartnerChannel:ClockSkew";
        var value = configuration[setting];
        if (string.IsNullOrWhiteSpace(value))
        {
            return DefaultClockSkew;
        }

        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var skew) && skew > TimeSpan.Zero && skew <= TimeSpan.FromMinutes(10)
            ? skew
            : throw new KavachConfigurationException(setting, "a duration between 00:00:01 and 00:10:00");
    }

    private static string Name(string setting) => GatewayOptions.Section + ":" + setting;
}
