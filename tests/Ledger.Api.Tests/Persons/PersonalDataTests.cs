using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Alba;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Persons;
using Ledger.Api.Tests.Audit;
using Ledger.Api.Tests.Claims;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.Tests.Training;
using Ledger.Domain.Actors;
using Ledger.Domain.Claims;
using Ledger.Domain.Persons;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using Npgsql;

namespace Ledger.Api.Tests.Persons;

[CollectionDefinition(nameof(PersonalDataCollection))]
public sealed class PersonalDataCollection : ICollectionFixture<PersonalDataFixture>;

/// <summary>Captures the host's error log, to show what an operator reads there and that no personal data is in it.</summary>
public sealed class PersonalDataFixture : AppFixture
{
    public CapturingLoggerProvider Logs { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(Logs);
}

/// <summary>ID numbers and mobiles sealed in events and snapshots, masked in answers, shown in full only on a recorded read.</summary>
[Collection(nameof(PersonalDataCollection))]
public sealed class PersonalDataTests(PersonalDataFixture fixture) : IntegrationContext(fixture)
{
    private new PersonalDataFixture Fixture => (PersonalDataFixture)base.Fixture;

    private const string PersonMobile = "13812345678";
    private const string HandlerMobile = "13900001111";
    private static readonly (string, string, string) HrBureau = ("officer-li", "hlj-hr-bureau", "hr-bureau");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Fixture.Clock.Reset(ClaimScenarios.Today2021);
    }

    private async Task<(Trainee Trainee, Guid Enterprise, Guid Claim)> PaidClaim()
    {
        var (enterprise, _) = await Host.RegisterEnterprise("hlj");
        var training = await Host.HljInstitutionWithClass();
        var trainee = await Host.Trainee(training, enterprise, "张三");
        var claim = await Host.PaidClaim(enterprise, training, [trainee], new LocalDate(2021, 4, 10), "HLJ-PAY-0001");
        Host.On(new LocalDate(2021, 9, 30));
        return (trainee, enterprise, claim);
    }

    [Fact]
    public async Task no_row_of_any_table_in_the_schema_holds_an_id_number_or_a_mobile_in_plain_text()
    {
        var (trainee, _, claim) = await PaidClaim();
        await Host.Post($"/api/persons/{trainee.PersonId}/id-number-reads", new { reason = "identity check of the claim roster" }, 200, HrBureau);
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        var hits = await RowsContaining(trainee.IdNumber, PersonMobile, HandlerMobile);
        hits.ShouldBeEmpty($"plain personal data found in: {string.Join(", ", hits)}");
        // The search itself works: the masked forms and the name are there to be found.
        (await RowsContaining(Ledger.Domain.Masking.IdNumber(trainee.IdNumber), "张三")).ShouldContain(t => t.StartsWith("mt_events"));

        // And no answer a role reads carries them either.
        foreach (var url in new[] { $"/api/persons/{trainee.PersonId}", $"/api/claims/{claim}", $"/api/claims/{claim}/history", $"/api/claims/{claim}/knowledge" })
        {
            var body = (await Host.Get(url)).GetRawText();
            body.ShouldNotContain(trainee.IdNumber, customMessage: url);
            body.ShouldNotContain(PersonMobile, customMessage: url);
            body.ShouldNotContain(HandlerMobile, customMessage: url);
            body.ShouldNotContain("\"ciphertext\"", customMessage: url);
        }
        var csv = await Host.Scenario(s =>
        {
            s.Get.Url($"/api/claims/{claim}/export.csv");
            s.AsActor();
        });
        var text = await csv.ReadAsTextAsync();
        text.ShouldNotContain(trainee.IdNumber);
        text.ShouldNotContain(HandlerMobile);
        var found = await Host.Post("/api/persons/search", new { idNumber = trainee.IdNumber }, 200);
        found.GetRawText().ShouldNotContain(trainee.IdNumber);
    }

    /// <summary>Every table of the test's schema, each row as text (what a dump would write), searched for each value.</summary>
    private async Task<List<string>> RowsContaining(params string[] values)
    {
        await using var connection = new NpgsqlConnection(AppFixture.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("select table_name from information_schema.tables where table_schema = @s and table_type = 'BASE TABLE'", connection))
        {
            list.Parameters.AddWithValue("s", Fixture.Schema);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        tables.Count.ShouldBeGreaterThan(10);
        var hits = new List<string>();
        foreach (var table in tables)
            foreach (var value in values)
            {
                await using var search = new NpgsqlCommand($"select count(*) from \"{Fixture.Schema}\".\"{table}\" t where strpos(t::text, @v) > 0", connection);
                search.Parameters.AddWithValue("v", value);
                if ((long)(await search.ExecuteScalarAsync())! > 0) hits.Add($"{table} ({value[..Math.Min(3, value.Length)]}…)");
            }
        return hits;
    }

    [Fact]
    public void the_development_key_and_malformed_keys_are_refused_outside_development()
    {
        var development = new IdentityOptions { EncryptionKeys = [new() { Id = "development-1", Key = IdentityOptions.DevelopmentKey }] };
        development.Cipher(development: true).CurrentKeyId.ShouldBe("development-1");
        Should.Throw<InvalidOperationException>(() => development.Cipher(development: false)).Message.ShouldContain("development key");
        Should.Throw<InvalidOperationException>(() => new IdentityOptions().Cipher(development: false)).Message.ShouldContain("not configured");
        var short16 = new IdentityOptions { EncryptionKeys = [new() { Id = "k", Key = Convert.ToBase64String(new byte[16]) }] };
        Should.Throw<InvalidOperationException>(() => short16.Cipher(development: false)).Message.ShouldContain("32 bytes");
        var twice = new IdentityOptions
        {
            EncryptionKeys = [new() { Id = "k", Key = Convert.ToBase64String(new byte[32]) }, new() { Id = "k", Key = Convert.ToBase64String(new byte[32]) }],
        };
        Should.Throw<InvalidOperationException>(() => twice.Cipher(development: false)).Message.ShouldContain("differ");
    }

    [Fact]
    public async Task a_second_registration_of_the_same_id_number_is_still_refused_through_the_keyed_hash()
    {
        var idNumber = TestIds.NewIdNumber();
        var first = await Host.RegisterPerson(idNumber);
        var refused = await RefusedAsync(() => Host.Post("/api/persons", LedgerScenarios.PersonBody(idNumber, name: "李四"), 409));
        refused.GetRawText().ShouldContain(first.ToString());
    }

    [Fact]
    public async Task the_full_id_number_is_shown_only_for_a_reason_to_a_role_that_needs_it_and_every_such_read_is_recorded()
    {
        var (trainee, enterprise, _) = await PaidClaim();
        var url = $"/api/persons/{trainee.PersonId}/id-number-reads";

        var noReason = await RefusedAsync(() => Host.Post(url, new { }, 400, HrBureau));
        noReason.GetRawText().ShouldContain("reason");
        // An enterprise that never employed the person does not learn it exists.
        var stranger = Guid.NewGuid();
        await RefusedAsync(() => Host.Scenario(s =>
        {
            s.Post.Json(new { reason = "curious" }).ToUrl(url);
            s.AsActor(("handler-x", "another-co", "enterprise"));
            s.WithRequestHeader("X-Ledger-Enterprise", stranger.ToString());
            s.StatusCodeShouldBe(404);
        }));
        // Auditors read the masked file; a training institution has no need of the number.
        await RefusedAsync(() => Host.Post(url, new { reason = "audit" }, 403, ("auditor-he", "national-audit-office", "auditor")));
        await RefusedAsync(() => Host.Post(url, new { reason = "roster" }, 403, ClaimActors.Institution));

        var shown = await Host.Post(url, new { reason = "identity check of the claim roster" }, 200, HrBureau);
        shown.GetProperty("idNumber").GetString().ShouldBe(trainee.IdNumber);
        shown.GetProperty("mobile").GetString().ShouldBe(PersonMobile);
        var own = await Host.Scenario(s =>
        {
            s.Post.Json(new { reason = "social insurance enrolment" }).ToUrl(url);
            s.AsActor(ClaimActors.Enterprise);
            s.WithRequestHeader("X-Ledger-Enterprise", enterprise.ToString());
        });
        (await own.ReadAsJsonAsync<JsonElement>()).GetProperty("idNumber").GetString().ShouldBe(trainee.IdNumber);

        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var reads = (await session.Events.FetchStreamAsync(AuditorReadLog.StreamOf("person", trainee.PersonId))).Select(e => e.Data).OfType<FullIdNumberRead>().ToList();
        reads.Select(r => (r.UserId, r.OrganisationId, r.Role, r.Reason)).ShouldBe([
            ("officer-li", "hlj-hr-bureau", "hr-bureau", "identity check of the claim roster"),
            ("handler-zhao", "hlj-enterprise", "enterprise", "social insurance enrolment"),
        ]);
        reads[0].At.ShouldBe(Fixture.Clock.GetCurrentInstant());
        JsonSerializer.Serialize(reads).ShouldNotContain(trainee.IdNumber);
    }

    [Fact]
    public async Task after_rotation_every_current_value_opens_with_the_new_key_alone_while_the_old_events_stay_as_written()
    {
        var (trainee, _, claim) = await PaidClaim();
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        var development = Host.Services.GetRequiredService<PersonalDataCipher>();
        var newKey = RandomNumberGenerator.GetBytes(32);
        var developmentKey = Convert.FromBase64String(Ledger.Api.Http.IdentityOptions.DevelopmentKey);
        var rotating = new PersonalDataCipher([("rotated-2", newKey), (development.CurrentKeyId, developmentKey)]);
        var admin = new Actor("admin-ma", "ledger-operations", ActorRole.SystemAdministrator);

        var report = await PersonalDataRotation.RunAsync(store, rotating, admin, new LocalDate(2021, 9, 30), batchSize: 1, CancellationToken.None);
        (report.KeyId, report.PersonsResealed, report.ClaimsResealed, report.Remaining).ShouldBe(("rotated-2", 1, 1, 0));
        (await PersonalDataRotation.RunAsync(store, rotating, admin, new LocalDate(2021, 9, 30), 500, CancellationToken.None)).PersonsResealed.ShouldBe(0);

        var retired = new PersonalDataCipher([("rotated-2", newKey)]);
        await using var session = store.QuerySession();
        var person = (await session.LoadAsync<Person>(trainee.PersonId))!;
        retired.Open(person.IdNumber, PersonalDataCipher.IdNumberPurpose, person.Id).ShouldBe(trainee.IdNumber);
        retired.Open(person.Mobile!, PersonalDataCipher.MobilePurpose, person.Id).ShouldBe(PersonMobile);
        var form = (await session.LoadAsync<Claim>(claim))!.Form;
        retired.Open(form.HandlerMobileSealed!, PersonalDataCipher.HandlerMobilePurpose, claim).ShouldBe(HandlerMobile);

        // Events are never edited: the registration still carries the development key's ciphertext, which the retired set no longer opens.
        var events = await session.Events.FetchStreamAsync(trainee.PersonId);
        var registered = events.Select(e => e.Data).OfType<PersonRegistered>().Single();
        registered.IdNumber.KeyId.ShouldBe(development.CurrentKeyId);
        Should.Throw<RetiredKeyException>(() => retired.Open(registered.IdNumber, PersonalDataCipher.IdNumberPurpose, person.Id));
        var resealed = events.Last();
        resealed.Data.ShouldBeOfType<PersonalDataResealed>();
        resealed.Headers!["actor-role"].ToString().ShouldBe("system-administrator");
        // A ciphertext moved onto another person does not open there.
        Should.Throw<CryptographicException>(() => retired.Open(person.IdNumber, PersonalDataCipher.IdNumberPurpose, Guid.NewGuid()));
    }

    [Fact]
    public async Task a_value_sealed_under_a_key_no_longer_configured_answers_what_the_operator_must_do_without_the_ciphertext()
    {
        var personId = await Host.RegisterPerson();
        await using (var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession())
        {
            var sealedNumber = (await session.LoadAsync<Person>(personId))!.IdNumber;
            // As if the key that sealed this person's number had been removed from the configuration before rotate-identity-key ran.
            await Host.Tamper($"update {{schema}}.mt_doc_person set data = jsonb_set(data, '{{idNumber,keyId}}', '\"retired-2019\"') where id = '{personId}'");

            var problem = await RefusedAsync(() => Host.Post($"/api/persons/{personId}/id-number-reads", new { reason = "identity check" }, 500));
            problem.GetProperty("code").GetString().ShouldBe("retired-identity-key");
            problem.GetProperty("keyId").GetString().ShouldBe("retired-2019");
            var detail = problem.GetProperty("detail").GetString()!;
            detail.ShouldContain("Ledger:Identity:EncryptionKeys");
            detail.ShouldContain("rotate-identity-key");
            problem.GetRawText().ShouldNotContain(sealedNumber.Ciphertext);
            // One error line for the operator, naming the key and not the ciphertext.
            var logged = Fixture.Logs.Errors.Where(e => e.Contains("retired-2019", StringComparison.Ordinal)).ToList();
            logged.Count.ShouldBe(1, string.Join("\n", Fixture.Logs.Errors));
            logged[0].ShouldContain("rotate-identity-key");
            Fixture.Logs.Errors.ShouldAllBe(e => !e.Contains(sealedNumber.Ciphertext));
        }
    }
}
