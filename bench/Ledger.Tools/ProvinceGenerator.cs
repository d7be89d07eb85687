using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ledger.Api.Claims;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain;
using Ledger.Domain.Actors;
using Ledger.Domain.Assessments;
using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Employment;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Institutions;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using Marten;
using NodaTime;

namespace Ledger.Tools;

public sealed record ProvinceSpec(int Persons, int Seed, string OutputDirectory);

/// <summary>A fraud pattern planted on one roster line, so the ledger's findings can be scored against it.</summary>
public sealed record PlantedCase(string Pattern, Guid ClaimId, int LineNo, Guid PersonId, string CertificateNumber);

/// <summary>A trained, certified and employed HLJ person that no generated claim names: the benchmark submits claims for these.</summary>
public sealed record PoolLine(Guid EnterpriseId, Guid InstitutionId, string TrainingFrom, string TrainingUntil, string IdNumber, string Name, string WorkType,
    string CertificateNumber);

public sealed record ProvinceManifest(int Persons, int Seed, long Events, double Seconds, IReadOnlyList<Guid> PersonIds, IReadOnlyList<string[]> Certificates,
    IReadOnlyList<PoolLine> ClaimPool);

public sealed record DetectionScore(string Pattern, int Planted, int Caught, int FlaggedElsewhere);

/// <summary>
/// A deterministic synthetic province: every fact is decided by the same deciders as the API and appended through
/// normal sessions, many streams per transaction, so the inline snapshots are exactly what single writes would leave.
/// Claims go through the submission and workflow code of the endpoints, in the order the workflow allows.
/// BulkInsertEventsAsync is not used: it bypasses inline projections, and rebuilding six snapshot types afterwards
/// costs more than it saves at these sizes.
/// </summary>
public sealed class ProvinceGenerator(IDocumentStore store, StreamIdentity ids, PersonalDataCipher cipher, PolicyCatalog policies, CertificateCatalog catalog, TextWriter log)
{
    private const int CohortSize = 30;
    private const int EventsPerCommit = 4000;
    private const string Hlj = "hlj";

    private sealed record Area(string Code, string Division, string Hukou, string Authority, string City);

    /// <summary>The five source jurisdictions, with a GB/T 2260 division code used in ID numbers and credit codes.</summary>
    private static readonly Area[] Areas =
    [
        new(Hlj, "230103", "黑龙江省哈尔滨市南岗区", "黑龙江省应急管理厅", "哈尔滨"),
        new("tj-jizhou", "120225", "天津市蓟州区", "天津市应急管理局", "蓟州"),
        new("sd-jining-qufu", "370881", "山东省曲阜市", "济宁市应急管理局", "曲阜"),
        new("zj-taizhou", "331002", "浙江省台州市椒江区", "台州市应急管理局", "台州"),
        new("gx-nanning", "450102", "广西南宁市兴宁区", "南宁市应急管理局", "南宁"),
    ];

    private static readonly (string Industry, string WorkType, string Post)[] Industries =
    [
        ("hazardous-chemicals", "hazardous-chemical.chlorination", "氯化工艺操作工"),
        ("coal-mine", "coal-mine.underground-electrical", "井下电气作业"),
        ("metal-nonmetal-mine", "metal-nonmetal-mine.ventilation", "通风作业工"),
        ("metal-smelting", "metallurgy.gas", "煤气作业工"),
        ("fireworks", "fireworks.black-powder", "黑火药制造工"),
        ("oil-gas", "oil-gas.driller", "司钻"),
        ("hazardous-chemicals", "electrical.low-voltage", "电工"),
        ("metal-smelting", "welding.fusion", "焊工"),
    ];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "建国", "海燕", "志强", "桂兰"];

    private static readonly Actor Registrar = new("gen-registrar", "province-generator", ActorRole.Regulator);
    private static readonly Actor Handler = new("gen-handler", "province-enterprise", ActorRole.Enterprise);
    private static readonly Actor School = new("gen-registrar-school", "province-school", ActorRole.TrainingInstitution);
    private static readonly Actor Verifier = new("gen-inspector", "hlj-emergency", ActorRole.Regulator);
    private static readonly Actor HrOfficer = new("gen-hr-officer", "hlj-hr", ActorRole.HrBureau, Hlj);
    // HR of the claim's level pays in Heilongjiang (HLJ-SUB-03); the finance bureau audits and reconciles.
    private static readonly Actor Cashier = new("gen-cashier", "hlj-hr", ActorRole.HrBureau, Hlj);
    private static readonly Actor Accountant = new("gen-accountant", "hlj-finance", ActorRole.FinanceBureau);

    private sealed record Firm(Guid Id, Enterprise State, Area Area, string WorkType, string Post);

    private sealed record TrainingSchool(Guid Id, Institution State, Area Area, string ExamPoint);

    /// <summary>What later phases need of a certified person; the rest of the person lives only in the database.</summary>
    private sealed record Holder(int Index, Guid PersonId, string IdNumber, string Name, Certificate Certificate, string Pattern);

    private sealed record Cohort(int Index, Firm Firm, TrainingSchool School, Guid ClassId, LocalDate From, LocalDate Until, List<Holder> Holders, bool NoVideo);

    private readonly List<(Action<IDocumentSession> Write, int Events)> _pending = [];
    private int _pendingEvents;
    private long _events;

    public async Task<(ProvinceManifest Manifest, IReadOnlyList<PlantedCase> Planted)> GenerateAsync(ProvinceSpec spec, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var seed = spec.Seed;
        var firms = await EnterprisesAsync(spec, ct);
        var schools = await InstitutionsAsync(spec, ct);
        Phase("enterprises and institutions", watch);

        var cohorts = await PersonsAsync(spec, firms, schools, ct);
        Phase($"{spec.Persons} persons with classes, attendance, assessments, certificates and employment", watch);

        // FR-04: revoked before the claim is made, so the claim's own checks must catch it.
        foreach (var h in cohorts.SelectMany(c => c.Holders).Where(h => h.Pattern == FraudPatterns.CertificateByDeception))
        {
            var revoked = CertificateDecider.Decide(new RevokeCertificate(h.Certificate.IssuedOn.PlusDays(20), RevocationGround.Deception, "考试作弊", "安监总局令第30号第40条"), h.Certificate);
            Append(s => s.Events.Append(h.Certificate.Id, revoked));
        }
        await FlushAsync(Registrar, ct);

        var hljCohorts = cohorts.Where(c => c.Firm.Area.Code == Hlj).ToList();
        // Two HLJ cohorts in five stay unclaimed, so the benchmark has certified lines to submit.
        var claimed = hljCohorts.Where(c => Hash(seed, "pool", c.Index) % 5 >= 2).ToList();
        var pool = hljCohorts.Except(claimed).SelectMany(c => c.Holders.Where(h => h.Pattern == "").Select(h => new PoolLine(c.Firm.Id, c.School.Id, Date(c.From),
            Date(c.Until), h.IdNumber, h.Name, c.Firm.WorkType, h.Certificate.Number))).ToList();
        var planted = await ClaimsAsync(seed, claimed, ct);
        Phase($"{claimed.Count} claims and their duplicates through the workflow", watch);

        await LifecycleAsync(seed, cohorts, ct);
        Phase("certificate reviews, suspensions, revocations and replacements", watch);

        var all = cohorts.SelectMany(c => c.Holders).ToList();
        var sample = all.Where(h => h.Pattern == "").Take(50_000).ToList();
        var manifest = new ProvinceManifest(spec.Persons, seed, _events, watch.Elapsed.TotalSeconds, sample.Select(h => h.PersonId).ToList(),
            sample.Select(h => new[] { h.Certificate.Number, h.Name, h.IdNumber, h.Certificate.Id.ToString() }).ToList(), pool);
        return (manifest, planted);
    }

    private void Phase(string what, Stopwatch watch) =>
        log.WriteLine($"  {watch.Elapsed.TotalSeconds,7:0.0} s  {what}: {_events:N0} events so far, {_events / watch.Elapsed.TotalSeconds:N0} events/s");

    private async Task<List<Firm>> EnterprisesAsync(ProvinceSpec spec, CancellationToken ct)
    {
        var count = Math.Max(Areas.Length * 2, spec.Persons / 100);
        var firms = new List<Firm>(count);
        for (var i = 0; i < count; i++)
        {
            var area = Areas[i % Areas.Length];
            var (industry, workType, post) = Industries[i / Areas.Length % Industries.Length];
            var code = CreditCodeFor(area, spec.Seed, 'E', i);
            CreditCode.TryParse(code, out var creditCode, out _);
            var id = ids.ForEnterprise(creditCode!);
            var registered = new EnterpriseRegistered(id, code, $"{area.City}{Surnames[i % Surnames.Length]}氏{IndustryName(industry)}有限公司第{i}分公司",
                Surnames[(i + 3) % Surnames.Length] + GivenNames[i % GivenNames.Length], industry, area.Code, i % 3 != 0, 80 + i % 900,
                i % 4 == 0 ? TrainingCapability.SelfTraining : TrainingCapability.Entrusting, new LocalDate(2020, 6, 1),
                i % 4 == 0 ? null : $"{area.City}安全技能培训学校");
            firms.Add(new Firm(id, Enterprise.Create(registered), area, workType, post));
            Append(s => s.Events.StartStream<Enterprise>(id, registered));
        }
        await FlushAsync(Registrar, ct);
        return firms;
    }

    private static string IndustryName(string industry) => industry switch
    {
        "hazardous-chemicals" => "化工", "coal-mine" => "煤业", "metal-nonmetal-mine" => "矿业", "metal-smelting" => "冶炼", "fireworks" => "烟花", _ => "油气",
    };

    private async Task<List<TrainingSchool>> InstitutionsAsync(ProvinceSpec spec, CancellationToken ct)
    {
        var perArea = Math.Max(2, spec.Persons / 5_000);
        var scope = Industries.Select(x => x.WorkType).Distinct().ToList();
        var schools = new List<TrainingSchool>();
        var filedOn = new LocalDate(2020, 7, 1);
        foreach (var area in Areas)
        {
            // One exam point per area, a vocational college designated by the emergency bureau; it does not train.
            var examPoint = $"{area.City}职业技术学院考点";
            var epCode = CreditCodeFor(area, spec.Seed, 'X', 0);
            var epId = ids.ForInstitution(epCode);
            var ep = InstitutionDecider.Decide(new RegisterInstitution(epId, epCode, examPoint, InstitutionKind.VocationalCollege, area.Code, filedOn));
            var epState = Institution.Create(ep);
            var designated = InstitutionDecider.Decide(new DesignateExamPoint(scope, area.City, area.Authority, filedOn.PlusDays(10)), epState, catalog);
            Append(s => s.Events.StartStream<Institution>(epId, ep, designated));

            for (var i = 0; i < perArea; i++)
            {
                var code = CreditCodeFor(area, spec.Seed, 'S', i);
                var id = ids.ForInstitution(code);
                var events = new List<object>();
                var registered = InstitutionDecider.Decide(new RegisterInstitution(id, code, $"{area.City}第{i + 1}安全技能培训学校", InstitutionKind.TrainingInstitution,
                    area.Code, filedOn));
                var state = Institution.Create(registered);
                events.Add(registered);
                var filed = InstitutionDecider.Decide(new FileInstitution(area.Authority, scope, filedOn.PlusDays(5), "备案登记", 400), state, catalog);
                state = state.Apply(filed);
                events.Add(filed);
                foreach (var workType in scope)
                {
                    var practical = InstitutionDecider.Decide(new RecordPracticalCapability(workType, "实训场地与设备", filedOn.PlusDays(6)), state, catalog);
                    state = state.Apply(practical);
                    events.Add(practical);
                }
                var listed = InstitutionDecider.Decide(new ListInHrCatalogue("人社厅职业技能培训机构目录", filedOn.PlusDays(7)), state);
                state = state.Apply(listed);
                events.Add(listed);
                Append(s => s.Events.StartStream<Institution>(id, [.. events]), events.Count);
                schools.Add(new TrainingSchool(id, state, area, examPoint));
            }
        }
        await FlushAsync(Registrar, ct);
        return schools;
    }

    private async Task<List<Cohort>> PersonsAsync(ProvinceSpec spec, List<Firm> firms, List<TrainingSchool> schools, CancellationToken ct)
    {
        var seed = spec.Seed;
        var cohorts = new List<Cohort>();
        var cohortCount = (spec.Persons + CohortSize - 1) / CohortSize;
        for (var c = 0; c < cohortCount; c++)
        {
            var firm = firms[c % firms.Count];
            var areaSchools = schools.Where(s => s.Area == firm.Area).ToList();
            var school = areaSchools[c / firms.Count % areaSchools.Count];
            var from = new LocalDate(2021, 3, 1).PlusDays(c % 60);
            var until = from.PlusDays(1);
            var hlj = firm.Area.Code == Hlj;
            var noVideo = hlj && Hash(seed, "fr09", c) % 100 < 3;
            var (classId, trainingClass, classEvents) = OpenClass(seed, c, firm, school, from, noVideo);
            Append(s => s.Events.StartStream<TrainingClass>(classId, [.. classEvents]), classEvents.Count);

            var rules = Ledger.Domain.Training.TrainingRulesInForce.For(policies, firm.Area.Code, from);
            var p = policies.For(firm.Area.Code, from.PlusDays(2)).Parameters;
            var assessmentRules = new AssessmentRulesInForce(p.QaReplacingPracticalForbidden is { Value: true } qa ? qa.RuleId : null,
                p.KeySkillFailFailsAssessment is { Value: true } key ? key.RuleId : null);
            var holders = new List<Holder>();
            for (var i = c * CohortSize; i < Math.Min(spec.Persons, (c + 1) * CohortSize); i++)
            {
                // Planted patterns are exclusive per person; the class-wide missing video (FR-09) is planted per cohort.
                var roll = Hash(seed, "pattern", i) % 1000;
                var pattern = !hlj || noVideo ? "" : roll switch { < 20 => FraudPatterns.TrainingShorterThanRequired, < 40 => FraudPatterns.NoLabourRelation, < 50 => FraudPatterns.CertificateByDeception, _ => "" };
                var holder = RegisterPerson(seed, i, firm, school, trainingClass, rules, assessmentRules, from, pattern);
                if (holder is not null) holders.Add(holder with { Pattern = noVideo ? FraudPatterns.MissingTrainingVideo : pattern });
            }
            cohorts.Add(new Cohort(c, firm, school, classId, from, until, holders, noVideo));
            if (_pendingEvents >= EventsPerCommit) await FlushAsync(Registrar, ct);
        }
        await FlushAsync(Registrar, ct);
        return cohorts;
    }

    private (Guid, TrainingClass, List<object>) OpenClass(int seed, int c, Firm firm, TrainingSchool school, LocalDate from, bool noVideo)
    {
        var classId = DeterministicGuid($"class:{seed}:{c}");
        var rules = Ledger.Domain.Training.TrainingRulesInForce.For(policies, school.Area.Code, from);
        school.State.MayTrainOn(firm.WorkType, from, policies, out var ruleId, out var reason);
        var opened = TrainingDecider.Decide(new OpenTrainingClass(classId, TrainingProviderKind.Institution, school.Id, school.State.Name, school.Area.Code,
            $"{firm.Post}初训", "2019", 16m, firm.WorkType, TrainingKind.SpecialOperationInitial, from),
            new ProviderStanding(ruleId is null, ruleId, reason, school.State.IsExamPointOn(from)), rules);
        var state = TrainingClass.Create(opened);
        var events = new List<object> { opened };
        foreach (var (mode, offset) in new[] { (SessionMode.Classroom, 0), (SessionMode.Practical, 1) })
        {
            var day = from.PlusDays(offset);
            var held = TrainingDecider.Decide(new HoldSession(DeterministicGuid($"session:{seed}:{c}:{offset}"), day, new LocalTime(8, 0), new LocalTime(16, 0), mode,
                "王老师", "实训楼", mode == SessionMode.Classroom ? "安全生产法规与理论" : "实际操作", null), state,
                Ledger.Domain.Training.ProviderStanding.Of(school.State, state.WorkType, day, policies), rules, day);
            state = state.Apply(held);
            events.Add(held);
            // FR-09: the practical day of a planted class was never filmed.
            if (noVideo && mode == SessionMode.Practical) continue;
            var video = TrainingDecider.Decide(new ArchiveSessionVideo(held.SessionId, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(held.SessionId.ToByteArray())),
                $"nas://{school.Area.Code}/{classId:N}/{offset}.mp4", day.PlusYears(7)), state, (6, "HLJ-ARC-02"));
            state = state.Apply(video);
            events.Add(video);
        }
        return (classId, state, events);
    }

    private Holder? RegisterPerson(int seed, int i, Firm firm, TrainingSchool school, TrainingClass trainingClass, TrainingRulesInForce rules, AssessmentRulesInForce assessmentRules,
        LocalDate from, string pattern)
    {
        var idNumber = IdNumber(firm.Area, seed, i);
        var personId = ids.ForPerson(idNumber);
        var name = Name(seed, i);
        var registered = PersonRegistered.Of(cipher, personId, idNumber, name, EducationLevel.SeniorSecondary, firm.Area.Hukou,
            $"139{i % 100_000_000:00000000}", from.PlusDays(-30));
        var person = Person.Create(registered);
        var events = new List<object> { registered };
        var employmentId = DeterministicGuid($"employment:{seed}:{i}");
        // FR-08: a ghost trainee on the roster was never employed by the claiming enterprise.
        if (pattern != FraudPatterns.NoLabourRelation)
        {
            var hired = EmploymentDecider.Decide(new Hire(employmentId, firm.Id, firm.State.Name, firm.Area.Code,
                new PostAssignment(firm.Post, true, i % 25 == 0, firm.WorkType), EmploymentRelation.LabourContract, from.PlusDays(-20)), person);
            person = person.Apply(hired);
            events.Add(hired);
        }
        foreach (var session in trainingClass.Sessions)
        {
            // FR-06: the practical day is missing, 8 of the 16 syllabus hours.
            if (pattern == FraudPatterns.TrainingShorterThanRequired && session.Mode == SessionMode.Practical) continue;
            foreach (var attended in TrainingDecider.Decide(new CreditAttendance(session.SessionId, 8m, null, null), trainingClass, person, rules, session.Date))
            {
                person = person.Apply(attended);
                events.Add(attended);
            }
        }
        var failed = Hash(seed, "fail", i) % 100 < 4 && pattern == "";
        var assessed = AssessmentDecider.Decide(new RecordAssessment(DeterministicGuid($"assessment:{seed}:{i}"), AssessmentKind.TrainingAssessment, null,
            trainingClass.Id, firm.Area.Code, firm.Post, firm.WorkType, failed ? 55m : 70m + i % 30, 60m, failed ? 50m : 75m + i % 25, 60m, PracticalMode.RealEquipment,
            [], from.PlusDays(2), "考评员"), person, assessmentRules);
        person = person.Apply(assessed);
        events.Add(assessed);

        Certificate? certificate = null;
        if (assessed.Passed)
        {
            var number = CertificateNumber(firm.Area, seed, i);
            var certificateId = ids.ForCertificate(number);
            var issued = CertificateDecider.Decide(new IssueCertificate(certificateId, number, CertificateKindCodes.SpecialOperation, firm.WorkType, null, school.ExamPoint,
                from.PlusDays(5), from.PlusDays(5), from.PlusDays(8), firm.Area.Authority, from.PlusDays(8), null, null), person, catalog);
            certificate = Certificate.Create(issued);
            Append(s => s.Events.StartStream<Certificate>(certificateId, issued));
        }

        // Employment changes dated after the claims window: a post change, a spell off post, a departure.
        if (pattern != FraudPatterns.NoLabourRelation)
        {
            var roll = Hash(seed, "employment", i) % 100;
            if (roll < 5) AddTo(EmploymentDecider.Decide(new ChangePost(employmentId, new PostAssignment("班组长", true, true, firm.WorkType), new LocalDate(2022, 3, 1),
                "岗位调整"), person));
            else if (roll < 8)
            {
                AddTo(EmploymentDecider.Decide(new LeavePost(employmentId, new LocalDate(2022, 6, 1), "病假"), person));
                AddTo(EmploymentDecider.Decide(new ReturnToPost(employmentId, new LocalDate(2022, 10, 1)), person));
            }
            else if (roll < 11) AddTo(EmploymentDecider.Decide(new EndEmployment(employmentId, new LocalDate(2023, 1, 31), "合同到期"), person));
        }
        Append(s => s.Events.StartStream<Person>(personId, [.. events]), events.Count);
        return certificate is null ? null : new Holder(i, personId, idNumber.Value, name, certificate, pattern);

        void AddTo(object e)
        {
            person = e switch
            {
                PostChanged x => person.Apply(x), LeftPost x => person.Apply(x), ReturnedToPost x => person.Apply(x), EmploymentEnded x => person.Apply(x),
                _ => throw new InvalidOperationException(e.GetType().Name),
            };
            events.Add(e);
        }
    }

    private async Task<List<PlantedCase>> ClaimsAsync(int seed, List<Cohort> cohorts, CancellationToken ct)
    {
        var planted = new List<PlantedCase>();
        var claims = new List<(Guid ClaimId, Cohort Cohort)>();
        var today = new LocalDate(2026, 1, 1);
        foreach (var chunk in cohorts.Chunk(50))
        {
            await using var session = Session(Handler);
            foreach (var cohort in chunk)
            {
                var claimId = DeterministicGuid($"claim:{seed}:{cohort.Index}");
                var applied = cohort.Until.PlusDays(40);
                await ClaimSubmissions.AppendAsync(session, Form(claimId, cohort, cohort.Holders, applied), Handler, ids, policies, catalog, ct);
                claims.Add((claimId, cohort));
                for (var n = 0; n < cohort.Holders.Count; n++)
                {
                    var h = cohort.Holders[n];
                    if (h.Pattern != "") planted.Add(new PlantedCase(h.Pattern, claimId, n + 1, h.PersonId, h.Certificate.Number));
                }
            }
            await SaveAsync(session, ct);
        }

        // FR-01: the same enterprise claims again for lines it already claimed, ten days later.
        var duplicates = claims.Where((c, n) => n == 0 || Hash(seed, "fr01", c.Cohort.Index) % 100 < 6).ToList();
        foreach (var chunk in duplicates.Chunk(50))
        {
            await using var session = Session(Handler);
            foreach (var (original, cohort) in chunk)
            {
                var lines = cohort.Holders.Where(h => h.Pattern == "").Take(2).ToList();
                if (lines.Count == 0) continue;
                var claimId = DeterministicGuid($"claim-again:{seed}:{cohort.Index}");
                await ClaimSubmissions.AppendAsync(session, Form(claimId, cohort, lines, cohort.Until.PlusDays(50)), Handler, ids, policies, catalog, ct);
                planted.AddRange(lines.Select((h, n) => new PlantedCase(FraudPatterns.DuplicateClaim, claimId, n + 1, h.PersonId, h.Certificate.Number)));
                claims.Add((claimId, cohort));
            }
            await SaveAsync(session, ct);
        }
        log.WriteLine($"  submitted {claims.Count} claims ({duplicates.Count} repeated)");
        await WorkflowAsync(seed, claims, ct);
        return planted;
    }

    /// <summary>The audit form as an enterprise would fill it for a cohort, its roster lines keyed as the endpoint keys them.</summary>
    private SubmitClaim Form(Guid claimId, Cohort cohort, IReadOnlyList<Holder> lines, LocalDate applied) => new(
        claimId, cohort.Firm.Id, cohort.School.Id, "张经办", Ledger.Domain.Masking.Mobile("13912345678"),
        cipher.Seal("13912345678", PersonalDataCipher.HandlerMobilePurpose, claimId), [new WorkTypeCount(cohort.Firm.WorkType, lines.Count)],
        cohort.From, cohort.Until, lines.Count, 1000m * lines.Count,
        new Commitment("本企业申报安全技能提升补贴的特种作业人员已依法建立了劳动(用工)关系,补贴资金申请信息真实全面、准确无误,愿意承担虚假培训及申报产生的全部法律责任。", "刘经理", applied), applied,
        lines.Select((h, n) => new RosterLine(n + 1, h.Name, Ledger.Domain.Masking.IdNumber(h.IdNumber), h.PersonId, cohort.Firm.WorkType,
            ids.ForCertificate(h.Certificate.Number), Ledger.Domain.Certificates.CertificateNumber.Display(h.Certificate.Number), SubsidyKind.SpecialOperationInitial, 1000m)).ToList());

    /// <summary>Each claim goes as far as its roll says: most are paid and reconciled, some stop at each earlier step or are rejected.</summary>
    private async Task WorkflowAsync(int seed, List<(Guid ClaimId, Cohort Cohort)> claims, CancellationToken ct)
    {
        var goal = claims.ToDictionary(c => c.ClaimId, c => Hash(seed, $"stage:{c.ClaimId}", 0) % 100);
        // 0-4 submitted, 5-9 attested, 10-14 verified, 15-19 rejected, 20-29 disbursed, 30+ reconciled.
        await StepAsync(claims, School, c => goal[c.Id] >= 5, async (session, claim) =>
        {
            var (persons, classes) = await ClaimFacts.TrainingAsync(session, claim, ct);
            session.Events.Append(claim.Id, ClaimDecider.Attest(claim, School, AttestRequest.FormText, claim.Form.ApplicationDate.PlusDays(2), persons, classes, policies));
        }, ct);
        await StepAsync(claims, Verifier, c => goal[c.Id] >= 10, async (session, claim) =>
        {
            var on = claim.Form.ApplicationDate.PlusDays(5);
            session.Events.Append(claim.Id, ClaimDecider.Verify(claim, Verifier, "黑龙江省安全生产培训考核系统", on, await ClaimFacts.CertificatesAsync(session, claim, ct), policies));
        }, ct);
        await StepAsync(claims, HrOfficer, c => goal[c.Id] >= 15, async (session, claim) =>
        {
            var on = claim.Form.ApplicationDate.PlusDays(10);
            var approvable = claim.Lines.Where(l => l.Line.Status == LineStatus.Eligible && l.VerifiedOrOverridden && l.Line.EntitledAmount > 0m).ToList();
            var entitlements = await session.ReadForWritingAsync<Entitlement>(ClaimDecider.EntitlementsOf(claim), ct);
            if (goal[claim.Id] < 20 || approvable.Count == 0)
            {
                var rejected = ClaimDecider.Reject(claim, HrOfficer, "材料不全", on, policies, entitlements.States);
                session.Events.Append(claim.Id, rejected.Claim);
                entitlements.Append(rejected.Entitlements.Select(e => (e.EntitlementId, (object)e)));
                return;
            }
            var approved = ClaimDecider.Approve(claim, HrOfficer, new Approve(approvable.Select(l => new LineDecision(l.Line.LineNo, true, 0m, null)).ToList(), on), policies,
                entitlements.States);
            session.Events.Append(claim.Id, approved.Claim);
            entitlements.Append(approved.Entitlements.Select(e => (e.EntitlementId, (object)e)));
        }, ct);
        await StepAsync(claims, Cashier, c => goal[c.Id] >= 20 && c.Stage == ClaimStage.Approved, async (session, claim) =>
        {
            var entitlements = await session.ReadForWritingAsync<Entitlement>(ClaimDecider.EntitlementsOf(claim), ct);
            var paid = ClaimDecider.Disburse(claim, Cashier, new Disburse($"PAY-{claim.Id:N}"[..20], claim.Form.EnterpriseName, "6222020200001234567",
                claim.ApprovedAmount, claim.Form.ApplicationDate.PlusDays(15)), policies, entitlements.States);
            session.Events.Append(claim.Id, paid.Claim);
            entitlements.Append(paid.Entitlements.Select(e => (e.EntitlementId, (object)e)));
        }, ct);
        await StepAsync(claims, Accountant, c => goal[c.Id] >= 30 && c.Stage == ClaimStage.Disbursed, (session, claim) =>
        {
            session.Events.Append(claim.Id, ClaimDecider.Reconcile(claim, Accountant, "BOC-" + claim.Id.ToString("N")[..12], claim.Form.ApplicationDate.PlusDays(18), policies));
            return Task.CompletedTask;
        }, ct);
    }

    private async Task StepAsync(List<(Guid ClaimId, Cohort Cohort)> claims, Actor actor, Func<Claim, bool> takes, Func<IDocumentSession, Claim, Task> step,
        CancellationToken ct)
    {
        foreach (var chunk in claims.Chunk(100))
        {
            await using var session = Session(actor);
            var loaded = await session.LoadManyAsync<Claim>(ct, chunk.Select(c => c.ClaimId));
            var any = false;
            foreach (var claim in loaded.Where(takes))
            {
                await step(session, claim);
                any = true;
            }
            if (any) await SaveAsync(session, ct);
        }
    }

    /// <summary>Recorded after the claims, so the daemon's claim re-check sees revocations and suspensions of paid certificates.</summary>
    private async Task LifecycleAsync(int seed, List<Cohort> cohorts, CancellationToken ct)
    {
        var refused = 0;
        foreach (var cohort in cohorts)
        {
            foreach (var h in cohort.Holders.Where(h => h.Pattern != FraudPatterns.CertificateByDeception))
            {
                try
                {
                    await LifecycleStepAsync(seed, cohort, h, ct);
                }
                catch (DomainRuleViolation e)
                {
                    refused++;
                    if (refused <= 3) log.WriteLine($"  lifecycle step refused: {e.RuleId} {e.Message}");
                }
            }
            if (_pendingEvents >= EventsPerCommit) await FlushAsync(Registrar, ct);
        }
        await FlushAsync(Registrar, ct);
        if (refused > 0) log.WriteLine($"  {refused} lifecycle steps refused by the deciders");
    }

    private async Task LifecycleStepAsync(int seed, Cohort cohort, Holder h, CancellationToken ct)
    {
        var c = h.Certificate;
        var roll = Hash(seed, "lifecycle", h.Index) % 100;
        if (roll < 8)
        {
            var reviewed = CertificateDecider.Decide(new ReviewCertificate(c.IssuedOn.PlusYears(3), true, c.IssuedOn.PlusYears(3).PlusDays(-5), null, null), c, catalog);
            Append(s => s.Events.Append(c.Id, reviewed));
        }
        else if (roll < 10)
        {
            var suspended = CertificateDecider.Decide(new SuspendCertificate(new LocalDate(2022, 5, 10), "违章作业", "安监总局令第30号第39条"), c);
            var back = c.Apply(suspended);
            if (roll == 8)
            {
                var reinstated = CertificateDecider.Decide(new ReinstateCertificate(new LocalDate(2022, 8, 10), "整改完成"), back);
                Append(s => s.Events.Append(c.Id, suspended, reinstated), 2);
            }
            else Append(s => s.Events.Append(c.Id, suspended));
        }
        else if (roll < 11)
        {
            var revoked = CertificateDecider.Decide(new RevokeCertificate(new LocalDate(2023, 4, 3), RevocationGround.FalseInformation, "伪造培训记录", "安监总局令第30号第40条"), c);
            Append(s => s.Events.Append(c.Id, revoked));
        }
        else if (roll < 13)
        {
            var number = c.Number + "R";
            var newId = ids.ForCertificate(number);
            var person = await PersonFor(h, ct);
            var (old, replacement) = CertificateDecider.Decide(new SupersedeCertificate(SupersessionKind.Replacement,
                new IssueCertificate(newId, number, c.Kind, c.WorkType, null, cohort.School.ExamPoint, c.PassDate, c.PassDate, new LocalDate(2023, 9, 1),
                    cohort.Firm.Area.Authority, new LocalDate(2023, 9, 1), c.ValidUntil, null), "证书遗失补办"), c, person, catalog);
            Append(s =>
            {
                s.Events.Append(c.Id, old);
                s.Events.StartStream<Certificate>(newId, replacement);
            }, 2);
        }
    }

    private async Task<Person> PersonFor(Holder h, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        return await query.LoadAsync<Person>(h.PersonId, ct) ?? throw new InvalidOperationException("the holder was not stored");
    }

    /// <summary>Reads back every planted line's findings: the ledger caught a case when the line carries the pattern's rule id.</summary>
    public async Task<IReadOnlyList<DetectionScore>> ScoreAsync(IReadOnlyList<PlantedCase> planted, CancellationToken ct)
    {
        var caught = new Dictionary<string, int>();
        var plantedKeys = planted.Select(p => (p.ClaimId, p.LineNo, p.Pattern)).ToHashSet();
        var flaggedElsewhere = new Dictionary<string, int>();
        var patterns = new[] { FraudPatterns.DuplicateClaim, FraudPatterns.CertificateByDeception, FraudPatterns.TrainingShorterThanRequired, FraudPatterns.NoLabourRelation, FraudPatterns.MissingTrainingVideo };
        await using var query = store.QuerySession();
        foreach (var chunk in planted.Select(p => p.ClaimId).Distinct().Chunk(500))
        {
            var claims = (await query.LoadManyAsync<Claim>(ct, chunk)).ToDictionary(c => c.Id);
            foreach (var p in planted.Where(p => chunk.Contains(p.ClaimId)))
            {
                var line = claims.GetValueOrDefault(p.ClaimId)?.LineNo(p.LineNo);
                if (line is not null && line.Line.Findings.Any(f => f.RuleId == p.Pattern)) caught[p.Pattern] = caught.GetValueOrDefault(p.Pattern) + 1;
            }
        }
        // Lines nobody planted a case on that still carry one of the patterns: the other side of the score.
        var page = 0;
        while (true)
        {
            var claims = await query.Query<Claim>().OrderBy(c => c.Id).Skip(page++ * 1000).Take(1000).ToListAsync(ct);
            if (claims.Count == 0) break;
            foreach (var claim in claims)
            foreach (var line in claim.Lines)
            foreach (var rule in line.Line.Findings.Select(f => f.RuleId).Where(patterns.Contains).Distinct())
                if (!plantedKeys.Contains((claim.Id, line.Line.LineNo, rule))) flaggedElsewhere[rule] = flaggedElsewhere.GetValueOrDefault(rule) + 1;
        }
        return patterns.Select(p => new DetectionScore(p, planted.Count(x => x.Pattern == p), caught.GetValueOrDefault(p), flaggedElsewhere.GetValueOrDefault(p))).ToList();
    }

    private IDocumentSession Session(Actor actor)
    {
        var session = store.LightweightSession();
        ActorStamp.Stamp(session, actor);
        session.CorrelationId = "generate-province";
        return session;
    }

    private async Task SaveAsync(IDocumentSession session, CancellationToken ct)
    {
        _events += session.PendingChanges.Streams().Sum(s => s.Events.Count);
        await session.SaveChangesAsync(ct);
    }

    private void Append(Action<IDocumentSession> write, int events = 1)
    {
        _pending.Add((write, events));
        _pendingEvents += events;
    }

    private async Task FlushAsync(Actor actor, CancellationToken ct)
    {
        if (_pending.Count == 0) return;
        await using var session = Session(actor);
        foreach (var (write, _) in _pending) write(session);
        _pending.Clear();
        _pendingEvents = 0;
        await SaveAsync(session, ct);
    }

    public static ResidentIdNumber IdNumber(string jurisdiction, int seed, int index) => IdNumber(Areas.First(a => a.Code == jurisdiction), seed, index);

    /// <summary>A valid GB 11643 number per (area, seed, index): 1000 sequence numbers per birth day, a different birth range per seed.</summary>
    private static ResidentIdNumber IdNumber(Area area, int seed, int index)
    {
        var birth = new LocalDate(1968, 1, 1).PlusDays(Math.Abs(seed) % 4 * 2000 + index / 1000);
        var first17 = $"{area.Division}{birth.Year:0000}{birth.Month:00}{birth.Day:00}{index % 1000:000}";
        ResidentIdNumber.TryParse(first17 + ResidentIdNumber.ComputeCheckCharacter(first17), new LocalDate(2100, 1, 1), out var id, out _);
        return id ?? throw new InvalidOperationException("generated an invalid ID number");
    }

    private static string Name(int seed, int index) =>
        Surnames[(index + seed) % Surnames.Length] + GivenNames[(index / Surnames.Length + seed) % GivenNames.Length] + (index % 3 == 0 ? "" : GivenNames[index % GivenNames.Length]);

    private static string CertificateNumber(Area area, int seed, int index) => $"T{area.Division}{seed % 100:00}{index:D8}";

    /// <summary>A valid GB 32100 code: 9 (market regulator), 1 (company), the area's division, a nine-character body and the check character.</summary>
    private static string CreditCodeFor(Area area, int seed, char kind, int index)
    {
        const string symbols = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var body = new StringBuilder();
        var n = (long)index * 97 + seed % 1000 * 1_000_003L;
        for (var i = 0; i < 7; i++, n /= symbols.Length) body.Append(symbols[(int)(n % symbols.Length)]);
        var first17 = $"91{area.Division}{kind switch { 'E' => 'M', 'S' => 'P', _ => 'Q' }}{seed % 10}{body}";
        return first17 + CreditCode.ComputeCheckCharacter(first17);
    }

    private static string Date(LocalDate d) => d.ToString("uuuu-MM-dd", null);

    private static uint Hash(int seed, string what, int index)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}:{what}:{index}"), digest);
        return BitConverter.ToUInt32(digest);
    }

    private static Guid DeterministicGuid(string name)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes("ledger-province:" + name)).AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    public static async Task WriteAsync<T>(string path, T value, CancellationToken ct)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, value, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = false }, ct);
    }
}
