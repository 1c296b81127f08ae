namespace Docket.Web.Features.Filings;

/// <summary>A case type offered for filing (filing.md, "Case types offered for filing").</summary>
public sealed record CaseType(
    string Code,
    string NameZh,
    string NameEn,
    string TypeCode,
    int DecisionDays,
    IReadOnlyList<string> Matters,
    string PlaintiffLabel,
    string DefendantLabel,
    bool NeedsEffectiveJudgment = false,
    bool NeedsMediationAgreement = false);

public static class CaseTypes
{
    public static readonly IReadOnlyList<CaseType> All =
    [
        // CPL Art. 126: 7 days to decide whether to register.
        new("civil-first-instance", "民事一审", "Civil, first instance", "民初", 7,
            ["property", "divorce", "personality-rights", "other-non-property", "intellectual-property", "labour"], "原告", "被告"),
        // Administrative Litigation Law Art. 51.
        new("administrative-first-instance", "行政一审", "Administrative, first instance", "行初", 7,
            ["administrative", "administrative-ip-maritime"], "原告", "被告"),
        // 登记立案规定 Art. 8: 15 days for private prosecutions.
        new("criminal-private-prosecution", "刑事自诉", "Criminal private prosecution", "刑初", 15, ["none"], "自诉人", "被告人"),
        // Enforcement fees are paid after enforcement (fee measures Art. 20).
        new("enforcement", "申请执行", "Application for enforcement", "执", 7, ["enforcement"], "申请执行人", "被执行人",
            NeedsEffectiveJudgment: true),
        // No fee at a retrial application (fee measures Art. 9).
        new("civil-retrial-application", "民事申请再审", "Civil retrial application", "民申", 7, ["none"], "申请人", "被申请人",
            NeedsEffectiveJudgment: true),
        // CPL Art. 226: 5 days.
        new("payment-order", "申请支付令", "Payment order", "民督", 5, ["payment-order"], "申请人", "被申请人"),
        // 2011 SPC rules on judicial confirmation: 3 days to accept; free (fee measures Art. 8).
        new("judicial-confirmation", "申请司法确认", "Judicial confirmation", "民特", 3, ["special-procedure"], "申请人", "被申请人",
            NeedsMediationAgreement: true),
    ];

    static readonly Dictionary<string, CaseType> ByCode = All.ToDictionary(t => t.Code, StringComparer.Ordinal);

    public static CaseType? Find(string? code) => code is not null && ByCode.TryGetValue(code, out var t) ? t : null;

    public static string Name(string code, bool english = false) =>
        Find(code) is { } t ? english ? t.NameEn : t.NameZh : code;
}

/// <summary>Common causes of action (民事案件案由规定 and administrative causes), offered as suggestions.</summary>
public static class Causes
{
    public static readonly IReadOnlyList<string> Common =
    [
        "买卖合同纠纷", "民间借贷纠纷", "金融借款合同纠纷", "离婚纠纷", "离婚后财产纠纷", "抚养纠纷", "赡养纠纷", "继承纠纷",
        "劳动争议", "追索劳动报酬纠纷", "机动车交通事故责任纠纷", "物业服务合同纠纷", "房屋租赁合同纠纷", "房屋买卖合同纠纷",
        "建设工程施工合同纠纷", "服务合同纠纷", "承揽合同纠纷", "运输合同纠纷", "保险纠纷", "健康权纠纷", "生命权、身体权、健康权纠纷",
        "名誉权纠纷", "相邻关系纠纷", "土地承包经营权纠纷", "侵权责任纠纷", "提供劳务者受害责任纠纷", "医疗损害责任纠纷",
        "不当得利纠纷", "合伙合同纠纷", "股权转让纠纷", "著作权权属、侵权纠纷", "商标权权属、侵权纠纷",
        "行政处罚", "行政许可", "行政强制", "行政赔偿", "政府信息公开", "请求确认人民调解协议效力", "申请支付令", "申请执行",
    ];
}
