using Ledger.Domain.Actors;
using Microsoft.AspNetCore.Authorization;
using System.Text.Json;
using System.Text.Json.Serialization;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.Events.Daemon;
using Ledger.Api.Audit;
using Ledger.Api.WebConsole;
using Ledger.Api.Imports;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain;
using Ledger.Domain.Certificates;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Policies;
using Ledger.Projections;
using Ledger.Projections.Audit;
using Ledger.Projections.National;
using Marten;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Scalar.AspNetCore;
using Weasel.Core;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Ledger.Api;

/// <summary>
/// The ledger's services and its HTTP pipeline, in two steps a host calls in order: the API (Program) and the bench tools,
/// which load synthetic provinces through the same store, keys and catalogues, build the same application.
/// </summary>
public static class LedgerHost
{
    public static WebApplicationBuilder AddLedger(this WebApplicationBuilder builder)
    {
        // Wolverine logs a body that is not valid JSON at error level, with a stack trace and the parser's message (which can quote
        // the body), under the request type's name. It is the caller's mistake and is answered with a 400 naming the problem, so
        // those categories (the Ledger.Api.*Request types) keep only critical entries.
        builder.Logging.AddFilter((category, level) =>
            level >= LogLevel.Critical || category is null || !(category.StartsWith("Ledger.Api.", StringComparison.Ordinal) && category.EndsWith("Request", StringComparison.Ordinal)));

        builder.Services.AddOptions<LedgerOptions>().BindConfiguration(LedgerOptions.Section);
        builder.Services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section);
        builder.Services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section);
        builder.Services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.Section);
        builder.Services.AddSingleton<IClock>(SystemClock.Instance);
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<LedgerOptions>>().Value;
            var env = sp.GetRequiredService<IHostEnvironment>();
            if (string.IsNullOrWhiteSpace(options.PseudonymKey))
                throw new InvalidOperationException("Ledger:PseudonymKey is not configured (base64, at least 16 bytes)");
            if (options.PseudonymKey == LedgerOptions.DevelopmentPseudonymKey && !env.IsDevelopment())
                throw new InvalidOperationException("Ledger:PseudonymKey is the development key; configure a secret key outside Development");
            return new StreamIdentity(Convert.FromBase64String(options.PseudonymKey));
        });
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<LedgerOptions>>().Value.Identity
            .Cipher(sp.GetRequiredService<IHostEnvironment>().IsDevelopment()));
        builder.Services.AddSingleton(CertificateCatalog.Default);
        builder.Services.AddSingleton(IndustryCatalog.Default);
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<LedgerOptions>>().Value;
            var env = sp.GetRequiredService<IHostEnvironment>();
            var catalog = PolicyCatalog.Default;
            foreach (var file in options.PolicyPackFiles)
            {
                using var json = File.OpenRead(Path.Combine(env.ContentRootPath, file));
                catalog = catalog.WithPack(json);
            }
            return catalog;
        });
        // The seal and signing keys, refused when missing or (outside Development) the development ones, like the identity keys.
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<AuditOptions>>().Value.Sealer(sp.GetRequiredService<IHostEnvironment>().IsDevelopment()));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<AuditOptions>>().Value.Signer(sp.GetRequiredService<IHostEnvironment>().IsDevelopment()));
        builder.Services.AddSingleton<LedgerAudit>();
        builder.Services.AddSingleton(sp => new DigestPublisher(sp.GetRequiredService<IDocumentStore>(), sp.GetRequiredService<LedgerSigner>(),
            sp.GetRequiredService<IOptions<AuditOptions>>().Value.Witness.Create(sp.GetRequiredService<IHostEnvironment>().ContentRootPath),
            sp.GetRequiredService<ILogger<DigestPublisher>>()));
        builder.Services.AddSingleton<CertificateCredentials>();
        builder.Services.AddSingleton<Ledger.Api.Persons.PersonFileReadModel>();
        builder.Services.AddSingleton<CredentialStatusList>();
        builder.Services.AddHostedService<DigestSchedule>();
        builder.Services.AddHostedService<IdempotencyCleanup>();
        builder.Services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<OutageTracker>();
        builder.AddLedgerTelemetry();
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = Ledger.Api.Http.ProblemLanguage.Localize);
        builder.Services.AddExceptionHandler<LedgerExceptionHandler>();
        builder.Services.ConfigureSystemTextJsonForWolverineOrMinimalApi(o => LedgerJson.Configure(o.SerializerOptions));
        builder.Services.AddOpenApi(LedgerOpenApi.Configure);
        builder.AddLedgerAuthentication();

        // A national index (Ledger:National:ConnectionString) for deployments with a database per province; none: today's
        // single database, whose entitlement streams already keep one payment per entitlement across jurisdictions.
        var nationalConnection = builder.Configuration["Ledger:National:ConnectionString"];
        builder.Services.AddSingleton(new NationalLink(string.IsNullOrWhiteSpace(nationalConnection)
            ? null
            : new NationalIndex(nationalConnection, builder.Configuration["Ledger:National:Schema"] ?? "national")));

        var connectionString = builder.Configuration.GetConnectionString("Ledger");
        var provinces = ProvinceDatabases.From(builder.Configuration);
        builder.Services.AddSingleton(provinces);
        builder.Services.AddMarten(sp =>
            {
                var options = sp.GetRequiredService<IOptions<LedgerOptions>>().Value;
                var store = new StoreOptions();
                sp.GetRequiredService<ProvinceDatabases>().Configure(store, connectionString ?? throw new InvalidOperationException(
                    "ConnectionStrings:Ledger is not configured. Start the ledger with ./ledger run, which provides a private PostgreSQL, or set ConnectionStrings__Ledger."));
                store.DatabaseSchemaName = options.Schema;
                store.Events.DatabaseSchemaName = options.Schema;
                store.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase, LedgerJson.ConfigureForStorage);
                store.Events.MetadataConfig.HeadersEnabled = true;
                store.Events.MetadataConfig.CorrelationIdEnabled = true;
                store.Events.MetadataConfig.CausationIdEnabled = true;
                store.Events.MetadataConfig.UserNameEnabled = true;
                // Every event type under its schema version's name, and the upcasters of older shapes, before anything reads a name.
                Ledger.Projections.Events.EventVersioning.Configure(store, sp.GetRequiredService<Ledger.Domain.Persons.PersonalDataCipher>());
                LedgerProjections.Configure(store, sp.GetRequiredService<EventSealer>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger("Ledger.Audit.Notary"));
                if (sp.GetRequiredService<NationalLink>().Index is { } national)
                    store.Events.Subscribe(new Ledger.Projections.National.NationalIndexSubscription(national, sp.GetRequiredService<PolicyCatalog>(),
                        sp.GetRequiredService<ILoggerFactory>().CreateLogger("Ledger.National")));
                store.Storage.Add(new IdempotencySchema(store));
                // Bureaus' current person files, stored as answered and kept current by the daemon (PersonFileReadModel).
                store.Storage.Add(new Ledger.Api.Persons.PersonFileSchema(store));
                store.Events.Subscribe(new Ledger.Api.Persons.PersonFileSubscription(() => sp.GetRequiredService<Ledger.Api.Persons.PersonFileReadModel>()));
                // The console home's "since my last visit" (ConsoleVisit: not ledger state, so not an event).
                store.Schema.For<Ledger.Api.WebConsole.ConsoleVisit>();
                return store;
            })
            // Lightweight sessions, enlisted in the request's transaction while a keyed write runs (IdempotencyMiddleware).
            .BuildSessionsWith<RequestSessionFactory>()
            .ApplyAllDatabaseChangesOnStartup()
            // Sessions without an identity map for every endpoint Wolverine opens one for: a tracked session keeps each document
            // it loads reachable until the request ends, which streamed reads (registers, exports) must not. No step reloads
            // what it stored; writes go through FetchForWriting and appends.
            .UseLightweightSessions()
            .AddAsyncDaemon(DaemonMode.HotCold)
            // With a database per province, Wolverine keeps its node and envelope tables in the main database.
            .IntegrateWithWolverine(w => { if (provinces.Any) w.MainDatabaseConnectionString = connectionString; });

        builder.Host.UseWolverine(o =>
        {
            o.ApplicationAssembly = typeof(LedgerHost).Assembly;
            // Ledger has HTTP endpoints and no Wolverine message handlers; conventional discovery took ASP.NET Core's
            // authentication, authorization-result and exception handlers (classes named *Handler) for message handlers.
            o.Discovery.DisableConventionalDiscovery();
            // The endpoints' adapter code is generated ahead of time into Internal/Generated (`./ledger codegen`) and compiled
            // into this assembly, so a process never loads Roslyn to compile it on first use (that took the API from 189 to
            // 356 MB after two requests, and seconds per endpoint on a cold start). A type missing there is still compiled at
            // run time; GeneratedCodeTests fails when the committed code differs from what the endpoints generate now.
            o.CodeGeneration.TypeLoadMode = TypeLoadMode.Auto;
            o.CodeGeneration.SourceCodeWritingEnabled = false;
            if (builder.Configuration["Ledger:GeneratedCodePath"] is { Length: > 0 } generatedCodePath)
                o.CodeGeneration.GeneratedCodeOutputPath = generatedCodePath;
            o.Policies.AutoApplyTransactions();
        });
        builder.Services.AddWolverineHttp();

        builder.Services.AddVerificationRateLimit();
        builder.Services.AddSingleton<ConsoleAntiforgery>();
        return builder;
    }

    public static WebApplication UseLedger(this WebApplication app)
    {
        // A broken pack file stops startup rather than the first request that needs a policy.
        app.Services.GetRequiredService<PolicyCatalog>();
        // Likewise missing, malformed or development identity, seal and signing keys outside Development.
        app.Services.GetRequiredService<Ledger.Domain.Persons.PersonalDataCipher>();
        app.Services.GetRequiredService<EventSealer>();
        app.Services.GetRequiredService<LedgerSigner>();
        // The credentials' issuer too; checked on the options, because the credential service needs the store, and the
        // offline verbs (verify --offline, verify-credential) must start with no database configured at all.
        app.Services.GetRequiredService<IOptions<AuditOptions>>().Value.IssuerName(app.Environment.IsDevelopment());
        app.CheckLedgerAuthentication();

        // Behind a TLS-terminating proxy (Ledger:Http:TrustedProxies) the client's address and scheme are the forwarded ones.
        app.UseForwardedHeaders((app.Configuration.GetSection(LedgerHttpOptions.Section).Get<LedgerHttpOptions>() ?? new()).Forwarding());
        app.UseExceptionHandler();
        // Routing answers an unknown route or method with an empty 404/405; this gives those problem details too.
        app.UseStatusCodePages();
        app.UseMiddleware<SecurityHeaders>();
        app.UseConsoleAssets();
        app.UseRouting();
        app.UseMiddleware<RequestLimits>();
        app.UseMiddleware<JsonContentTypeGuard>();
        app.UseMiddleware<ConsoleRequestForgeryGuard>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<ActorMiddleware>();
        if (app.Services.GetRequiredService<ProvinceDatabases>().Any) app.UseMiddleware<ProvinceRoutingMiddleware>();
        app.UseMiddleware<AuditorReadMiddleware>();
        app.UseMiddleware<ScopeMiddleware>();
        app.UseRateLimiter();
        app.UseMiddleware<IdempotencyMiddleware>();
        // The only public surface: the API's description, its health, certificate verification, the credential check, the status
        // list and the ledger's public keys ([AllowAnonymous] on their endpoints), and the console's sign-in page and static assets.
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/docs").AllowAnonymous();
        app.MapGet("/", () => Results.Redirect("/docs")).ExcludeFromDescription().AllowAnonymous();
        app.MapGet("/health", () => Results.Ok(new { status = "ok" })).AllowAnonymous();
        app.MapLedgerHealth();
        app.MapConsole();
        app.MapWolverineEndpoints(o =>
        {
            o.AddMiddleware(typeof(ActorStamp), chain => chain.HttpMethods.Any(m => m is "POST" or "PUT" or "PATCH" or "DELETE"));
            // A query value that does not parse (?page=abc) is a 400 problem naming the parameter, not silently the default.
            o.RejectUnparseableQueryValues = true;
            o.TenantId.DetectWith(new ProvinceTenantDetection());
        });
        return app;
    }
}
