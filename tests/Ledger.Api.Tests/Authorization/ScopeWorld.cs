using System.Text.RegularExpressions;
using Alba;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Tests.Claims;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.Tests.Training;
using Ledger.Domain.Actors;
using NodaTime;

namespace Ledger.Api.Tests.Authorization;

/// <summary>One world of every kind of record (enterprise, institution, class, person, employment, certificate, claim, roster).</summary>
public sealed record World(Guid Enterprise, string CreditCode, Guid Institution, Guid Class, Guid Session, Guid Person, Guid Employment, Guid Certificate,
    Guid Claim, Guid Roster, long PersonVersion, string IdNumber, string CertificateNumber, Guid Inspection = default, Guid Tip = default);

/// <summary>
/// The world the scope and hostile suites call every route in, and the callers inside and outside its scope: a bureau of the
/// world's jurisdiction or of another, the world's enterprise or institution or another one.
/// </summary>
public static class ScopeWorld
{
    public static async Task<World> BuildAsync(IAlbaHost host, AppFixture fixture, string home)
    {
        fixture.Clock.Reset(ClaimScenarios.Today2021);
        var (enterprise, creditCode) = await host.RegisterEnterprise(home);
        var training = await host.HljInstitutionWithClass(home);
        var trainee = await host.Trainee(training, enterprise);
        var claim = await host.SubmitClaim(enterprise, training, [trainee], new LocalDate(2021, 4, 10));
        host.On(new LocalDate(2021, 9, 30));
        var roster = (await host.Post("/api/trainer-rosters", new
        {
            enterpriseCreditCode = creditCode, personId = trainee.PersonId.ToString(), workTypes = new[] { ClaimScenarios.WorkType },
            qualification = "demonstration-base-certified", qualifiedOn = "2021-09-01", appointedOn = "2021-09-02",
        }, 201)).GetProperty("rosterId").GetGuid();
        var file = await host.Get($"/api/persons/{trainee.PersonId}");
        var employment = file.GetProperty("employments")[0].GetProperty("employmentId").GetGuid();
        var tip = (await host.Post("/api/tip-offs", new
        {
            enterpriseId = enterprise, subject = "untrained-worker", allegation = "新员工未经培训上岗", channel = "hotline", receivedOn = "2021-09-30",
        }, 201)).GetProperty("tipId").GetGuid();
        var inspection = (await host.Post("/api/inspections", new
        {
            enterpriseId = enterprise, inspectedOn = "2021-09-30", trainingPlanChecked = true, certificatesChecked = 1, certificatesMissing = 0,
            spotQuiz = new[] { new { group = "principal", examined = 1, passed = 1 } }, reason = "日常检查",
        }, 201)).GetProperty("inspectionId").GetGuid();
        return new World(enterprise, creditCode, training.InstitutionId, training.ClassId, training.Sessions[0], trainee.PersonId, employment,
            trainee.CertificateId, claim, roster, file.GetProperty("version").GetInt64(), trainee.IdNumber, trainee.CertificateNumber, inspection, tip);
    }

    public static Actor Outsider(ActorRole role, string elsewhere) => role switch
    {
        ActorRole.Enterprise => new Actor("handler-out", "other-co", role, EnterpriseId: Guid.NewGuid()),
        ActorRole.TrainingInstitution or ActorRole.ExamPoint => new Actor("registrar-out", "other-school", role, InstitutionId: Guid.NewGuid()),
        ActorRole.SystemAdministrator => new Actor("admin-out", "ledger-operations", role),
        _ => new Actor("officer-out", "zj-bureau", role, elsewhere),
    };

    public static Actor Insider(ActorRole role, World w, string home) => role switch
    {
        ActorRole.Enterprise => new Actor("handler-in", "own-co", role, EnterpriseId: w.Enterprise),
        ActorRole.TrainingInstitution or ActorRole.ExamPoint => new Actor("registrar-in", "own-school", role, InstitutionId: w.Institution),
        ActorRole.SystemAdministrator => new Actor("admin-in", "ledger-operations", role),
        _ => new Actor("officer-in", "hlj-bureau", role, home),
    };

    public static string Url(string pattern, World w, string home) => Regex.Replace(pattern, @"\{\*{0,2}([A-Za-z]+)(:[a-z]+)?\??\}", m => m.Groups[1].Value switch
    {
        "personId" => w.Person.ToString(),
        "employmentId" => w.Employment.ToString(),
        "enterpriseId" => w.Enterprise.ToString(),
        "institutionId" => w.Institution.ToString(),
        "classId" => w.Class.ToString(),
        "sessionId" => w.Session.ToString(),
        "certificateId" => w.Certificate.ToString(),
        "claimId" => w.Claim.ToString(),
        "rosterId" => w.Roster.ToString(),
        "inspectionId" => w.Inspection.ToString(),
        "tipId" => w.Tip.ToString(),
        "jurisdiction" => home,
        // The import templates name a kind of file, not a record: the same for every caller of the role.
        "kind" => "attendance",
        "documentName" => "v1",
        var other => throw new InvalidOperationException($"no record of the world for route parameter {other}: add one"),
    });

    public static Dictionary<string, string> Headers(Actor actor)
    {
        var headers = new Dictionary<string, string>
        {
            ["X-Ledger-User"] = actor.UserId,
            ["X-Ledger-Org"] = actor.OrganisationId,
            ["X-Ledger-Role"] = JsonNames.Kebab(actor.Role),
            // Auditors name why they read; with it their in-scope reads succeed and are recorded.
            ["X-Ledger-Reason"] = "scope test",
        };
        if (actor.Jurisdiction is not null) headers["X-Ledger-Jurisdiction"] = actor.Jurisdiction;
        if (actor.EnterpriseId is { } e) headers["X-Ledger-Enterprise"] = e.ToString();
        if (actor.InstitutionId is { } i) headers["X-Ledger-Institution"] = i.ToString();
        return headers;
    }

    public static async Task<(int Status, string Body)> SendAsync(IAlbaHost host, string method, string url, Actor actor, object? body = null)
    {
        var result = await host.Scenario(s =>
        {
            if (method == "GET") s.Get.Url(url);
            else s.Post.Json(body ?? new { }).ToUrl(url);
            foreach (var (name, value) in Headers(actor)) s.WithRequestHeader(name, value);
            s.IgnoreStatusCode();
        });
        var text = await result.ReadAsTextAsync();
        return (result.Context.Response.StatusCode, text);
    }
}
