using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Training;
using Ledger.Domain.Actors;
using Ledger.Domain.Catalogue;
using Ledger.Domain.Persons;
using Ledger.Domain.Training;
using Marten;
using NodaTime;
using static Ledger.Api.WebConsole.Components;
using static Ledger.Api.WebConsole.Forms;
using static Ledger.Api.WebConsole.Html;

namespace Ledger.Api.WebConsole;

/// <summary>
/// 培训班: a provider's (institution's, exam point's or self-training enterprise's) classes, and on a class's page its
/// sessions, trainees and the day's writes: open a class (POST /api/training-classes), hold a session (…/sessions), enrol a
/// trainee from the ID card (…/enrollments), credit attendance (…/attendance) and archive a session's video (…/video).
/// </summary>
public static class ClassPages
{
    private static readonly ActorRole[] Providers = [ActorRole.TrainingInstitution, ActorRole.ExamPoint, ActorRole.Enterprise];

    /// <summary>What the provider wrote (a lesson's content, its teacher and room): shown as recorded, in whatever language it was written, never translated.</summary>
    private static Html Recorded(string text) => H($"<span class=\"recorded\" translate=\"no\">{text}</span>");

    private static Guid? Provider(ConsolePage page) => page.Actor?.InstitutionId ?? page.Actor?.EnterpriseId;

    [ActorRoles(ActorRole.TrainingInstitution, ActorRole.ExamPoint, ActorRole.Enterprise)]
    public static Task<IResult> List(HttpContext http, IQuerySession session, IClock clock, CancellationToken ct) => ConsoleErrors.PageAsync(http, async page =>
    {
        // The provider's own classes, as GET /api/training-classes/{id} would answer each of them to it.
        var provider = Provider(page) ?? throw new ForbiddenException("no provider organisation");
        var classes = await session.Query<TrainingClass>().Where(c => c.ProviderId == provider).ToListAsync(ct);
        var rows = classes.OrderByDescending(c => c.OpenedOn).Select(c => new[]
        {
            H($"<a href=\"/console/classes/{c.Id}\">{c.Course}</a>"), H($"{page.N(DisplayNames.Training(c.Kind))}"),
            c.WorkType is null ? H($"—") : page.Named(DisplayNames.WorkType(c.WorkType), c.WorkType), H($"{c.OpenedOn}"), H($"{c.Sessions.Count}"),
            H($"{c.Sessions.Sum(s => s.Hours)} / {c.RequiredHours}"),
        });
        var kind = page.Is(ActorRole.Enterprise) ? "enterprise" : "institution";
        var open = ApiForm("POST /api/training-classes", page.L("开班", "Open a class"), H($"""
            {Hidden("providerKind", kind)}{Hidden("providerId", provider.ToString())}
            {Text("course", page.L("课程名称", "Course"))}
            {Select("kind", page.L("培训类别", "Kind"), Choices<TrainingKind>(page, DisplayNames.Training), "special-operation-initial")}
            {WorkTypes(page, "workType", page.L("工种（特种作业培训必填）", "Work type (required for special operations)"), "electrical.low-voltage", required: false)}
            {Text("syllabusVersion", page.L("大纲版本", "Syllabus version"), max: 50)}
            {Number("requiredHours", page.L("规定学时", "Required hours"), integer: false)}
            {Date(page, "openedOn", page.L("开班日期", "Opened on"), Date(clock.Today()))}
            """), page.L("开班", "Open"), id: "open-class-form", then: "/console/classes/:classId");
        return page.Render(page.L("培训班", "Training classes"), H($"""
            <section class="card">
              <h2>{page.L("本单位的培训班", "Our classes")} <span class="muted">({classes.Count})</span></h2>
              {PersonPages.Table([page.L("课程", "Course"), page.L("类别", "Kind"), page.L("工种", "Work type"), page.L("开班日期", "Opened"), page.L("课次", "Sessions"),
                  page.L("已授学时/规定学时", "Hours held / required")], rows, "classes")}
            </section>
            <section class="card">{Folded(page.L("开新班", "Open a new class"), open, classes.Count == 0)}</section>
            """));
    });

    [ActorRoles(ActorRole.TrainingInstitution, ActorRole.ExamPoint, ActorRole.Enterprise)]
    public static Task<IResult> Class(Guid classId, HttpContext http, IQuerySession session, IClock clock, CancellationToken ct) => ConsoleErrors.PageAsync(http, async page =>
    {
        var c = await TrainingEndpoints.Get(classId, session, ct);
        // Another provider's class is not found, as the API's scope answers it.
        if (c.ProviderId != Provider(page)) throw new ResourceNotFoundException("training class");
        var trainees = await session.Query<Person>().Where(p => p.Enrollments.Any(e => e.ClassId == classId)).ToListAsync(ct);
        var today = Date(clock.Today());
        var sessions = c.Sessions.OrderBy(s => s.Date).ThenBy(s => s.Start).ToList();
        static string Times(TrainingSession s) => $"{s.Start.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)}–{s.End.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)}";
        string SessionText(TrainingSession s) => $"{Date(s.Date)} {Times(s)} {page.N(DisplayNames.Session(s.Mode))}";

        var hold = ApiForm($"POST /api/training-classes/{classId}/sessions", page.L("登记课次", "Record a session"), H($"""
            {Version(c.Version)}
            {Date(page, "date", page.L("上课日期", "Date"), today)}
            {Text("start", page.L("开始时间", "Start"), max: 5, value: "09:00", extra: "pattern=\"[0-2][0-9]:[0-5][0-9]\" placeholder=\"HH:mm\"")}
            {Text("end", page.L("结束时间", "End"), max: 5, value: "17:00", extra: "pattern=\"[0-2][0-9]:[0-5][0-9]\" placeholder=\"HH:mm\"")}
            {Select("mode", page.L("形式", "Mode"), Choices<SessionMode>(page, DisplayNames.Session))}
            {Text("instructor", page.L("授课教师", "Instructor"), max: 100)}
            {Text("place", page.L("地点", "Place"))}
            {Text("content", page.L("授课内容", "Content"), max: 500, css: "wide")}
            {Text("lateEntryReason", page.L("补录原因（补录往日课次时填写）", "Late-entry reason (for a past session)"), required: false, max: 500, css: "wide")}
            """), page.L("登记课次", "Record"), id: "session-form");
        var enrol = ApiForm($"POST /api/training-classes/{classId}/enrollments", page.L("学员报名（按身份证）", "Enrol a trainee (from the ID card)"), H($"""
            {Text("idNumber", page.L("身份证号", "Resident ID number"), max: 18, extra: "autocomplete=\"off\"")}
            {Text("name", page.L("姓名", "Name"), max: 50)}
            {Date(page, "enrolledOn", page.L("报名日期", "Enrolled on"), today)}
            """), page.L("报名", "Enrol"), id: "enrol-form");
        var attend = sessions.Count == 0 || trainees.Count == 0 ? H($"<p class=\"hint\">{page.L("登记课次并有学员报名后可记录考勤。", "Record a session and enrol trainees to record attendance.")}</p>")
            : ApiForm($"POST /api/training-classes/{classId}/attendance", page.L("记录考勤", "Record attendance"), H($"""
                {Select("sessionId", page.L("课次", "Session"), sessions.Select(s => (s.SessionId.ToString(), SessionText(s))), sessions[^1].SessionId.ToString())}
                {Select("personId", page.L("学员", "Trainee"), trainees.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => (t.Id.ToString(), $"{t.Name}（{t.IdNumberMasked}）")))}
                {Number("hours", page.L("学时", "Hours"), sessions[^1].Hours.ToString(System.Globalization.CultureInfo.InvariantCulture), integer: false)}
                {Text("lateEntryReason", page.L("补录原因（补录往日考勤时填写）", "Late-entry reason (for a past day)"), required: false, max: 500, css: "wide")}
                """), page.L("记录考勤", "Record"), id: "attendance-form");
        var assess = trainees.Count == 0 ? Empty : Folded(page.L("考核登记", "Record an assessment"), ApiForm($"POST /api/persons/{{personId}}/assessments", page.L("培训结业考核", "Training assessment"), H($"""
            <label>{page.L("学员", "Trainee")}<select name="personId" data-path required>{Join(trainees.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => H($"<option value=\"{t.Id}\">{t.Name}（{t.IdNumberMasked}）</option>")))}</select></label>
            {Hidden("classId", classId.ToString())}
            {Select("kind", page.L("考核类别", "Kind"), Choices<Ledger.Domain.Assessments.AssessmentKind>(page, DisplayNames.Assessment), "training-assessment")}
            {When(c.WorkType is not null, Hidden("workType", c.WorkType ?? ""))}
            {Number("theoryScore", page.L("理论成绩", "Theory score"), integer: false)}
            {Number("theoryPassMark", page.L("理论合格线", "Theory pass mark"), "80", integer: false)}
            {Number("practicalScore", page.L("实操成绩（选填）", "Practical score (optional)"), required: false, integer: false)}
            {Number("practicalPassMark", page.L("实操合格线", "Practical pass mark"), "80", required: false, integer: false)}
            {Select("practicalMode", page.L("实操方式", "Practical mode"), Choices<Ledger.Domain.Assessments.PracticalMode>(page, FormNames.Practical), required: false, empty: page.L("无实操", "No practical"))}
            {Date(page, "assessedOn", page.L("考核日期", "Assessed on"), today)}
            {Text("assessor", page.L("考评员", "Assessor"), max: 100)}
            """), page.L("登记考核", "Record"), id: "assessment-form"));
        var videos = Join(sessions.Where(s => s.Video is null).Select(s => Folded(page.L($"存档视频：{SessionText(s)}", $"Archive the video of {SessionText(s)}"),
            ApiForm($"POST /api/training-classes/{classId}/sessions/{s.SessionId}/video", page.L("培训视频存档", "Archive the session's video"), H($"""
                {Version(c.Version)}
                {Text("contentHash", page.L("视频文件摘要（sha256:…）", "File digest (sha256:…)"), max: 71, extra: "autocomplete=\"off\"")}
                {Text("storedAt", page.L("存储位置", "Stored at"), max: 500)}
                {Date(page, "retainUntil", page.L("保存至", "Retain until"), Date(s.Date.PlusYears(3)))}
                """), page.L("存档", "Archive")))));

        var sessionRows = sessions.Select(s => new[]
        {
            H($"{s.Date}"), H($"{Times(s)}"), H($"{page.N(DisplayNames.Session(s.Mode))}"), Recorded(s.Instructor), Recorded(s.Place), Recorded(s.Content), H($"{s.Hours}"),
            s.Video is null ? Badge(page.L("未存档", "None"), "muted") : Badge(page.L("已存档", "Archived"), "ok"),
        });
        var traineeRows = trainees.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t =>
        {
            var hours = t.Attendance.Where(a => a.ClassId == classId).Sum(a => a.Hours);
            return new[] { H($"{t.Name}"), H($"{t.IdNumberMasked}"), H($"{hours} / {c.RequiredHours}") };
        });
        return page.Render(page.L("培训班", "Training class") + " · " + c.Course, H($"""
            <section class="card">
              <h2>{c.Course}</h2>
              <dl class="facts">
                {Field(page.L("培训单位", "Provider"), c.ProviderName)}
                {Field(page.L("类别", "Kind"), page.N(DisplayNames.Training(c.Kind)))}
                {Field(page.L("工种", "Work type"), c.WorkType is null ? H($"—") : page.Named(DisplayNames.WorkType(c.WorkType), c.WorkType))}
                {Field(page.L("大纲版本", "Syllabus"), c.SyllabusVersion)}
                {Field(page.L("规定学时", "Required hours"), c.RequiredHours.ToString(System.Globalization.CultureInfo.InvariantCulture))}
                {Field(page.L("开班日期", "Opened"), Date(c.OpenedOn))}
              </dl>
            </section>
            <section class="card actions" id="class-acts">
              <h2>{page.L("今日登记", "Today's records")}</h2>
              {attend}
              {Folded(page.L("登记课次", "Record a session"), hold, sessions.Count == 0)}
              {Folded(page.L("学员报名", "Enrol a trainee"), enrol)}
              {assess}
              {videos}
            </section>
            <section class="card"><h2>{page.L("课次", "Sessions")} <span class="muted">({sessions.Count})</span></h2>
              {PersonPages.Table([page.L("日期", "Date"), page.L("时间", "Time"), page.L("形式", "Mode"), page.L("教师", "Instructor"), page.L("地点", "Place"), page.L("内容", "Content"),
                  page.L("学时", "Hours"), page.L("视频", "Video")], sessionRows, "sessions")}</section>
            <section class="card"><h2>{page.L("学员", "Trainees")} <span class="muted">({trainees.Count})</span></h2>
              {PersonPages.Table([page.L("姓名", "Name"), page.L("身份证号（脱敏）", "ID number (masked)"), page.L("本班学时/规定学时", "Hours in this class / required")], traineeRows, "trainees")}</section>
            """));
    });
}
