using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Actors;
using Ledger.Domain.Catalogue;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Institutions;
using NodaTime;
using static Ledger.Api.WebConsole.Components;
using static Ledger.Api.WebConsole.Forms;
using static Ledger.Api.WebConsole.Html;

namespace Ledger.Api.WebConsole;

/// <summary>A regulator registers an enterprise (POST /api/enterprises) or a training institution (POST /api/institutions) of its area.</summary>
public static class RegistrationForms
{
    [ActorRoles(ActorRole.Regulator)]
    public static Task<IResult> Enterprise(HttpContext http, IndustryCatalog industries, CancellationToken ct) => ConsoleErrors.PageAsync(http, page =>
    {
        var fields = H($"""
            {Text("creditCode", page.L("统一社会信用代码", "Unified social credit code"), max: 18, extra: "autocomplete=\"off\" autofocus")}
            {Text("name", page.L("企业名称", "Name"))}
            {Text("legalRepresentative", page.L("法定代表人", "Legal representative"), max: 50)}
            {Select("industry", page.L("行业", "Industry"), industries.Industries.Select(i => (i.Code, page.L(i.NameZh, i.NameEn))))}
            <label>{page.L("辖区", "Jurisdiction")}{JurisdictionSelect(page, "jurisdiction", null, required: true)}</label>
            {Select("aboveDesignatedSize", page.L("规模以上企业", "Above designated size"), [("false", page.L("否", "No")), ("true", page.L("是", "Yes"))], type: "bool")}
            {Number("headcount", page.L("从业人员数", "Headcount"))}
            {Select("trainingCapability", page.L("培训方式", "Training arrangement"), Choices<TrainingCapability>(page, DisplayNames.Capability))}
            {Text("entrustedInstitution", page.L("受托培训机构（委托培训时填写）", "Entrusted institution (when entrusting)"), required: false)}
            """);
        return Task.FromResult(page.Render(page.L("登记企业", "Register an enterprise"), H($"""
            <section class="card">{ApiForm("POST /api/enterprises", page.L("企业信息", "The enterprise"), fields, page.L("登记", "Register"), id: "enterprise-form",
                then: "/console/enterprises/:enterpriseId", css: "grid")}</section>
            """)));
    });

    [ActorRoles(ActorRole.Regulator)]
    public static Task<IResult> Institution(string? registered, HttpContext http, IClock clock, CancellationToken ct) => ConsoleErrors.PageAsync(http, page =>
    {
        var fields = H($"""
            {Text("creditCode", page.L("统一社会信用代码", "Unified social credit code"), max: 18, extra: "autocomplete=\"off\" autofocus")}
            {Text("name", page.L("机构名称", "Name"))}
            {Select("kind", page.L("机构类别", "Kind"), Choices<InstitutionKind>(page, DisplayNames.Institution))}
            <label>{page.L("辖区", "Jurisdiction")}{JurisdictionSelect(page, "jurisdiction", null, required: true)}</label>
            {Date(page, "registeredOn", page.L("登记日期", "Registered on"), Date(clock.Today()), required: false)}
            """);
        var done = string.IsNullOrEmpty(registered) ? Empty
            : H($"<p class=\"notice\" role=\"status\">{page.L("已登记，统一社会信用代码 ", "Registered, credit code ")}{ConsolePage.Ident(registered)}</p>");
        return Task.FromResult(page.Render(page.L("登记培训机构", "Register a training institution"), H($"""
            {done}
            <section class="card">{ApiForm("POST /api/institutions", page.L("机构信息", "The institution"), fields, page.L("登记", "Register"), id: "institution-form",
                then: "/console/institutions/new?registered=:creditCode", css: "grid")}</section>
            """)));
    });
}
