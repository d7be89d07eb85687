using Ledger.Api.Exports;
using Ledger.Domain.Catalogue;
using Ledger.Domain.Claims;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;

namespace Ledger.Api.Claims;

/// <summary>
/// What the 补贴审核表 shows of a claim, with the dates its boxes carry: the opinions' days are on the workflow events, not on
/// the claim's state, so they are read from the claim's own stream.
/// </summary>
public sealed record AuditFormFacts(Claim Claim, bool OfficialForm, string Document, LocalDate? AttestedOn, string? AttestationStatement, LocalDate? VerifiedOn,
    string? VerificationReference, LocalDate? ApprovedOn)
{
    /// <summary>
    /// Only Heilongjiang's 2020 plan (黑应急发〔2020〕… 附件) prints a form, "申请安全技能提升补贴特种作业人员信息审核表". The other
    /// documents in the source set (Jizhou, Taizhou, Qufu, Nanning) have none; their claims print the same facts under the
    /// ledger's own heading, saying so.
    /// </summary>
    public const string FormJurisdiction = "hlj";

    public const string Title = "申请安全技能提升补贴特种作业人员信息审核表";

    public const string OtherTitle = "安全技能提升补贴申请审核信息";

    /// <summary>The form's own words (附件): the commitment's signature lines and the institution's opinion.</summary>
    public const string InstitutionOpinion = "以上人员按培训大纲要求，在我机构完成理论授课和实操全部课程。";

    public const string RegulatorLabel = "应急管理部门（煤矿安全培训主管部门）意见";

    /// <summary>Whose seal a box bears and its reference (and, on the page, the day), or nothing for a box not yet sealed.</summary>
    public static string SealMark(Claim claim, FormParty party, bool withDate = false) =>
        claim.Seals.FirstOrDefault(s => s.Party == party) is not { } seal ? ""
        : withDate ? $"已盖章：{seal.Organisation}（{seal.SealReference}，{seal.SealedOn:uuuu年M月d日}）"
        : $"已盖章：{seal.Organisation}（{seal.SealReference}）";

    public static async Task<AuditFormFacts> LoadAsync(Claim claim, IQuerySession session, PolicyCatalog policies, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(claim.Id, token: ct);
        var attested = events.Select(e => e.Data).OfType<InstitutionAttested>().LastOrDefault();
        var verified = events.Select(e => e.Data).OfType<CertificatesVerified>().LastOrDefault();
        var approved = events.Select(e => e.Data).OfType<ClaimApproved>().LastOrDefault();
        var official = policies.IsWithin(claim.Form.Jurisdiction, FormJurisdiction);
        return new(claim, official, official ? "黑龙江省高危行业领域安全技能提升行动实施方案 附件" : "", attested?.AttestedOn, attested?.Statement, verified?.VerifiedOn,
            verified?.SystemReference, approved?.ApprovedOn);
    }
}

/// <summary>
/// The 补贴审核表 as a workbook: sheet 1 the form as the document lays it out (boxes, merged cells, the commitment, the two
/// opinions with their seal and signature cells, A4 print area); sheet 2 the roster with what the ledger added to each line
/// (frozen, filterable header; amounts and dates as numbers and dates); sheet 3 the approval, payment and recovery, which the
/// document's form has no boxes for.
/// </summary>
public static class AuditFormWorkbook
{
    public const string FormSheet = "审核表";
    public const string RosterSheet = "名单明细";
    public const string WorkflowSheet = "审批与发放";

    public static byte[] Write(AuditFormFacts facts)
    {
        var (formRows, formLayout) = Form(facts);
        var roster = Roster(facts.Claim).ToList();
        var rosterLayout = new SheetLayout(
            Widths: [6, 10, 16, 22, 20, 14, 10, 12, 12, 10, 40, 18, 18, 12, 14, 14, 14, 14, 14],
            FrozenRows: 1, HeaderRow: 0, Landscape: true,
            AutoFilter: $"A1:{Spreadsheet.Column(ClaimExportEndpoints.RosterColumns.Length - 1)}{roster.Count}",
            PrintArea: $"$A$1:${Spreadsheet.Column(ClaimExportEndpoints.RosterColumns.Length - 1)}${roster.Count}");
        var workflow = Workflow(facts).ToList();
        var workflowLayout = new SheetLayout(Widths: [18, 16, 22, 14, 18, 14], FrozenRows: 1, HeaderRow: 0, PrintArea: $"$A$1:$F${workflow.Count}");
        return Spreadsheet.Write((FormSheet, formLayout, formRows), (RosterSheet, rosterLayout, roster), (WorkflowSheet, workflowLayout, workflow));
    }

    private static Cell B(object? value) => new(value, value switch { LocalDate => CellLook.BoxedDate, decimal => CellLook.BoxedMoney, _ => CellLook.Boxed });

    private static Cell L(string label) => new(label, CellLook.Label);

    private static readonly Cell Box = new(null, CellLook.Boxed);

    /// <summary>Six columns: a label, its value over two, a label, its value over two, as the form's two-pair rows.</summary>
    private static (List<object?[]> Rows, SheetLayout Layout) Form(AuditFormFacts facts)
    {
        var claim = facts.Claim;
        var f = claim.Form;
        var rows = new List<object?[]>();
        var merges = new List<string>();
        var heights = new Dictionary<int, double>();
        int Row(params object?[] cells) { rows.Add(cells); return rows.Count; } // the 1-based row just written

        var r = Row(new Cell(facts.OfficialForm ? AuditFormFacts.Title : AuditFormFacts.OtherTitle, CellLook.Title));
        merges.Add($"A{r}:F{r}");
        heights[r - 1] = 30;
        if (!facts.OfficialForm)
        {
            r = Row("本辖区的文件未规定审核表式样，以下按申请所载事项列出。");
            merges.Add($"A{r}:F{r}");
        }
        r = Row(L("申请企业名称"), B(f.EnterpriseName), Box, L("申请时间"), B(f.ApplicationDate), Box);
        merges.AddRange([$"B{r}:C{r}", $"E{r}:F{r}"]);
        r = Row(L("统一社会信用代码"), B(f.EnterpriseCreditCode), Box, L("法定代表人"), B(f.LegalRepresentative), Box);
        merges.AddRange([$"B{r}:C{r}", $"E{r}:F{r}"]);
        r = Row(L("经办人姓名"), B(f.HandlerName), Box, L("经办人手机"), B(Masking.Mobile(f.HandlerMobile)), Box);
        merges.AddRange([$"B{r}:C{r}", $"E{r}:F{r}"]);
        r = Row(L("（委托）培训机构名称"), B(f.InstitutionName), Box, Box, Box, Box);
        merges.Add($"B{r}:F{r}");
        r = Row(L("培训工种及对应人数"), B(string.Join("；", f.WorkTypes.Select(w => $"{DisplayNames.WorkType(w.WorkType).Zh} {w.Count} 人"))), Box, Box, Box, Box);
        merges.Add($"B{r}:F{r}");
        r = Row(L("培训时间"), B(f.TrainingFrom), new Cell("至", CellLook.Label), B(f.TrainingUntil), Box, Box);
        merges.Add($"D{r}:F{r}");
        r = Row(L("取证人数"), B(f.CertifiedCount), Box, L("申请补贴金额"), B(f.RequestedAmount), Box);
        merges.AddRange([$"B{r}:C{r}", $"E{r}:F{r}"]);
        var commitment = Row(L("申请企业书面承诺"), B(f.Commitment.Text), Box, Box, Box, Box);
        merges.Add($"B{commitment}:F{commitment}");
        heights[commitment - 1] = 48;
        r = Row(Box, new Cell($"负责人签字：{f.Commitment.Signer}        （盖章）{AuditFormFacts.SealMark(claim, FormParty.Enterprise)}        {f.Commitment.SignedOn:uuuu年M月d日}", CellLook.Seal), Box, Box, Box, Box);
        merges.AddRange([$"A{commitment}:A{r}", $"B{r}:F{r}"]);
        heights[r - 1] = 36;

        r = Row(L("序号"), L("姓名"), L("工种"), L("证件号"), Box, Box);
        merges.Add($"D{r}:F{r}");
        foreach (var line in claim.Lines.Select(l => l.Line))
        {
            r = Row(B(line.LineNo), B(line.Name), B(DisplayNames.WorkType(line.WorkType).Zh), B(line.IdNumberMasked), Box, Box);
            merges.Add($"D{r}:F{r}");
        }

        void Opinion(string label, string text, LocalDate? on, FormParty party)
        {
            var top = Row(L(label), B(text), Box, Box, Box, Box);
            merges.Add($"B{top}:F{top}");
            heights[top - 1] = 40;
            var seal = Row(Box, new Cell($"（加盖印章）{AuditFormFacts.SealMark(claim, party)}        {(on is { } d ? d.ToString("uuuu年M月d日", null) : "年    月    日")}", CellLook.Seal), Box, Box, Box, Box);
            merges.AddRange([$"A{top}:A{seal}", $"B{seal}:F{seal}"]);
            heights[seal - 1] = 36;
        }
        Opinion("培训机构意见", claim.AttestedBy is null ? "" : facts.AttestationStatement ?? AuditFormFacts.InstitutionOpinion, facts.AttestedOn, FormParty.Institution);
        Opinion(AuditFormFacts.RegulatorLabel, claim.VerifiedBy is null ? "" : VerificationOpinion(claim), facts.VerifiedOn, FormParty.EmergencyDepartment);
        return (rows, new SheetLayout(Widths: [20, 14, 16, 16, 14, 14], Merges: merges, RowHeights: heights, PrintArea: $"$A$1:$F${rows.Count}"));
    }

    /// <summary>What the regulator's verification found, in the words an opinion box holds.</summary>
    public static string VerificationOpinion(Claim claim)
    {
        // The department's own words, once it wrote them in its box; until then, what its verification found.
        if (claim.Seals.FirstOrDefault(s => s.Party == FormParty.EmergencyDepartment) is { Opinion: { } written }) return written;
        var passed = claim.Lines.Count(l => l.VerifiedOrOverridden);
        return passed == claim.Lines.Count
            ? $"经核验，以上 {claim.Lines.Count} 人的特种作业操作证真实有效。"
            : $"经核验，{claim.Lines.Count} 人中 {passed} 人的特种作业操作证真实有效，其余见名单明细。";
    }

    private static IEnumerable<object?[]> Roster(Claim claim)
    {
        yield return ClaimExportEndpoints.RosterColumns;
        foreach (var row in ClaimExportEndpoints.RosterRows(claim)) yield return row;
    }

    private static IEnumerable<object?[]> Workflow(AuditFormFacts facts)
    {
        var c = facts.Claim;
        yield return ["环节", "金额", "凭证或流水号", "日期", "经办", "说明"];
        yield return ["申请", c.Form.RequestedAmount, null, c.Form.ApplicationDate, c.SubmittedBy, DisplayNames.Stage(c.Stage).Zh];
        if (c.AttestedBy is not null) yield return ["培训机构确认", null, null, facts.AttestedOn, c.AttestedBy, null];
        if (c.VerifiedBy is not null) yield return ["应急管理部门核验", null, facts.VerificationReference, facts.VerifiedOn, c.VerifiedBy, VerificationOpinion(c)];
        if (c.ApprovedBy is not null && c.RejectionReason is null) yield return ["人社部门审批", c.ApprovedAmount, null, facts.ApprovedOn, c.ApprovedBy, $"应补合计 {c.EntitledAmount:0.00} 元"];
        if (c.RejectionReason is not null) yield return ["驳回", null, null, null, c.ApprovedBy, c.RejectionReason];
        if (c.PaidBy is not null) yield return ["发放", c.DisbursedAmount, c.PaymentReference, c.PaidOn, c.PaidBy, c.Payee is null ? null : $"收款人 {c.Payee}"];
        if (c.BankReference is not null) yield return ["银行对账", null, c.BankReference, null, null, null];
        foreach (var b in c.Clawbacks)
            yield return ["追回", b.Amount, null, b.OrderedOn, null,
                $"第 {string.Join("、", b.LineNos)} 行（{string.Join("、", b.RuleIds.Select(r => DisplayNames.Rule(r).TitleZh))}）{b.Reason}，已追回 {b.Repaid:0.00} 元"];
    }
}
