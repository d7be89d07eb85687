using System.Security.Claims;
using Ledger.Api.Access;
using Ledger.Domain.Actors;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Ledger.Api.Tests.Authorization;

/// <summary>The identity provider's configuration and claim mapping (Ledger:Auth:Oidc), without a host.</summary>
public sealed class OidcOptionsTests
{
    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Ledger.Api";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static LedgerOidcOptions Provider(string authority = "https://idp.province.example", bool requireHttps = true) => new()
    {
        Authority = authority,
        ClientId = "ledger-console",
        ClientSecret = "secret",
        RequireHttpsMetadata = requireHttps,
        Claims = new OidcClaimMapping { Role = "ledger_role", Organisation = "org_code", Jurisdiction = "division", Enterprise = "enterprise_id" },
        Roles = new() { ["企业填报员"] = "enterprise" },
    };

    private static ClaimsPrincipal Account(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "oidc"));

    [Fact]
    public void outside_development_a_plain_http_provider_or_one_without_https_metadata_stops_startup()
    {
        Should.Throw<InvalidOperationException>(() => Provider("http://idp.province.example").Check(new Environment("Production")))
            .Message.ShouldContain("https");
        Should.Throw<InvalidOperationException>(() => Provider(requireHttps: false).Check(new Environment("Production")));
        Provider("http://127.0.0.1:5000", requireHttps: false).Check(new Environment("Development"));
        Provider().Check(new Environment("Production"));
        new LedgerOidcOptions().Check(new Environment("Production"));
    }

    [Fact]
    public void a_half_configured_provider_or_an_unknown_role_mapping_stops_startup()
    {
        var noSecret = Provider();
        noSecret.ClientSecret = "";
        Should.Throw<InvalidOperationException>(() => noSecret.Check(new Environment("Production"))).Message.ShouldContain("ClientSecret");
        var badRole = Provider();
        badRole.Roles["科长"] = "boss";
        Should.Throw<InvalidOperationException>(() => badRole.Check(new Environment("Production"))).Message.ShouldContain("科长");
    }

    [Fact]
    public void the_provider_claims_map_by_configuration_to_one_actor_and_two_roles_make_none()
    {
        var enterprise = Guid.NewGuid();
        var actor = Provider().Actor(Account(("sub", "clerk-zhao"), ("ledger_role", "企业填报员"), ("org_code", "hlj-enterprise"), ("division", "hlj"),
            ("enterprise_id", enterprise.ToString())), out var problems);
        problems.ShouldBeEmpty();
        actor.ShouldBe(new Actor("clerk-zhao", "hlj-enterprise", ActorRole.Enterprise, "hlj", enterprise));

        // A value not in the role table must be the ledger's own role name.
        Provider().Actor(Account(("sub", "qian"), ("ledger_role", "regulator"), ("org_code", "hlj-emergency-bureau")), out _)!.Role.ShouldBe(ActorRole.Regulator);
        Provider().Actor(Account(("sub", "qian"), ("ledger_role", "科长"), ("org_code", "hlj-emergency-bureau")), out problems).ShouldBeNull();
        problems.ShouldContain(p => p.Contains("role"));

        Provider().Actor(Account(("sub", "qian"), ("ledger_role", "企业填报员"), ("ledger_role", "regulator"), ("org_code", "hlj-emergency-bureau")), out problems)
            .ShouldBeNull();
        problems.ShouldHaveSingleItem().ShouldContain("'role' claim holds 2 values");
        // The ledger's own claim names are not read when the mapping names others.
        Provider().Actor(Account(("sub", "qian"), ("role", "regulator"), ("org", "hlj-emergency-bureau")), out _).ShouldBeNull();
    }
}
