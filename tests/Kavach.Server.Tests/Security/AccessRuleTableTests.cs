using System.Security.Claims;
using Kavach.Server.Security.Authorization;
using Kavach.Hosting.Security.Options;

namespace Kavach.Server.Tests.Security;

/// <summary>The role table: defaults, overrides, role sets, and the rule names derived from routes.</summary>
public sealed class AccessRuleTableTests
{
    [Fact]
    public void Crypto_roles_are_not_administrators_by_default()
    {
        var table = new AccessRuleTable(new AccessRulesOptions());
        var processor = User("REGISTRATION_PROCESSOR");
        Assert.True(table.Find("postdecrypt")!.Allows(processor));
        foreach (var admin in new[] { "postgeneratemasterkeyobjecttype", "postgenerateecsignkeyobjecttype", "postgeneratesymmetrickey", "putrevokekey", "postuploadcertificate", "postuploadotherdomaincertificate", "postuploadcacertificate", "postuploadcrl", "postgeneratecsr" })
        {
            Assert.False(table.Find(admin)!.Allows(processor), admin);
            Assert.False(table.Find(admin)!.Allows(User("ZONAL_ADMIN")), admin);
            Assert.True(table.Find(admin)!.Allows(User("KEY_MANAGER_ADMIN")), admin);
        }
    }

    [Fact]
    public void Rules_and_role_sets_can_be_overridden()
    {
        var options = new AccessRulesOptions();
        options.Rules["PostGenerateMasterKeyObjectType"] = "@KEY_ADMIN,ZONAL_ADMIN";
        options.Rules["postdecrypt"] = "";
        options.Rules["postencrypt"] = "*";
        options.RoleSets["R1"] = "ONLY_THIS";
        var table = new AccessRuleTable(options);

        Assert.True(table.Find("postgeneratemasterkeyobjecttype")!.Allows(User("ZONAL_ADMIN")));
        Assert.False(table.Find("postdecrypt")!.Allows(User("GLOBAL_ADMIN")));
        Assert.True(table.Find("postencrypt")!.Allows(User()));
        Assert.True(table.Find("postzkencrypt")!.Allows(User("ONLY_THIS")));
        Assert.False(table.Find("postzkencrypt")!.Allows(User("RESIDENT")));
        Assert.True(table.Find("postjwssign")!.Allows(User("CREDENTIAL_ISSUANCE")));
        Assert.Null(table.Find("postnosuchendpoint"));
    }

    [Fact]
    public void Nobody_unauthenticated_and_no_role_by_case_are_allowed()
    {
        var table = new AccessRuleTable(new AccessRulesOptions());
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, "GLOBAL_ADMIN")]));
        Assert.False(table.Find("getgetcertificate")!.Allows(anonymous));
        Assert.False(table.Find("getgetcertificate")!.Allows(User("global_admin")));
    }

    [Theory]
    [InlineData("@NO_SUCH_SET")]
    [InlineData("@LOOP")]
    public void Broken_rules_stop_the_start(string rule)
    {
        var options = new AccessRulesOptions();
        options.RoleSets["LOOP"] = "A,@LOOP";
        options.Rules["postdecrypt"] = rule;
        Assert.Throws<Kavach.Hosting.Composition.KavachConfigurationException>(() => new AccessRuleTable(options));
    }

    [Theory]
    [InlineData("POST", "/generateMasterKey/{objectType}", "postgeneratemasterkeyobjecttype")]
    [InlineData("GET", "/getCertificate", "getgetcertificate")]
    [InlineData("POST", "/jwtSign/v2", "postjwtsignv2")]
    [InlineData("GET", "/tokenid/{uin}/{partnercode}", "gettokeniduinpartnercode")]
    [InlineData("GET", "/v1/keymanager/getPartnerCertificate/{partnerCertId}", "getgetpartnercertificatepartnercertid")]
    [InlineData("PUT", "/revokeKey", "putrevokekey")]
    public void Rule_names_follow_MOSIP_property_names(string method, string route, string expected) =>
        Assert.Equal(expected, EndpointRuleNames.For(method, route));

    private static ClaimsPrincipal User(params string[] roles) =>
        new(new ClaimsIdentity(roles.Select(r => new Claim(ClaimTypes.Role, r)).Append(new Claim(ClaimTypes.Name, "u")), "test", ClaimTypes.Name, ClaimTypes.Role));
}
