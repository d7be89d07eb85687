namespace Ledger.Api.WebConsole;

/// <summary>The request fields the console's forms send, by the label officials see; the path itself stays the tooltip.</summary>
public static class FieldNames
{
    private static readonly Dictionary<string, (string Zh, string En)> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["number"] = ("证书编号", "Certificate number"),
        ["certificateNumber"] = ("证书编号", "Certificate number"),
        ["name"] = ("姓名", "Name"),
        ["idNumber"] = ("身份证号", "ID number"),
        ["idNumberLast"] = ("身份证号后几位", "Last digits of the ID number"),
        ["asOf"] = ("截至日期", "As of"),
        ["on"] = ("日期", "Date"),
        ["reason"] = ("理由", "Reason"),
        ["version"] = ("版本", "Version"),
        ["workType"] = ("工种", "Work type"),
        ["kind"] = ("类别", "Kind"),
        ["count"] = ("人数", "Head count"),
        ["requestedAmount"] = ("申请金额", "Requested amount"),
        ["institutionId"] = ("培训机构", "Training institution"),
        ["enterpriseId"] = ("企业", "Enterprise"),
        ["handlerName"] = ("经办人姓名", "Handler"),
        ["handlerMobile"] = ("经办人手机", "Handler's mobile"),
        ["trainingFrom"] = ("培训开始", "Training from"),
        ["trainingUntil"] = ("培训结束", "Training until"),
        ["certifiedCount"] = ("取证人数", "Certified"),
        ["applicationDate"] = ("申请日期", "Application date"),
        ["commitment"] = ("承诺", "Commitment"),
        ["text"] = ("承诺内容", "Commitment text"),
        ["signer"] = ("承诺人", "Signed by"),
        ["signedOn"] = ("承诺日期", "Signed on"),
        ["roster"] = ("人员名单", "Roster"),
        ["workTypes"] = ("培训工种", "Work types"),
        ["lines"] = ("名单", "Lines"),
        ["lineNo"] = ("行号", "Line number"),
        ["approved"] = ("核准", "Approved"),
        ["statement"] = ("确认声明", "Statement"),
        ["attestedOn"] = ("确认日期", "Attested on"),
        ["systemReference"] = ("核验系统参考号", "System reference"),
        ["verifiedOn"] = ("核验日期", "Verified on"),
        ["paymentReference"] = ("支付凭证号", "Payment reference"),
        ["payee"] = ("收款人", "Payee"),
        ["payeeAccount"] = ("收款账号", "Payee account"),
        ["amount"] = ("金额", "Amount"),
        ["paidOn"] = ("发放日期", "Paid on"),
        ["bankReference"] = ("银行流水号", "Bank reference"),
        ["jurisdiction"] = ("辖区", "Jurisdiction"),
        ["stage"] = ("阶段", "Stage"),
        ["period"] = ("期间", "Period"),
        ["page"] = ("页码", "Page"),
        ["q"] = ("查询内容", "Search"),
        ["file"] = ("文件", "File"),
    };

    public static string Name(ConsolePage page, string path)
    {
        var last = path.Split('.')[^1];
        return Names.TryGetValue(last, out var n) ? page.L(n.Zh, n.En) : page.L("所填内容", last);
    }
}
