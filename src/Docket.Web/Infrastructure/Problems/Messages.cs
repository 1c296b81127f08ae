using Microsoft.Extensions.Localization;

namespace Docket.Web;

/// <summary>Marker for the resource files <c>Resources/Messages.resx</c> (zh-CN, the neutral language) and <c>Messages.en.resx</c>.</summary>
public sealed class Messages;

public static class MessageExtensions
{
    /// <summary>The localized text of a message code; an unknown code falls back to the code itself.</summary>
    public static string Text(this IStringLocalizer<Messages> l, string code, params object[] args)
    {
        var s = l[code];
        var text = s.ResourceNotFound ? code : s.Value;
        return args.Length == 0 ? text : string.Format(System.Globalization.CultureInfo.CurrentCulture, text, args);
    }
}
