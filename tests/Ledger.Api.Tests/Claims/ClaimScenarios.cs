using System.Text.Json;
using Alba;
using Ledger.Api.Claims;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.Tests.Training;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Ledger.Api.Tests.Claims;

/// <summary>The people of the HLJ approval chain (rules.md 2.3.C): each step by a different user, as maker-checker requires.</summary>
public static class ClaimActors
{
    public static readonly (string, string, string) Enterprise = ("handler-zhao", "hlj-enterprise", "enterprise");
    public static readonly (string, string, string) Institution = ("registrar-sun", "hlj-training-school", "training-institution");
    public static readonly (string, string, string) Verifier = ("inspector-qian", "harbin-emergency-bureau", "regulator");
    public static readonly (string, string, string) HrBureau = ("officer-li", "hlj-hr-bureau", "hr-bureau");
    /// <summary>HR of the same level pays (HLJ-SUB-03: "由同级人力资源社会保障部门…拨付培训补贴资金"); the finance bureau audits.</summary>
    public static readonly (string, string, string) Payer = ("cashier-zhou", "hlj-hr-bureau", "hr-bureau");
    public static readonly (string, string, string) Reconciler = ("accountant-wu", "hlj-finance-bureau", "finance-bureau");
}

/// <summary>A trained, certified and employed person, ready to be a roster line.</summary>
public sealed record Trainee(Guid PersonId, string IdNumber, string Name, Guid CertificateId, string CertificateNumber);

/// <summary>An HLJ training institution with one finished special-operation class, as a claim needs it.</summary>
public sealed record HljClass(Guid InstitutionId, Guid ClassId, IReadOnlyList<Guid> Sessions, LocalDate From, LocalDate Until);

public static class ClaimScenarios
{
    public const string WorkType = "electrical.low-voltage";

    /// <summary>A day within the 2020–2021 HLJ pack, so the HLJ subsidy, listing and video rules apply.</summary>
    public static readonly Instant Today2021 = Instant.FromUtc(2021, 9, 30, 4, 0);

    /// <summary>
    /// Moves the fixture's clock to a business day, so each step is recorded on its own day: records dated more than 30
    /// days back need a late-entry reason (NAT-ARC-01), and nothing may be dated in the future.
    /// </summary>
    public static void On(this IAlbaHost host, LocalDate day) =>
        ((FakeClock)host.Services.GetRequiredService<IClock>()).Reset(day.AtStartOfDayInZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).ToInstant().Plus(Duration.FromHours(10)));

    public static IAlbaHost At(this IAlbaHost host, LocalDate day)
    {
        host.On(day);
        return host;
    }

    /// <summary>Filed for low-voltage work, with practical conditions and an HR catalogue listing (HLJ-INS-06), then a class of a classroom and a practical day with video kept beyond the certificate's 6 years (HLJ-ARC-02).</summary>
    public static async Task<HljClass> HljInstitutionWithClass(this IAlbaHost host, string jurisdiction = "hlj", LocalDate? firstDay = null)
    {
        host.On(new LocalDate(2021, 1, 5));
        var registered = await host.Post("/api/institutions", new
        {
            creditCode = TrainingScenarios.NewCreditCode(), name = "哈尔滨安全培训学校", kind = "training-institution", jurisdiction, registeredOn = "2021-01-05",
        }, 201);
        var institutionId = registered.GetProperty("institutionId").GetGuid();
        await host.Post($"/api/institutions/{institutionId}/filings", new
        {
            filingAuthority = "黑龙江省应急管理厅", scope = new[] { WorkType }, filedOn = "2021-01-05", reason = "备案", version = 1,
        }, 200);
        await host.Post($"/api/institutions/{institutionId}/practical-capabilities", new
        {
            workType = WorkType, facilities = "低压电工实训室", recordedOn = "2021-01-05", version = 2,
        }, 200);
        await host.Post($"/api/institutions/{institutionId}/hr-catalogue-listings", new
        {
            catalogue = "黑龙江省职业技能培训机构目录", listedOn = "2021-01-05", version = 3,
        }, 200);

        var day = firstDay ?? new LocalDate(2021, 3, 1);
        host.On(day.PlusDays(1));
        var opened = await host.Post("/api/training-classes", new
        {
            providerKind = "institution", providerId = institutionId, course = "低压电工作业", syllabusVersion = "2019", requiredHours = 16,
            workType = WorkType, kind = "special-operation-initial", openedOn = day.Date(),
        }, 201);
        var classId = opened.GetProperty("classId").GetGuid();
        var sessions = new List<Guid>();
        var version = 1;
        foreach (var (mode, offset) in new[] { ("classroom", 0), ("practical", 1) })
        {
            var held = await host.Post($"/api/training-classes/{classId}/sessions", new
            {
                date = day.PlusDays(offset).Date(), start = "08:00", end = "16:00", mode, instructor = "王老师", place = "实训楼", content = $"{mode} {offset + 1}",
                version = version++,
            }, 200);
            sessions.Add(held.GetProperty("sessionId").GetGuid());
        }
        foreach (var session in sessions)
            await host.Post($"/api/training-classes/{classId}/sessions/{session}/video", new
            {
                contentHash = "sha256:" + new string('a', 64), storedAt = "nas://hlj/videos/" + session, retainUntil = "2028-12-31", version = version++,
            }, 200);
        return new HljClass(institutionId, classId, sessions, day, day.PlusDays(1));
    }

    /// <summary>Registered, hired by the enterprise before training, at both sessions, then certified after training ended.</summary>
    public static async Task<Trainee> Trainee(this IAlbaHost host, HljClass training, Guid enterpriseId, string name = "张三", LocalDate? issuedOn = null,
        string? certificateNumber = null, string? idNumber = null)
    {
        host.On(training.Until);
        idNumber ??= TestIds.NewIdNumber();
        var personId = await host.RegisterPerson(idNumber, name);
        await host.Hire(personId, enterpriseId, new LocalDate(2021, 2, 1), specialOperationWorkType: WorkType);
        foreach (var session in training.Sessions) await host.Attend(training.ClassId, session, personId);
        var issued = issuedOn ?? training.Until.PlusDays(20);
        var number = certificateNumber ?? TestIds.NewCertificateNumber();
        host.On(issued);
        var certificateId = await host.IssueCertificate(personId, number, WorkType, issued.PlusDays(-2), issued);
        return new Trainee(personId, idNumber, name, certificateId, number);
    }

    public static async Task<Guid> SubmitClaim(this IAlbaHost host, Guid enterpriseId, HljClass training, IReadOnlyList<Trainee> roster, LocalDate applicationDate,
        decimal? requestedAmount = null, string handlerName = "赵经办", IReadOnlyList<(string Name, string IdNumber, string CertificateNumber)>? extraLines = null)
    {
        var lines = roster.Select((t, i) => (object)new
        {
            lineNo = i + 1, name = t.Name, workType = WorkType, idNumber = t.IdNumber, certificateNumber = t.CertificateNumber, kind = "special-operation-initial",
            requestedAmount = 1000m,
        }).ToList();
        foreach (var extra in extraLines ?? [])
            lines.Add(new
            {
                lineNo = lines.Count + 1, name = extra.Name, workType = WorkType, idNumber = extra.IdNumber, certificateNumber = extra.CertificateNumber,
                kind = "special-operation-initial", requestedAmount = 1000m,
            });
        host.On(applicationDate);
        var json = await host.Post("/api/claims", new
        {
            enterpriseId, handlerName, handlerMobile = "13900001111", institutionId = training.InstitutionId,
            workTypes = new[] { new { workType = WorkType, count = lines.Count } }, trainingFrom = training.From.Date(), trainingUntil = training.Until.Date(),
            certifiedCount = roster.Count, requestedAmount = requestedAmount ?? 1000m * lines.Count,
            commitment = new { text = "本企业申报安全技能提升补贴的特种作业人员已依法建立了劳动(用工)关系,补贴资金申请信息真实全面、准确无误,愿意承担虚假培训及申报产生的全部法律责任。", signer = "刘经理", signedOn = applicationDate.Date() },
            applicationDate = applicationDate.Date(), roster = lines,
        }, 201, ClaimActors.Enterprise);
        return json.GetProperty("claimId").GetGuid();
    }

    /// <summary>Posts as an actor, with the bureau's jurisdiction header where the step needs one (HR approval).</summary>
    public static async Task<JsonElement> Act(this IAlbaHost host, string url, object body, (string User, string Org, string Role) actor, int status = 200,
        string? jurisdiction = null)
    {
        var institution = await LedgerScenarios.InstitutionActingOn(host, url, actor.Role);
        var result = await host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl(url);
            s.AsActor(actor);
            if (jurisdiction is not null) s.WithRequestHeader("X-Ledger-Jurisdiction", jurisdiction);
            if (institution is not null) s.WithRequestHeader("X-Ledger-Institution", institution);
            s.StatusCodeShouldBe(status);
        });
        return await result.ReadAsJsonAsync<JsonElement>();
    }

    public static Task Attest(this IAlbaHost host, Guid claimId, LocalDate on) =>
        host.At(on).Act($"/api/claims/{claimId}/attestation", new { statement = AttestRequest.FormText, attestedOn = on.Date(), version = 1 }, ClaimActors.Institution);

    public static Task Verify(this IAlbaHost host, Guid claimId, LocalDate on) =>
        host.At(on).Act($"/api/claims/{claimId}/verification", new { systemReference = "黑龙江省安全生产培训考核系统 " + on.Date(), verifiedOn = on.Date(), version = 2 },
            ClaimActors.Verifier);

    public static Task Approve(this IAlbaHost host, Guid claimId, LocalDate on, params int[] lineNos) =>
        host.At(on).Act($"/api/claims/{claimId}/approval", new
        {
            lines = lineNos.Select(n => new { lineNo = n, approved = true }).ToArray(), on = on.Date(), version = 3,
        }, ClaimActors.HrBureau, jurisdiction: "hlj");

    public static Task Disburse(this IAlbaHost host, Guid claimId, decimal amount, LocalDate on, string reference, string account = "6222020200001234567") =>
        host.At(on).Act($"/api/claims/{claimId}/disbursement", new
        {
            paymentReference = reference, payee = "申请企业", payeeAccount = account, amount, paidOn = on.Date(), version = 4,
        }, ClaimActors.Payer, jurisdiction: "hlj");

    public static Task Reconcile(this IAlbaHost host, Guid claimId, LocalDate on, long version = 5) =>
        host.At(on).Act($"/api/claims/{claimId}/reconciliation", new { bankReference = "BOC-" + on.Date(), on = on.Date(), version }, ClaimActors.Reconciler);

    /// <summary>Submitted, attested, verified, approved (every line) and paid; reconciled too unless told otherwise.</summary>
    public static async Task<Guid> PaidClaim(this IAlbaHost host, Guid enterpriseId, HljClass training, IReadOnlyList<Trainee> roster, LocalDate applicationDate,
        string reference, bool reconcile = true, string account = "6222020200001234567")
    {
        var claimId = await host.SubmitClaim(enterpriseId, training, roster, applicationDate);
        await host.Attest(claimId, applicationDate.PlusDays(2));
        await host.Verify(claimId, applicationDate.PlusDays(5));
        await host.Approve(claimId, applicationDate.PlusDays(10), Enumerable.Range(1, roster.Count).ToArray());
        await host.Disburse(claimId, 1000m * roster.Count, applicationDate.PlusDays(15), reference, account);
        if (reconcile) await host.Reconcile(claimId, applicationDate.PlusDays(18));
        return claimId;
    }

    /// <summary>
    /// A claim as a submission judged it before the fuzzy duplicate key was checked (historical data): the decider is given no
    /// other certificate records of the roster's persons, so a twin certificate is not seen.
    /// </summary>
    public static async Task<Guid> LegacySubmittedClaim(this IAlbaHost host, Guid enterpriseId, HljClass training, IReadOnlyList<Trainee> roster, LocalDate applicationDate)
    {
        host.On(applicationDate);
        var services = host.Services;
        var ids = services.GetRequiredService<Ledger.Domain.StreamIdentity>();
        var cipher = services.GetRequiredService<Ledger.Domain.Persons.PersonalDataCipher>();
        var policies = services.GetRequiredService<Ledger.Domain.Policies.PolicyCatalog>();
        var catalog = services.GetRequiredService<Ledger.Domain.Certificates.CertificateCatalog>();
        var claimId = Guid.CreateVersion7();
        var lines = roster.Select((t, i) =>
        {
            Ledger.Domain.Persons.ResidentIdNumber.TryParse(t.IdNumber, applicationDate, out var id, out _);
            return new Ledger.Domain.Claims.RosterLine(i + 1, t.Name, id!.Masked, ids.ForPerson(id), WorkType, ids.ForCertificate(t.CertificateNumber), t.CertificateNumber,
                Ledger.Domain.Claims.SubsidyKind.SpecialOperationInitial, 1000m);
        }).ToList();
        var command = new Ledger.Domain.Claims.SubmitClaim(claimId, enterpriseId, training.InstitutionId, "赵经办", "139****1111",
            cipher.Seal("13900001111", Ledger.Domain.Persons.PersonalDataCipher.HandlerMobilePurpose, claimId),
            [new Ledger.Domain.Claims.WorkTypeCount(WorkType, lines.Count)], training.From, training.Until, lines.Count, 1000m * lines.Count,
            new Ledger.Domain.Claims.Commitment("本企业申报安全技能提升补贴的特种作业人员已依法建立了劳动(用工)关系,补贴资金申请信息真实全面、准确无误,愿意承担虚假培训及申报产生的全部法律责任。", "刘经理", applicationDate), applicationDate, lines);
        await using var session = services.GetRequiredService<Marten.IDocumentStore>().LightweightSession();
        var persons = (await session.LoadManyAsync<Ledger.Domain.Persons.Person>(lines.Select(l => l.PersonId).ToArray())).ToDictionary(p => p.Id);
        var certificates = (await session.LoadManyAsync<Ledger.Domain.Certificates.Certificate>(lines.Select(l => l.CertificateId).ToArray())).ToDictionary(c => c.Id);
        var classes = (await session.LoadManyAsync<Ledger.Domain.Training.TrainingClass>(training.ClassId)).ToDictionary(c => c.Id);
        var facts = new Ledger.Domain.Claims.SubmissionFacts((await session.LoadAsync<Ledger.Domain.Enterprises.Enterprise>(enterpriseId))!,
            (await session.LoadAsync<Ledger.Domain.Institutions.Institution>(training.InstitutionId))!, persons, certificates, classes);
        var judged = Ledger.Domain.Claims.ClaimSubmissionDecider.Judge(command, facts, policies, catalog, ids);
        var decision = Ledger.Domain.Claims.ClaimSubmissionDecider.Decide(command, new Ledger.Domain.Actors.Actor("handler-zhao", "hlj-enterprise",
            Ledger.Domain.Actors.ActorRole.Enterprise, EnterpriseId: enterpriseId), facts, judged, new Dictionary<Guid, Ledger.Domain.Claims.Entitlement?>(), policies);
        foreach (var held in decision.Held) session.Events.StartStream<Ledger.Domain.Claims.Entitlement>(held.EntitlementId, held);
        session.Events.StartStream<Ledger.Domain.Claims.Claim>(claimId, decision.Submitted);
        await session.SaveChangesAsync();
        return claimId;
    }

    /// <summary>Attested, verified, approved (every line), paid and reconciled.</summary>
    public static async Task PayClaim(this IAlbaHost host, Guid claimId, int lines, LocalDate applicationDate, string reference, string account)
    {
        await host.Attest(claimId, applicationDate.PlusDays(2));
        await host.Verify(claimId, applicationDate.PlusDays(5));
        await host.Approve(claimId, applicationDate.PlusDays(10), Enumerable.Range(1, lines).ToArray());
        await host.Disburse(claimId, 1000m * lines, applicationDate.PlusDays(15), reference, account);
        await host.Reconcile(claimId, applicationDate.PlusDays(18));
    }

    /// <summary>
    /// A planted double payment (FR-01): one person certified twice for the same work type on the same day under two
    /// numbers, then paid on 2021-04-10's claim of one enterprise and 2021-05-12's claim of another (with a colleague).
    /// </summary>
    public static async Task<PlantedDoublePayment> PlantDoublePayment(this IAlbaHost host)
    {
        var (first, _) = await host.RegisterEnterprise("hlj");
        var (second, _) = await host.RegisterEnterprise("hlj");
        var training = await host.HljInstitutionWithClass();
        var person = await host.Trainee(training, first, "张三");
        var twinNumber = TestIds.NewCertificateNumber();
        var issued = training.Until.PlusDays(20);
        var twin = await host.IssueCertificate(person.PersonId, twinNumber, WorkType, issued.PlusDays(-2), issued);
        await host.Hire(person.PersonId, second, new LocalDate(2021, 3, 10), await host.Version(person.PersonId), WorkType);
        var colleague = await host.Trainee(training, second, "李四");
        var one = await host.PaidClaim(first, training, [person], new LocalDate(2021, 4, 10), "HLJ-PAY-0101", account: "6222000011112222");
        // Submission now stops the twin (FR-01's fuzzy key), so the second claim is planted as one judged before that check existed.
        var two = await host.LegacySubmittedClaim(second, training, [person with { CertificateId = twin, CertificateNumber = twinNumber }, colleague],
            new LocalDate(2021, 5, 12));
        await host.PayClaim(two, 2, new LocalDate(2021, 5, 12), "HLJ-PAY-0102", account: "6222000011112222");
        return new PlantedDoublePayment(first, second, person, twinNumber, one, two);
    }
}

public sealed record PlantedDoublePayment(Guid First, Guid Second, Trainee Person, string TwinNumber, Guid FirstClaim, Guid SecondClaim);
