using System.Security.Cryptography.X509Certificates;
using Kavach.PartnerChannel.Keys;
using Kavach.PartnerChannel.Partners;

namespace Kavach.PartnerChannel.Tests.Support;

/// <summary>A partner of the tests: its TLS client certificate, its channel keys and how the resolver sees it.</summary>
internal sealed record TestPartner(string Id, X509Certificate2 Tls, CertificateChannelKeys Keys, VerifiedPartner Verified);
