using System.Security.Claims;
using Kavach.Hosting.Inventory;
using Kavach.Keys.Access;
using Kavach.Server.Console;
using Kavach.Server.Endpoints.Dtos.Console;
using Kavach.Server.Http;
using Kavach.Server.OpenApi;
using Kavach.Server.Security.Authorization;

namespace Kavach.Server.Endpoints;

/// <summary>
/// The operator console's read API under <c>/v1/keymanager</c> (Kavach's own, MOSIP envelopes): who the caller is and
/// who may use which keys. The key inventory, audit and trust store parts are mapped by their own classes.
/// </summary>
public static class ConsoleEndpoints
{
    /// <summary>Maps every console endpoint onto <paramref name="group"/>.</summary>
    public static void MapConsoleEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/session", Outcome<SessionResponseDto> (ClaimsPrincipal user, AccessRuleTable rules, KeyAccessPolicy access) =>
            ConsoleSession.Of(user, rules, access.Bindings))
        .Describe(
            "getSession",
            ApiTags.Console,
            "Who the caller is: subject, roles, the applications it is bound to and every rule of the role table it passes",
            description: "Any authenticated caller. `allowedRules` lets a user interface hide what the API would refuse; the API still checks every request.");

        group.MapGet("/access", async Task<Outcome<AccessResponseDto>> (string? applicationId, AccessRuleTable rules, KeyAccessPolicy access, KeyInventory inventory, CancellationToken ct) =>
        {
            var query = new ConsoleQuery();
            var only = query.Text(applicationId, "applicationId", 36);
            if (query.Failed)
            {
                return ClientMistake.Of<AccessResponseDto>(query.Errors);
            }

            var known = (await inventory.GroupsAsync(null, ct)).Select(group => group.AppId);
            return AccessMap.Build(rules, access.Bindings, known, only);
        })
        .Describe(
            "getAccess",
            ApiTags.Console,
            "Who may use each application's keys: the roles and clients bound to it, and per key-use rule the bound roles that pass it",
            [Kavach.Keys.Errors.ErrorCodes.InvalidRequest],
            description: "From the role table and the application bindings in force. A key policy's `access_allowed` may further limit use to named users; the map does not show that.");

        group.MapKeyInventoryEndpoints();
        group.MapAuditEndpoints();
        group.MapTrustStoreEndpoints();
    }
}
