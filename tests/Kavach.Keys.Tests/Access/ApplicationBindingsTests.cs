using Kavach.Keys.Access;

namespace Kavach.Keys.Tests.Access;

public sealed class ApplicationBindingsTests
{
    private static readonly Dictionary<string, string> Empty = [];

    private static ApplicationBindings Bindings(
        Dictionary<string, string>? roles = null,
        Dictionary<string, string>? clients = null,
        Dictionary<string, string>? creationRoles = null,
        Dictionary<string, string>? creationClients = null) =>
        ApplicationBindings.Create(roles ?? Empty, clients ?? Empty, creationRoles ?? Empty, creationClients ?? Empty);

    [Fact]
    public void Nothing_is_bound_by_default()
    {
        var resident = Caller.Of("resident1", ["RESIDENT"]);
        Assert.False(ApplicationBindings.None.MayUse(resident, "RESIDENT"));
        Assert.False(ApplicationBindings.None.MayCreate(resident, "RESIDENT"));
        Assert.False(Bindings().MayUse(Caller.Of("admin", ["GLOBAL_ADMIN", "KEY_MANAGER_ADMIN"]), "REGISTRATION"));
    }

    [Fact]
    public void A_role_reaches_only_the_applications_bound_to_it()
    {
        var bindings = Bindings(roles: new() { ["REGISTRATION_PROCESSOR"] = "REGISTRATION, REGISTRATION_PROCESSOR", ["RESIDENT"] = "RESIDENT" });
        var processor = Caller.Of("regproc", ["REGISTRATION_PROCESSOR"]);
        var resident = Caller.Of("resident1", ["RESIDENT"]);

        Assert.True(bindings.MayUse(processor, "REGISTRATION"));
        Assert.True(bindings.MayUse(processor, "REGISTRATION_PROCESSOR"));
        Assert.False(bindings.MayUse(processor, "RESIDENT"));
        Assert.False(bindings.MayUse(resident, "REGISTRATION"));
        Assert.True(bindings.MayUse(resident, "RESIDENT"));

        // Roles and application ids compare exactly, as MOSIP's role checks do.
        Assert.False(bindings.MayUse(Caller.Of("x", ["resident"]), "RESIDENT"));
        Assert.False(bindings.MayUse(resident, "resident"));
        Assert.False(bindings.MayUse(resident, string.Empty));
    }

    [Fact]
    public void A_client_id_binds_whatever_roles_the_token_has()
    {
        var bindings = Bindings(clients: new() { ["mosip-regproc-client"] = "REGISTRATION" });
        Assert.True(bindings.MayUse(Caller.Of("svc", [], "mosip-regproc-client"), "REGISTRATION"));
        Assert.False(bindings.MayUse(Caller.Of("svc", [], "mosip-resident-client"), "REGISTRATION"));
        Assert.False(bindings.MayUse(Caller.Of("svc", []), "REGISTRATION"));
    }

    [Fact]
    public void A_creation_only_binding_creates_keys_but_never_uses_them()
    {
        var bindings = Bindings(creationRoles: new() { ["GLOBAL_ADMIN"] = "*", ["ZONAL_ADMIN"] = "REGISTRATION" }, creationClients: new() { ["syncdata"] = "REGISTRATION" });
        var admin = Caller.Of("admin", ["GLOBAL_ADMIN"]);
        var zonal = Caller.Of("zonal", ["ZONAL_ADMIN"]);

        Assert.True(bindings.MayCreate(admin, "REGISTRATION"));
        Assert.False(bindings.MayUse(admin, "REGISTRATION"));
        Assert.True(bindings.MayCreate(zonal, "REGISTRATION"));
        Assert.False(bindings.MayCreate(zonal, "RESIDENT"));
        Assert.False(bindings.MayUse(zonal, "REGISTRATION"));
        Assert.True(bindings.MayCreate(Caller.Of("svc", [], "syncdata"), "REGISTRATION"));
    }

    [Fact]
    public void A_use_binding_also_allows_creation()
    {
        var bindings = Bindings(roles: new() { ["RESIDENT"] = "RESIDENT" });
        Assert.True(bindings.MayCreate(Caller.Of("resident1", ["RESIDENT"]), "RESIDENT"));
        Assert.False(bindings.MayCreate(Caller.Of("resident1", ["RESIDENT"]), "REGISTRATION"));
    }

    [Fact]
    public void Star_binds_every_application_and_an_empty_value_binds_none()
    {
        var bindings = Bindings(roles: new() { ["DEV"] = "*", ["RESIDENT"] = string.Empty });
        Assert.True(bindings.MayUse(Caller.Of("dev", ["DEV"]), "ANY_APP"));
        Assert.False(bindings.MayUse(Caller.Of("resident1", ["RESIDENT"]), "RESIDENT"));
    }

    [Fact]
    public void The_system_caller_is_bound_everywhere()
    {
        Assert.True(ApplicationBindings.None.MayUse(Caller.System, "ROOT"));
        Assert.True(ApplicationBindings.None.MayCreate(Caller.System, "REGISTRATION"));
        Assert.False(Caller.Of("SYSTEM", []).IsSystem);
    }

    [Theory]
    [InlineData("RESIDENT", "RESIDENT;DROP")]
    [InlineData("RESIDENT", "REGISTRATION PROCESSOR")]
    [InlineData("RESIDENT", "A_VERY_LONG_APPLICATION_ID_OVER_36_CHARS")]
    [InlineData("ROLE WITH SPACE", "RESIDENT")]
    [InlineData("", "RESIDENT")]
    public void A_malformed_entry_is_refused_and_named(string role, string apps)
    {
        var e = Assert.Throws<ArgumentException>(() => Bindings(roles: new() { [role] = apps }));
        Assert.StartsWith($"Roles:{role} ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Creator_id_is_the_user_name_cut_to_the_column()
    {
        Assert.Equal("resident1", Caller.Of("resident1", []).CreatorId);
        Assert.Equal("client", Caller.Of(null, [], "client").CreatorId);
        Assert.Equal(256, Caller.Of(new string('u', 300), []).CreatorId.Length);
    }
}
