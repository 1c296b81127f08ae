using System.Globalization;
using System.Text.RegularExpressions;
using Docket.Web.Features.Accounts;
using Docket.Web.Features.Education;
using Docket.Web.Features.Organisation;
using Docket.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages.Education.Materials;

/// <summary>
/// The study materials (应知应会): every member sees the list; the committee (and admins) add a chapter in Markdown
/// with up to <see cref="QuestionRows"/> quiz questions (options one per line, the answer as option numbers).
/// </summary>
[Authorize(Roles = $"{Roles.Officer},{Roles.UnitAdmin},{Roles.CommitteeAdmin},{Roles.Admin}")]
public sealed partial class IndexModel(UserManager<User> users, DocketDbContext db, Features.Education.Materials materials, IStringLocalizer<Messages> l)
    : PageModel
{
    public const int QuestionRows = 5;

    public sealed class QuestionRow
    {
        public string? Text { get; set; }
        public string? Kind { get; set; }
        public string? Options { get; set; }
        public string? Answer { get; set; }
        public bool Blank => string.IsNullOrWhiteSpace(Text) && string.IsNullOrWhiteSpace(Options) && string.IsNullOrWhiteSpace(Answer);
    }

    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Markdown { get; set; }
    [BindProperty] public List<QuestionRow> Questions { get; set; } = [];

    public List<MaterialSummaryDto> List { get; private set; } = [];
    public bool IsCommittee { get; private set; }
    public bool IsManager { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } denied) return denied;
        var caller = (await OrgScope.CallerAsync(users, db, User, ct)).Value;
        if (!IsCommittee) return Forbid();
        var kept = Questions.Select((q, i) => (q, i)).Where(x => !x.q.Blank).ToList();
        var input = kept.Select(x => (Features.Education.Materials.QuestionInput?)new Features.Education.Materials.QuestionInput(
            x.q.Text, x.q.Kind, [.. (x.q.Options ?? "").Split('\n').Select(o => o.Trim()).Where(o => o.Length > 0)],
            Answers(x.q.Answer))).ToList();
        var r = await materials.CreateAsync(caller, new Features.Education.Materials.CreateRequest(Title, Markdown, input), ct);
        if (!r.IsOk)
        {
            foreach (var (field, codes) in r.Error!.Fields ?? new Dictionary<string, string[]>())
            {
                var m = QuestionField().Match(field);
                var key = m.Success
                    ? $"Questions[{kept[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)].i}].{char.ToUpperInvariant(m.Groups[2].Value[0])}{m.Groups[2].Value[1..]}"
                    : char.ToUpperInvariant(field[0]) + field[1..];
                foreach (var code in codes) ModelState.AddModelError(key, l.Text(code));
            }
            ModelState.AddModelError(string.Empty, l.Text(r.Error.Code));
            return Page();
        }
        return Redirect($"/Education/Materials/{r.Value.Id}");
    }

    /// <summary>"1, 3" (option numbers as people count them) → [0, 2]; anything unreadable → -1, refused by the use case.</summary>
    static List<int> Answers(string? s) =>
        [.. (s ?? "").Split([',', '，', ' ', '、'], StringSplitOptions.RemoveEmptyEntries)
            .Select(x => int.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n - 1 : -1)];

    async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var caller = await OrgScope.CallerAsync(users, db, User, ct);
        if (!caller.IsOk) return Forbid();
        IsCommittee = caller.Value.IsCommittee;
        IsManager = caller.Value.IsManager;
        List = (await materials.ListAsync(ct)).Value;
        return null;
    }

    [GeneratedRegex(@"^questions\[(\d+)\]\.(\w+)$")]
    private static partial Regex QuestionField();
}
