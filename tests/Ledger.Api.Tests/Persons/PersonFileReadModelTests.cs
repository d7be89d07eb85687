using System.Text;
using Alba;
using Ledger.Api.Persons;
using Ledger.Api.Tests.Claims;
using Ledger.Api.Tests.Training;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Domain.Policies;
using Ledger.Projections.Persons;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Ledger.Api.Tests.Persons;

/// <summary>
/// The stored person file (PersonFileReadModel) answers exactly what assembling the file answers: the same bytes as the
/// endpoint's Results.Ok of the file assembled from the snapshots, for a person with training, an employment and its
/// obligations, a certificate and a claim; current after a write whether or not the daemon has caught up; and built by the
/// daemon for a person nobody has read.
/// </summary>
[Collection(nameof(ClaimReportsCollection))]
public sealed class PersonFileReadModelTests(AppFixture fixture) : IntegrationContext(fixture)
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Fixture.Clock.Reset(ClaimScenarios.Today2021);
    }

    /// <summary>What the endpoint answered before the read model: Results.Ok of the file assembled from the snapshots, written out.</summary>
    private async Task<string> AssembledAnswer(Guid personId, PersonFileAudience audience)
    {
        var today = Host.Services.GetRequiredService<IClock>().GetCurrentInstant().InZone(Ledger.Api.Http.LedgerClock.China).Date;
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var file = await PersonFiles.LoadAsync(session, personId, null, today, Host.Services.GetRequiredService<PolicyCatalog>(), audience, CancellationToken.None);
        var http = new DefaultHttpContext { RequestServices = Host.Services };
        using var body = new MemoryStream();
        http.Response.Body = body;
        await Results.Ok(file).ExecuteAsync(http);
        return Encoding.UTF8.GetString(body.ToArray());
    }

    private async Task<string> Read(Guid personId, (string User, string Org, string Role)? actor = null, string? enterprise = null)
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url($"/api/persons/{personId}");
            s.AsActor(actor);
            if (enterprise is not null) s.WithRequestHeader("X-Ledger-Enterprise", enterprise);
            s.StatusCodeShouldBe(200);
        });
        result.Context.Response.ContentType.ShouldBe("application/json; charset=utf-8");
        return await result.ReadAsTextAsync();
    }

    /// <summary>
    /// The daemon's projections are waited for by Marten; its subscriptions (the claim re-check flagging the claim of a
    /// revoked certificate, then this read model) follow within seconds.
    /// </summary>
    private async Task<bool> StoredWithin(Guid personId, TimeSpan limit)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!await Stored(personId))
        {
            if (watch.Elapsed > limit) return false;
            await Task.Delay(100);
        }
        return true;
    }

    private async Task<bool> Stored(Guid personId)
    {
        var model = Host.Services.GetRequiredService<PersonFileReadModel>();
        return await model.ReadAsync(personId, model.Today(), CancellationToken.None) is not null;
    }

    [Fact]
    public async Task the_stored_file_is_byte_for_byte_the_assembled_one_and_current_after_every_write()
    {
        var (enterprise, _) = await Host.RegisterEnterprise("hlj");
        var training = await Host.HljInstitutionWithClass();
        var trainee = await Host.Trainee(training, enterprise, "张三");
        await Host.SubmitClaim(enterprise, training, [trainee], new LocalDate(2021, 4, 10));
        Host.On(new LocalDate(2021, 7, 1));

        // Built by the daemon: nobody has read this person's file yet.
        (await StoredWithin(trainee.PersonId, TimeSpan.FromSeconds(30))).ShouldBeTrue();
        var expected = await AssembledAnswer(trainee.PersonId, PersonFileAudience.Everything);
        expected.ShouldContain("\"obligations\":[{");
        expected.ShouldContain("\"subsidyClaims\":[{");
        expected.ShouldContain("\"sessions\":[{");
        (await Read(trainee.PersonId)).ShouldBe(expected);

        // A write is in the next answer at once, stored copy or not; the daemon then stores the new file.
        await Host.Post($"/api/certificates/{trainee.CertificateId}/revocations", new { on = "2021-07-01", ground = "deception", reason = "deception", legalBasis = "art. 40", version = 1 }, 200);
        var afterWrite = await Read(trainee.PersonId);
        afterWrite.ShouldContain("\"status\":\"revoked\"");
        afterWrite.ShouldBe(await AssembledAnswer(trainee.PersonId, PersonFileAudience.Everything));
        (await StoredWithin(trainee.PersonId, TimeSpan.FromSeconds(30))).ShouldBeTrue();
        (await Read(trainee.PersonId)).ShouldBe(await AssembledAnswer(trainee.PersonId, PersonFileAudience.Everything));

        // Another day's statuses are another file: not served from yesterday's copy.
        Host.On(new LocalDate(2021, 7, 2));
        (await Stored(trainee.PersonId)).ShouldBeFalse();
        (await Read(trainee.PersonId)).ShouldBe(await AssembledAnswer(trainee.PersonId, PersonFileAudience.Everything));
        (await Stored(trainee.PersonId)).ShouldBeTrue();

        // The employer's view is still assembled for it, never the bureaus' whole file: it does not see a second employer.
        var (second, _) = await Host.RegisterEnterprise("hlj");
        await Host.Hire(trainee.PersonId, second, new LocalDate(2021, 7, 2), await Host.Version(trainee.PersonId));
        (await Read(trainee.PersonId)).ShouldContain(second.ToString());
        var employer = await Read(trainee.PersonId, ClaimActors.Enterprise, enterprise.ToString());
        employer.ShouldBe(await AssembledAnswer(trainee.PersonId, new PersonFileAudience.Employer(enterprise)));
        employer.ShouldNotContain(second.ToString());
    }
}
