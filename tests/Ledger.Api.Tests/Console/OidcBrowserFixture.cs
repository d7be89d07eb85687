namespace Ledger.Api.Tests.Console;

[CollectionDefinition(nameof(OidcBrowserCollection))]
public sealed class OidcBrowserCollection : ICollectionFixture<OidcBrowserFixture>;

/// <summary>
/// The browser fixture with the console configured for sign-in through <see cref="TestIdentityProvider"/>, whose claims
/// carry the province's names (ledger_role, org_code, division, enterprise_id) and role values, mapped by configuration.
/// </summary>
public sealed class OidcBrowserFixture : BrowserFixture, IAsyncLifetime
{
    public TestIdentityProvider Provider { get; } = new();

    public new async ValueTask InitializeAsync()
    {
        // The provider first: the ledger reads its discovery document from the configured authority.
        await Provider.StartAsync();
        await base.InitializeAsync();
        await Provider.RegisterClientAsync(BaseUrl);
    }

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Ledger:Auth:Oidc:Authority"] = Provider.Url,
        ["Ledger:Auth:Oidc:ClientId"] = TestIdentityProvider.ClientId,
        ["Ledger:Auth:Oidc:ClientSecret"] = TestIdentityProvider.ClientSecret,
        ["Ledger:Auth:Oidc:RequireHttpsMetadata"] = "false",
        ["Ledger:Auth:Oidc:Scopes:0"] = "profile",
        ["Ledger:Auth:Oidc:Scopes:1"] = TestIdentityProvider.Scope,
        ["Ledger:Auth:Oidc:Claims:Role"] = "ledger_role",
        ["Ledger:Auth:Oidc:Claims:Organisation"] = "org_code",
        ["Ledger:Auth:Oidc:Claims:Jurisdiction"] = "division",
        ["Ledger:Auth:Oidc:Claims:Enterprise"] = "enterprise_id",
        ["Ledger:Auth:Oidc:Claims:Institution"] = "institution_id",
        ["Ledger:Auth:Oidc:Roles:企业填报员"] = "enterprise",
        ["Ledger:Auth:Oidc:Roles:应急监管员"] = "regulator",
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
