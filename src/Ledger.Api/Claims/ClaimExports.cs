using NodaTime;
using Ledger.Domain.Actors;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Catalogue;
using Ledger.Domain.Claims;
using Ledger.Domain.Policies;
using Ledger.Projections;
using Ledger.Projections.Claims;
using Marten;
using Wolverine.Http;

namespace Ledger.Api.Claims;

/// <summary>
/// The audit form and the payout ledger as files a bureau files or opens in Excel. ID numbers stay masked as on the claim, and
/// the handler's mobile is masked as on the claim view.
/// </summary>
public static partial class ClaimExportEndpoints
{
    public static readonly string[] LedgerColumns =
    [
        "月份 month", "辖区 jurisdiction", "企业 enterprise", "统一社会信用代码", "培训机构 institution", "申请数 claims", "驳回 rejected", "人数 lines",
        "核准人数 approved lines", "发放人数 paid lines", "申请金额 requested", "应补金额 entitled", "核准金额 approved", "发放金额 disbursed",
        "对账金额 reconciled", "追回金额 clawed back", "已退回 repaid",
    ];

    /// <summary>The workbook's headers: Chinese only, as officials' own sheets have them (the CSV keeps both for API clients).</summary>
    public static readonly string[] LedgerColumnsZh = [.. LedgerColumns.Select(c => c.Split(' ')[0])];

    public static Table Ledger(PayoutLedgerReport report)
    {
        var table = new Table().Row(LedgerColumns);
        foreach (var r in report.Rows)
            table.Row(r.Month, r.Jurisdiction, r.EnterpriseName, r.EnterpriseCreditCode, r.InstitutionName, r.Claims, r.RejectedClaims, r.Lines, r.ApprovedLines,
                r.PaidLines, r.Requested, r.Entitled, r.Approved, r.Disbursed, r.Reconciled, r.ClawedBack, r.Repaid);
        var t = report.Totals;
        table.Row($"合计 total {report.From}…{report.To}", report.Jurisdiction, null, null, null, t.Claims, report.Rows.Sum(r => r.RejectedClaims), t.Lines,
            t.ApprovedLines, t.PaidLines, t.Requested, t.Entitled, t.Approved, t.Disbursed, t.Reconciled, t.ClawedBack, t.Repaid);
        return table;
    }

    public static readonly string[] RosterColumns =
    [
        "13 序号", "14 姓名", "15 工种", "16 证件号", "证书编号", "补贴类别", "周期", "申请金额", "应补金额",
        "资格", "核查发现", "核验", "审批", "核准金额", "申报人", "培训机构确认人",
        "应急部门核验人", "人社审批人", "发放人",
    ];

    /// <summary>The HLJ form (rules.md 2.3.B): header fields 1–12, the roster 13–16 with what the ledger added to each line, then 17–18 and payment.</summary>
    public static Table AuditForm(Claim claim)
    {
        var f = claim.Form;
        var table = new Table()
            .Row("申请安全技能提升补贴特种作业人员信息审核表", DisplayNames.Stage(claim.Stage).Zh, $"第 {claim.Version} 版")
            .Row("1 申请企业名称", f.EnterpriseName)
            .Row("2 申请时间", f.ApplicationDate.ToString("uuuu-MM-dd", null))
            .Row("3 统一社会信用代码", f.EnterpriseCreditCode)
            .Row("4 法定代表人", f.LegalRepresentative)
            .Row("5 经办人姓名", f.HandlerName)
            .Row("6 经办人手机", Masking.Mobile(f.HandlerMobile))
            .Row("7 培训机构名称", f.InstitutionName)
            .Row("8 培训工种及对应人数", string.Join("；", f.WorkTypes.Select(w => $"{DisplayNames.WorkType(w.WorkType).Zh} {w.Count} 人")))
            .Row("9 培训时间", $"{f.TrainingFrom:uuuu-MM-dd} 至 {f.TrainingUntil:uuuu-MM-dd}")
            .Row("10 取证人数", f.CertifiedCount)
            .Row("11 申请补贴金额", f.RequestedAmount)
            .Row("12 申请企业书面承诺", f.Commitment.Text, f.Commitment.Signer, f.Commitment.SignedOn.ToString("uuuu-MM-dd", null))
            .Row("表单检查", string.Join("；", f.FormFindings.Select(Describe)))
            .Row()
            .Row(RosterColumns);
        foreach (var row in RosterRows(claim)) table.Row(row);
        table.Row()
            .Row("17 培训机构意见", claim.AttestedBy is null ? "" : $"已确认培训完成（{claim.AttestedBy}）", "（盖章）")
            .Row("18 应急管理部门意见", claim.VerifiedBy is null ? "" : $"已核验证书（{claim.VerifiedBy}）", "（盖章）")
            .Row("应补合计", claim.EntitledAmount)
            .Row("核准金额", claim.ApprovedAmount, claim.ApprovedBy)
            .Row("发放", claim.DisbursedAmount, claim.PaymentReference, claim.PaidOn?.ToString("uuuu-MM-dd", null), claim.Payee, claim.PaidBy)
            .Row("银行对账流水号", claim.BankReference)
            .Row("追回", claim.ClawedBack, string.Join("；", claim.Clawbacks.Select(c =>
                $"第 {string.Join("、", c.LineNos)} 行 {c.Amount:0.00} 元（{string.Join("、", c.RuleIds.Select(r => DisplayNames.Rule(r).TitleZh))}）{c.Reason}，已追回 {c.Repaid:0.00} 元")));
        if (claim.RejectionReason is not null) table.Row("驳回", claim.RejectionReason, claim.ApprovedBy);
        return table;
    }

    /// <summary>The roster with what the ledger added to each line, in <see cref="RosterColumns"/>' order.</summary>
    public static IEnumerable<object?[]> RosterRows(Claim claim)
    {
        foreach (var l in claim.Lines)
        {
            var line = l.Line;
            var verification = l.Verified switch
            {
                null => "",
                true => "核验通过",
                false when l.OverrideReason is not null => $"核验更正：{l.OverrideReason}",
                false => "核验未通过",
            };
            var decision = l.Decision switch
            {
                null => "",
                { Approved: true } d => "核准" + (d.Reason is null ? "" : $"：{d.Reason}"),
                { } d => $"不予核准：{d.Reason}",
            };
            yield return [line.LineNo, line.Name, DisplayNames.WorkType(line.WorkType).Zh, line.IdNumberMasked, line.CertificateNumber, DisplayNames.Subsidy(line.Kind).Zh,
                line.Cycle == "initial" ? "初次取证" : line.Cycle.Replace("review:", "复审 ", StringComparison.Ordinal), line.RequestedAmount,
                line.EntitledAmount, DisplayNames.Line(line.Status).Zh + (line.HeldByClaim is not null ? "（补贴资格已由另一申请占用）" : ""),
                string.Join("；", l.AllFindings.Select(Describe)), verification, decision, l.Decision?.Amount, claim.SubmittedBy, claim.AttestedBy, claim.VerifiedBy,
                claim.ApprovedBy, claim.PaidBy];
        }
    }

    // The rule by its words and its id, as an official cites it; the severity in Chinese.
    private static string Describe(Finding f) =>
        $"{DisplayNames.Rule(f.RuleId).TitleZh}（{f.RuleId}，{DisplayNames.Severity(f.Severity).Zh}{(f.Blocking ? "，阻断" : "")}）";
}
