using System.Globalization;

namespace Docket.Web.Features.CaseNumbers;

/// <summary>案号 (最高人民法院关于人民法院案件案号的若干规定): （年）代字类型代字序号号, full-width parentheses, no spaces.</summary>
public static class CaseNumberFormat
{
    public static string Format(int year, string courtAbbreviation, string typeCode, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"（{year}）{courtAbbreviation}{typeCode}{sequence}号");
}
