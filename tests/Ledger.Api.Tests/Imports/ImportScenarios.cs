using System.Text;
using System.Text.Json;
using Alba;
using Ledger.Api.Imports;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Domain.Actors;
using Ledger.Domain.Training;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Ledger.Api.Tests.Imports;

public static class ImportScenarios
{
    public static readonly Actor Clerk = new("clerk-zhao", "tj-exam-centre", ActorRole.ExamPoint);

    /// <summary>Training classes have no endpoint yet, so tests open them through the decider and a plain append.</summary>
    public static async Task<TrainingClass> OpenClass(this IAlbaHost host, params (LocalDate Date, SessionMode Mode, int Hours)[] sessions)
    {
        var classId = Guid.CreateVersion7();
        var today = AppFixture.Now.InZone(LedgerClock.China).Date;
        var rules = Ledger.Domain.Training.TrainingRulesInForce.For(Ledger.Domain.Policies.PolicyCatalog.Default, "tj-jizhou", today);
        var opened = TrainingDecider.Decide(
            new OpenTrainingClass(classId, TrainingProviderKind.Institution, Guid.CreateVersion7(), "蓟州区安全技能培训中心", "tj-jizhou", "低压电工作业初训", "2026-01",
                40m, "electrical.low-voltage", TrainingKind.SpecialOperationInitial, sessions.Min(s => s.Date)),
            new ProviderStanding(true, null, null, false), rules);
        var trainingClass = TrainingClass.Create(opened);
        var events = new List<object> { opened };
        foreach (var (date, mode, hours) in sessions)
        {
            var held = TrainingDecider.Decide(new HoldSession(Guid.CreateVersion7(), date, new LocalTime(9, 0), new LocalTime(9 + hours, 0), mode, "刘老师", "培训中心",
                "安全技术", "migrated from the provincial system"), trainingClass, new ProviderStanding(true, null, null, false), rules, today);
            trainingClass = trainingClass.Apply(held);
            events.Add(held);
        }
        await using var session = host.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        ActorStamp.Stamp(session, Clerk);
        session.Events.StartStream<TrainingClass>(classId, [.. events]);
        await session.SaveChangesAsync();
        return trainingClass;
    }

    public static Task<IScenarioResult> PostCsv(this IAlbaHost host, string kind, byte[] body, int status, string contentType = "text/csv", bool asActor = true) =>
        host.Scenario(s =>
        {
            s.Post.Url($"/api/imports/{kind}");
            s.ConfigureHttpContext(c =>
            {
                c.Request.Body = new MemoryStream(body);
                c.Request.ContentLength = body.Length;
                c.Request.ContentType = contentType;
            });
            if (asActor) s.AsActor();
            s.StatusCodeShouldBe(status);
        });

    public static async Task<ImportReport> Import(this IAlbaHost host, string kind, string csv)
    {
        var result = await host.PostCsv(kind, Encoding.UTF8.GetBytes(csv), 200);
        return (await result.ReadAsJsonAsync<ImportReport>())!;
    }

    public static async Task<JsonElement> ImportRefused(this IAlbaHost host, string kind, string csv, int status, string contentType = "text/csv", bool asActor = true)
    {
        var result = await host.PostCsv(kind, Encoding.UTF8.GetBytes(csv), status, contentType, asActor);
        return await result.ReadAsJsonAsync<JsonElement>();
    }

    public static IEnumerable<(long Row, string Field)> Where(this ImportReport report) => report.Errors.Select(e => (e.Row, e.Field));
}
