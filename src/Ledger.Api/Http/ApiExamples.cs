namespace Ledger.Api.Http;

/// <summary>
/// A request body for each of the daily writes, as the published API document shows it: what a caller copies first.
/// <c>OpenApiDocumentTests</c> posts every one to its route and fails on a 400, so an example cannot drift from what the
/// validators accept (ids in them name nothing, so the answers are 404s and rule refusals, never a malformed request).
/// </summary>
public static class ApiExamples
{
    public static readonly IReadOnlyDictionary<string, string> ByName = new Dictionary<string, string>
    {
        ["RegisterPerson"] = """{"idNumber":"11010519491231002X","name":"张三","education":"senior-secondary","hukouDistrict":"天津市蓟州区","mobile":"13812345678"}""",
        ["FindPerson"] = """{"idNumber":"11010519491231002X"}""",
        ["FindPersonsByName"] = """{"name":"张三","idNumberLast":"002X"}""",
        ["IssueCertificate"] = """{"number":"T120225199001","kind":"special-operation","workType":"electrical.low-voltage","examPoint":"蓟州区安全生产考试点","examDate":"2026-02-16","passDate":"2026-02-16","issuedOn":"2026-02-18","issuingAuthority":"天津市应急管理局","validFrom":"2026-02-18"}""",
        ["ReviewCertificate"] = """{"reviewedOn":"2026-02-20","passed":true,"reviewPassDate":"2026-02-19","version":1}""",
        ["SuspendCertificate"] = """{"from":"2026-02-20","reason":"现场检查发现违章作业","legalBasis":"《特种作业人员安全技术培训考核管理规定》第三十九条","version":2}""",
        ["RevokeCertificate"] = """{"on":"2026-02-21","ground":"deception","reason":"以欺骗手段取得","legalBasis":"原国家安全监管总局令第30号第三十条","version":2}""",
        ["VerifyCertificateByPost"] = """{"number":"T120225199001","name":"张三","on":"2026-02-20"}""",
        ["ReportForgedCertificate"] = """{"number":"TJ-FORGED-7","whereFound":"现场检查","reportedOn":"2026-02-20","reason":"无防伪标识"}""",
        ["RegisterEnterprise"] = """{"creditCode":"91350100M000100Y43","name":"蓟州化工有限公司","legalRepresentative":"王强","industry":"hazardous-chemicals","jurisdiction":"tj-jizhou","aboveDesignatedSize":true,"headcount":640,"trainingCapability":"self-training"}""",
        ["RegisterInstitution"] = """{"creditCode":"91120225MA05K3L71Q","name":"蓟州区安全技能培训学校","kind":"training-institution","jurisdiction":"tj-jizhou","registeredOn":"2025-01-02"}""",
        ["FileInstitution"] = """{"filingAuthority":"蓟州区应急管理局","scope":["electrical.low-voltage"],"filedOn":"2025-03-01","reason":"备案登记","version":1}""",
        ["Hire"] = """{"enterpriseId":"3f2504e0-4f89-11d3-9a0c-0305e82c3301","post":"电工","keyPost":true,"teamLeader":false,"specialOperationWorkType":"electrical.low-voltage","relation":"labour-contract","hiredOn":"2026-02-02","version":1}""",
        ["OpenTrainingClass"] = """{"providerKind":"enterprise","providerId":"3f2504e0-4f89-11d3-9a0c-0305e82c3301","course":"岗前安全培训","syllabusVersion":"2026","requiredHours":72,"kind":"new-hire-induction","openedOn":"2026-02-02"}""",
        ["HoldSession"] = """{"date":"2026-02-02","start":"08:00","end":"16:00","mode":"classroom","instructor":"王老师","place":"培训室","content":"安全生产法规","lateEntryReason":"补录纸质签到表","version":1}""",
        ["CreditAttendance"] = """{"sessionId":"3f2504e0-4f89-11d3-9a0c-0305e82c3302","personId":"3f2504e0-4f89-11d3-9a0c-0305e82c3303","hours":8,"lateEntryReason":"补录纸质签到表"}""",
        ["RecordAssessment"] = """{"kind":"post-assessment","enterpriseId":"3f2504e0-4f89-11d3-9a0c-0305e82c3301","theoryScore":92,"theoryPassMark":80,"practicalScore":88,"practicalPassMark":80,"practicalMode":"real-equipment","keySkillsFailed":[],"assessedOn":"2026-02-20","assessor":"考评员甲"}""",
        ["SubmitClaim"] = """{"enterpriseId":"3f2504e0-4f89-11d3-9a0c-0305e82c3301","handlerName":"赵经办","handlerMobile":"13900001111","institutionId":"3f2504e0-4f89-11d3-9a0c-0305e82c3304","workTypes":[{"workType":"electrical.low-voltage","count":1}],"trainingFrom":"2021-03-01","trainingUntil":"2021-03-02","certifiedCount":1,"requestedAmount":1000,"applicationDate":"2021-06-01","commitment":{"text":"本企业申报安全技能提升补贴的特种作业人员已依法建立了劳动(用工)关系,补贴资金申请信息真实全面、准确无误,愿意承担虚假培训及申报产生的全部法律责任。","signer":"刘经理","signedOn":"2021-06-01"},"roster":[{"lineNo":1,"name":"赵工","workType":"electrical.low-voltage","idNumber":"11010519491231002X","certificateNumber":"T001001","kind":"special-operation-initial","requestedAmount":1000}]}""",
        ["AttestClaim"] = """{"statement":"以上人员按培训大纲要求，在我机构完成理论授课和实操全部课程","attestedOn":"2021-06-03","version":1}""",
        ["VerifyClaim"] = """{"systemReference":"黑龙江省安全生产培训考核系统 2021-06-06","verifiedOn":"2021-06-06","version":2}""",
        ["ApproveClaim"] = """{"lines":[{"lineNo":1,"approved":true}],"on":"2021-06-11","version":3}""",
        ["RejectClaim"] = """{"reason":"名单第 1 行证书与台账不符","on":"2021-06-11","version":3}""",
        ["DisburseClaim"] = """{"paymentReference":"HLJ-PAY-0001","payee":"哈尔滨化工有限公司","payeeAccount":"6222020200001234567","amount":1000,"paidOn":"2021-06-16","version":4}""",
        ["ReconcileClaim"] = """{"bankReference":"BOC-20210619","on":"2021-06-19","version":5}""",
        ["OrderClawback"] = """{"lineNos":[1],"reason":"证书以欺骗手段取得已撤销","ruleIds":["FR-04"],"on":"2021-07-05","version":6}""",
        ["RepayClawback"] = """{"amount":1000,"reference":"REFUND-1","on":"2021-07-20","version":7}""",
    };
}
