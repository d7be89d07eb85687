using Ledger.Api.Assessments;
using Ledger.Api.Audit;
using Ledger.Api.Certificates;
using Ledger.Api.Claims;
using Ledger.Api.Employment;
using Ledger.Api.Enterprises;
using Ledger.Api.Enforcement;
using Ledger.Api.Imports;
using Ledger.Api.Institutions;
using Ledger.Api.Obligations;
using Ledger.Api.Persons;
using Ledger.Api.Policies;
using Ledger.Api.Reports;
using Ledger.Api.Training;
using Ledger.Domain.Reports;
using Ledger.Projections;
using Ledger.Projections.Audit;
using Ledger.Projections.Certificates;
using Ledger.Projections.Persons;

namespace Ledger.Api.Http;

/// <summary>How the published API document describes one operation: its summary in Chinese and English and what a success answers.</summary>
/// <param name="Answer">The JSON body of a success; null with <paramref name="MediaType"/> for a file, a page or a token.</param>
/// <param name="Upload">The media type of a body the endpoint reads itself (a CSV upload), which the generator cannot see.</param>
public sealed record ApiOperation(string Zh, string En, Type? Answer, string MediaType = "application/json", string? Upload = null);

/// <summary>
/// Every operation of the API by its route name, in one table: the published OpenAPI document takes its summaries, tags and
/// answer schemas from here (endpoints that answer IResult say nothing about their body to the document generator), and
/// <c>OpenApiDocumentTests</c> fails when an operation is missing.
/// </summary>
public static class ApiOperations
{
    public static readonly IReadOnlyDictionary<string, ApiOperation> ByName = new Dictionary<string, ApiOperation>
    {
        // 人员
        ["RegisterPerson"] = new("登记人员（身份证号与姓名，重复登记返回已有记录）", "Register a person by ID number and name (a repeat answers the existing record)", typeof(PersonRegisteredResponse)),
        ["FindPerson"] = new("按身份证号与姓名查找人员（号码只在请求体中）", "Find a person by ID number and name (the number only in the body)", typeof(FoundPerson)),
        ["FindPersonsByName"] = new("按姓名与身份证号后四位查找人员（各管理部门，结果脱敏）", "Find persons by name and the last four of the ID number (bureaus; matches masked)", typeof(IReadOnlyList<Ledger.Api.Search.PersonMatch>)),
        ["GetPersonFile"] = new("一人一档：身份（脱敏）、用工、学时、考核、证书、义务、补贴与时间线，可按历史时点查看", "The person's lifelong file: masked identity, employment, hours, assessments, certificates, obligations, subsidies and timeline, also as of an instant", typeof(PersonFile)),
        ["ReadFullIdNumber"] = new("说明理由后读取完整身份证号（读取本身记入访问记录）", "Read the full ID number with a reason (the read is recorded)", typeof(FullIdNumberResponse)),
        ["RecordEducation"] = new("记录学历（由掌握该信息的部门记录）", "Record the person's education (by the authority that holds it)", typeof(PersonWritten)),
        ["RecordSocialInsurance"] = new("记录社会保险缴费月份（由社保经办机构记录）", "Record months of social-insurance contributions (by the insurance agency)", typeof(SocialInsuranceWritten)),
        ["GetPersonObligations"] = new("人员当日的培训与持证义务（未履行、已履行、违规）", "The person's training and certificate obligations on a day (open, met, breached)", typeof(PersonObligationsView)),
        // 用工
        ["Hire"] = new("登记用工（岗位、关键岗位、特种作业工种）", "Record a hire (post, key post, special-operation work type)", typeof(EmploymentWritten)),
        ["ChangePost"] = new("调岗", "Change the worker's post", typeof(EmploymentWritten)),
        ["IntroduceFourNew"] = new("记录“四新”（新工艺、新技术、新材料、新设备）的采用", "Record a new process, technology, material or equipment on the post", typeof(EmploymentWritten)),
        ["LeavePost"] = new("离岗", "Record a departure from the post", typeof(EmploymentWritten)),
        ["ReturnToPost"] = new("复岗（离岗较久须重新培训）", "Record a return to the post (long absences require retraining)", typeof(EmploymentWritten)),
        ["EndEmployment"] = new("终止用工", "End the employment", typeof(EmploymentWritten)),
        // 考核
        ["RecordAssessment"] = new("记录考核结果（理论与实操）", "Record an assessment result (theory and practical)", typeof(AssessmentWritten)),
        // 证书
        ["IssueCertificate"] = new("发证（特种作业操作证等）", "Issue a certificate (special-operation and others)", typeof(CertificateWritten)),
        ["ReviewCertificate"] = new("记录复审结果", "Record a certificate review (复审)", typeof(CertificateWritten)),
        ["SuspendCertificate"] = new("暂扣证书", "Suspend a certificate", typeof(CertificateWritten)),
        ["ReinstateCertificate"] = new("恢复被暂扣的证书", "Reinstate a suspended certificate", typeof(CertificateWritten)),
        ["RevokeCertificate"] = new("吊销或撤销证书（注明法律依据）", "Revoke a certificate (with its legal basis)", typeof(CertificateWritten)),
        ["SupersedeCertificate"] = new("换证或补证：发新证并注销旧证", "Renew or replace a certificate: issue the successor and supersede the old one", typeof(CertificateSuccessorWritten)),
        ["GetCertificate"] = new("证书及其在某日的状态，可按历史时点查看", "A certificate and its status on a day, also as of an instant", typeof(CertificateView)),
        ["GetCertificateHistory"] = new("证书的全部历史事件", "Every event of a certificate", typeof(CertificateHistoryView)),
        ["GetCertificateKinds"] = new("特种作业目录：证书种类、工种与行业", "The special-operation catalogue: certificate kinds, work types and industries", typeof(CertificateCatalogView)),
        ["VerifyCertificate"] = new("公开查验证书（按证号与姓名，限流）", "Public certificate check by number and name (rate limited)", typeof(VerificationResult)),
        ["VerifyCertificateByPost"] = new("公开查验证书，证号与姓名放在请求体中（限流）", "Public certificate check with number and name in the body (rate limited)", typeof(VerificationResult)),
        ["ReportForgedCertificate"] = new("举报疑似伪造证书", "Report a certificate suspected to be forged", typeof(ForgeryReportWritten)),
        ["GetIssuanceDeadlineBreaches"] = new("超过发证时限的证书", "Certificates issued after their deadline", typeof(IReadOnlyList<CertificateRegisterEntry>)),
        ["GetPossibleForgeries"] = new("疑似伪造证书线索", "Leads on possibly forged certificates", typeof(IReadOnlyList<ForgeryWatchEntry>)),
        ["GetCertificateCredential"] = new("证书二维码中的签名凭证及其查验地址", "The signed credential in the certificate's QR code and the address that verifies it", typeof(CertificateCredentialView)),
        ["VerifyCredential"] = new("在线查验二维码凭证（签名、状态、与账本一致）", "Verify a QR credential online (signature, status, match with the ledger)", typeof(CredentialVerification)),
        ["GetCredentialStatusList"] = new("签名的证书状态列表（离线查验用）", "The signed certificate status list (for offline checks)", null, "application/statuslist+jwt"),
        // 企业
        ["RegisterEnterprise"] = new("登记企业（统一社会信用代码）", "Register an enterprise (unified social credit code)", typeof(EnterpriseWritten)),
        ["GetEnterprise"] = new("企业信息", "An enterprise", typeof(EnterpriseView)),
        ["ReportEnterpriseHeadcount"] = new("报告从业人数", "Report the enterprise's headcount", typeof(EnterpriseChanged)),
        ["AdoptTrainingPlan"] = new("登记本单位安全技能提升培训计划", "Record the unit's adopted training plan", typeof(EnterpriseChanged)),
        ["ChangeEnterpriseTrainingCapability"] = new("变更企业自主培训能力或委托培训机构", "Change the enterprise's own training capability or its entrusted institution", typeof(EnterpriseChanged)),
        ["GetEnterpriseCompliance"] = new("企业当日的合规情况（义务、违规及规则编号）", "The enterprise's compliance on a day (obligations, breaches with rule ids)", typeof(EnterpriseComplianceView)),
        ["AppointInternalTrainer"] = new("聘任企业内部培训师", "Appoint an internal trainer", typeof(RosterWritten)),
        ["RemoveInternalTrainer"] = new("解聘企业内部培训师", "Remove an internal trainer", typeof(RosterWritten)),
        ["GetInternalTrainerRoster"] = new("企业内部培训师名册", "The enterprise's internal trainer roster", typeof(InternalTrainerRosterView)),
        // 培训机构
        ["RegisterInstitution"] = new("登记培训机构或考试点", "Register a training institution or exam point", typeof(InstitutionWritten)),
        ["GetInstitution"] = new("培训机构及其在某日的状态、可培训的工种", "An institution, its standing on a day and what it may train", typeof(InstitutionView)),
        ["ListInstitutions"] = new("培训机构列表（本辖区）", "Institutions in the caller's jurisdiction", typeof(IReadOnlyList<InstitutionListEntry>)),
        ["ListEnterprises"] = new("企业列表：按名称或统一社会信用代码查找，分页（本辖区）", "Enterprises by name or credit code, paged (the caller's jurisdiction)", typeof(Ledger.Api.Search.Page<Ledger.Api.Search.EnterpriseListEntry>)),
        ["GetInstitutionHistory"] = new("培训机构的全部历史事件", "Every event of an institution", typeof(InstitutionHistoryView)),
        ["FileInstitution"] = new("培训机构备案", "File an institution with the authority", typeof(InstitutionWritten)),
        ["RecordPracticalCapability"] = new("记录实操培训条件", "Record practical-training facilities", typeof(InstitutionWritten)),
        ["WithdrawPracticalCapability"] = new("撤回实操培训条件", "Withdraw practical-training facilities", typeof(InstitutionWritten)),
        ["ListInstitutionInHrCatalogue"] = new("列入人社部门培训机构目录", "List the institution in the HR bureau's catalogue", typeof(InstitutionWritten)),
        ["DelistInstitutionFromHrCatalogue"] = new("移出人社部门培训机构目录", "Delist the institution from the HR bureau's catalogue", typeof(InstitutionWritten)),
        ["SuspendInstitution"] = new("暂停培训机构", "Suspend an institution", typeof(InstitutionWritten)),
        ["ReinstateInstitution"] = new("恢复培训机构", "Reinstate an institution", typeof(InstitutionWritten)),
        ["CancelInstitutionFiling"] = new("注销培训机构备案", "Cancel an institution's filing", typeof(InstitutionWritten)),
        ["DesignateExamPoint"] = new("指定为考试点", "Designate the institution an exam point", typeof(InstitutionWritten)),
        ["WithdrawExamPointDesignation"] = new("撤销考试点指定", "Withdraw the exam-point designation", typeof(InstitutionWritten)),
        ["RegisterExamCandidate"] = new("考试点登记考生（读取身份证）", "Register an exam candidate from the ID card", typeof(TraineeEnrolment)),
        ["GetInstitutionAnomalies"] = new("培训机构异常：超出备案能力或通过率异常", "Institutions certifying beyond their capacity or with anomalous pass rates", typeof(InstitutionAnomalyReport)),
        // 培训
        ["OpenTrainingClass"] = new("开设培训班", "Open a training class", typeof(TrainingClassOpened)),
        ["GetTrainingClass"] = new("培训班", "A training class", typeof(Ledger.Domain.Training.TrainingClass)),
        ["EnrolTrainee"] = new("学员报名（读取身份证）", "Enrol a trainee from the ID card", typeof(TraineeEnrolment)),
        ["HoldSession"] = new("记录一次授课", "Record a class session", typeof(SessionWritten)),
        ["ArchiveSessionVideo"] = new("存档授课视频（留存备查）", "Archive a session's video (kept for inspection)", typeof(SessionWritten)),
        ["CreditAttendance"] = new("记录学时（人脸核验）", "Credit attendance hours (face checks)", typeof(AttendanceWritten)),
        // 补贴
        ["SubmitClaim"] = new("提交补贴申请（逐行审核、查重、冻结应享额度）", "Submit a subsidy claim (lines judged, duplicates found, entitlements held)", typeof(ClaimWritten)),
        ["AttestClaim"] = new("培训机构承诺：按大纲完成理论与实操全部课程", "The institution attests the full syllabus was taught", typeof(ClaimStepWritten)),
        ["VerifyClaim"] = new("核验申请中的证书", "Verify the claim's certificates", typeof(ClaimStepWritten)),
        ["SealClaimForm"] = new("在审核表上盖章（及填写应急管理部门意见）", "Seal the caller's box of the audit form (with the emergency department's opinion)", typeof(ClaimStepWritten)),
        ["OverrideClaimVerification"] = new("说明理由后对核验未通过的行作人工认定", "Override a failed verification of a line with a reason", typeof(ClaimStepWritten)),
        ["ApproveClaim"] = new("审批补贴申请（逐行决定金额）", "Approve the claim line by line", typeof(ClaimStepWritten)),
        ["RejectClaim"] = new("驳回补贴申请", "Reject the claim", typeof(ClaimStepWritten)),
        ["DisburseClaim"] = new("拨付补贴（付款凭证、收款人、账号）", "Disburse the subsidy (payment reference, payee, account)", typeof(ClaimStepWritten)),
        ["ReconcileClaim"] = new("与银行回单对账", "Reconcile the payment with the bank", typeof(ClaimStepWritten)),
        ["OrderClawback"] = new("责令追回已拨付的补贴（注明规则或欺诈模式）", "Order a clawback of paid lines (naming the rule or fraud pattern)", typeof(ClaimStepWritten)),
        ["RepayClawback"] = new("记录追回款的退还", "Record a clawback repayment", typeof(ClaimStepWritten)),
        ["GetClaim"] = new("补贴申请审核档案：表单、每行的核查、决定与决定人", "The claim's audit file: form, each line's checks, decisions and deciders", typeof(ClaimView)),
        ["GetClaimHistory"] = new("补贴申请的全部历史事件", "Every event of a claim", typeof(ClaimHistoryView)),
        ["GetClaimKnowledge"] = new("审批时账本所知：每行按当时的事实重判，并与现在对比", "What the ledger knew: each line judged on the facts as recorded then, beside today", typeof(ClaimKnowledgeView)),
        ["ExportClaimCsv"] = new("导出补贴申请审核表（CSV）", "Export the claim's audit form (CSV)", null, "text/csv"),
        ["ExportClaimXlsx"] = new("导出补贴申请审核表（XLSX）", "Export the claim's audit form (XLSX)", null, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ["GetClaimReviewQueue"] = new("待审核的补贴申请，按风险排序", "Claims awaiting review, by flag severity", typeof(IReadOnlyList<ReviewQueueItem>)),
        ["GetOwnClaims"] = new("本单位提交或涉及的补贴申请", "The caller's own claims", typeof(IReadOnlyList<OwnClaimItem>)),
        ["ListClaims"] = new("补贴申请查询：按企业、年月、阶段（含已办结）、证书编号，分页", "Claims by enterprise, year or month, stage (closed ones too) and certificate number, paged", typeof(Ledger.Api.Search.Page<Ledger.Api.Search.ClaimListEntry>)),
        ["GetClawbackQueue"] = new("待追回的补贴", "Paid lines awaiting clawback", typeof(IReadOnlyList<ClawbackCandidate>)),
        ["GetPayoutLedger"] = new("发放台账：按月、辖区、企业、机构汇总", "The payout ledger by month, jurisdiction, enterprise and institution", typeof(PayoutLedgerReport)),
        ["ExportPayoutLedgerCsv"] = new("导出发放台账（CSV）", "Export the payout ledger (CSV)", null, "text/csv"),
        ["ExportPayoutLedgerXlsx"] = new("导出发放台账（XLSX）", "Export the payout ledger (XLSX)", null, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ["GetDoublePayments"] = new("重复发放查找：同一人同一证书多次受补贴、共用收款账号", "Double payments: one person or certificate paid twice, shared payee accounts", typeof(DoublePaymentReport)),
        // 执法
        ["RecordInspection"] = new("记录对企业的执法检查（培训计划、持证情况、抽考）", "Record an inspection of an enterprise (training plans, certificates held, spot quiz)", typeof(InspectionWritten)),
        ["OrderRectification"] = new("责令限期改正（关联台账查出的违规）", "Order rectification by a deadline (linked to breaches the ledger detected)", typeof(InspectionWritten)),
        ["ReInspect"] = new("复查整改情况", "Re-inspect the rectification", typeof(InspectionWritten)),
        ["ImposePenalty"] = new("作出行政处罚", "Impose a penalty", typeof(InspectionWritten)),
        ["PublishInspection"] = new("曝光或公开处理情况", "Publish the handling (曝光)", typeof(InspectionWritten)),
        ["GetInspection"] = new("执法检查及其整改、复查、处罚与曝光", "An inspection with its orders, re-inspections, penalties and publication", typeof(InspectionView)),
        ["GetRectificationOrders"] = new("未结的责令限期改正，标出逾期（分页）", "Open rectification orders, overdue ones marked (paged)", typeof(Ledger.Api.Search.Page<RectificationOrderEntry>)),
        ["ReceiveTip"] = new("受理举报（不登记举报人身份，联系方式加密）", "Receive a tip-off (no informant identity; a contact sealed)", typeof(TipWritten)),
        ["VerifyTip"] = new("查证举报", "Verify a tip-off", typeof(TipWritten)),
        ["RewardTip"] = new("经查证属实，给予举报奖励", "Reward a tip-off verified true", typeof(TipWritten)),
        ["GetTipOff"] = new("举报及其查证、奖励（仅本辖区执法部门）", "A tip-off, its verification and reward (the jurisdiction's regulators only)", typeof(TipView)),
        ["ListTipOffs"] = new("本辖区的举报（分页）", "Tip-offs of the jurisdiction (paged)", typeof(Ledger.Api.Search.Page<TipView>)),
        // 报表
        ["ListCompliancePrograms"] = new("合规报表项目及其目标与报送时间表", "Compliance programmes with their targets and schedules", typeof(IReadOnlyList<ComplianceProgrammeView>)),
        ["GetComplianceReport"] = new("合规报表：各项目标的分子、分母及人员", "The compliance report: each target's numerator, denominator and persons", typeof(ComplianceReport)),
        ["ExportComplianceReportXlsx"] = new("导出合规报表（XLSX）", "Export the compliance report (XLSX)", null, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ["PrintComplianceReport"] = new("合规报表打印版", "The printable compliance report", null, "text/html"),
        ["GetComplianceCalendar"] = new("本辖区的报送日历与逾期提醒", "The jurisdiction's reporting calendar and overdue reminders", typeof(ComplianceCalendarView)),
        ["GetComplianceCalendars"] = new("所有可见辖区的报送日历", "Reporting calendars of every visible jurisdiction", typeof(IReadOnlyList<ComplianceCalendarView>)),
        ["SubmitComplianceReport"] = new("报送合规报表", "Submit a compliance report for a period", typeof(ComplianceSubmissionWritten)),
        ["RecordComplianceBaseline"] = new("记录合规目标的基线", "Record a compliance target's baseline", typeof(ComplianceBaselineWritten)),
        // 政策
        ["GetJurisdictions"] = new("辖区树（省、市、区县）", "The jurisdiction tree (province, city, county)", typeof(IReadOnlyList<JurisdictionNode>)),
        ["GetPolicies"] = new("各辖区政策包的版本与生效期", "Policy pack versions and their effective periods", typeof(IReadOnlyList<PolicyVersionView>)),
        ["GetEffectivePolicy"] = new("某辖区某日生效的政策参数", "The policy parameters in force in a jurisdiction on a day", typeof(EffectivePolicyView)),
        // 导入
        ["ImportAttendance"] = new("批量导入学时（CSV：UTF-8 或 GBK；或 Excel .xlsx）", "Import attendance (CSV in UTF-8 or GBK, or an Excel .xlsx)", typeof(ImportReport), Upload: "text/csv"),
        ["ImportCertificates"] = new("批量导入证书（CSV：UTF-8 或 GBK；或 Excel .xlsx）", "Import certificates (CSV in UTF-8 or GBK, or an Excel .xlsx)", typeof(ImportReport), Upload: "text/csv"),
        ["GetImportTemplate"] = new("下载导入模板（中文表头；.xlsx 含填写说明，或 CSV）", "Download an import template (Chinese headers; .xlsx with instructions, or CSV)", null, "text/csv"),
        // 审计
        ["PublishDigest"] = new("签发账本摘要并推送至见证方", "Sign a digest of the ledger and push it to the witness", typeof(LedgerDigest)),
        ["GetInclusionProof"] = new("某事件包含在某摘要中的证明", "Proof that an event is included under a digest", typeof(InclusionProof)),
        ["GetSigningKeys"] = new("账本签名公钥（JWKS）", "The ledger's public signing keys (JWKS)", null, "application/jwk-set+json"),
    };

    /// <summary>Tags by route, most specific first: officials read the document by domain, not by C# class.</summary>
    public static readonly IReadOnlyList<(string Prefix, string Tag)> Tags =
    [
        ("/api/persons/{personId}/employments", "用工 Employment"),
        ("/api/persons/{personId}/assessments", "考核 Assessments"),
        ("/api/persons/{personId}/certificates", "证书 Certificates"),
        ("/api/persons/{personId}/obligations", "义务 Obligations"),
        ("/api/enterprises/{enterpriseId}/compliance", "义务 Obligations"),
        ("/api/persons", "人员 Persons"),
        ("/api/certificates", "证书 Certificates"),
        ("/api/catalog", "证书 Certificates"),
        ("/api/forgery-reports", "证书 Certificates"),
        ("/api/reports/issuance-deadline-breaches", "证书 Certificates"),
        ("/api/reports/possible-forgeries", "证书 Certificates"),
        ("/api/credentials", "审计 Audit"),
        ("/api/audit", "审计 Audit"),
        ("/api/enterprises", "企业 Enterprises"),
        ("/api/trainer-rosters", "企业 Enterprises"),
        ("/api/institutions", "培训机构 Institutions"),
        ("/api/reports/institution-anomalies", "培训机构 Institutions"),
        ("/api/training-classes", "培训 Training"),
        ("/api/claims", "补贴 Subsidies"),
        ("/api/reports/payout-ledger", "补贴 Subsidies"),
        ("/api/reports/double-payments", "补贴 Subsidies"),
        ("/api/reports/compliance", "报表 Reports"),
        ("/api/inspections", "执法 Enforcement"),
        ("/api/reports/rectification-orders", "执法 Enforcement"),
        ("/api/tip-offs", "执法 Enforcement"),
        ("/api/policies", "政策 Policies"),
        ("/api/jurisdictions", "政策 Policies"),
        ("/api/imports", "导入 Imports"),
    ];

    public static string TagOf(string route) =>
        Tags.FirstOrDefault(t => route == t.Prefix || route.StartsWith(t.Prefix + "/", StringComparison.Ordinal) || route.StartsWith(t.Prefix + ".", StringComparison.Ordinal)).Tag
        ?? "其他 Other";
}
