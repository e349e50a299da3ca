using System.Security.Claims;
using Kavach.Hosting.Web.Authentication;

namespace Kavach.Devices.Server.Admin;

/// <summary>
/// The administrator a request acts for, as the approval service compares them: issuer and subject, so the same
/// person can never approve their own request, and two issuers' same-named users are never confused.
/// </summary>
internal static class AdminPrincipal
{
    public static string Of(ClaimsPrincipal user) =>
        KavachPrincipal.PartitionKey(user) ?? throw new InvalidOperationException("Admin routes run after authentication.");
}
