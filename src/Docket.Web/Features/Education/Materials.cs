using Docket.Web.Features.Organisation;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Ganss.Xss;
using Markdig;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Docket.Web.Features.Education;

public sealed record QuizQuestion(string Text, string Kind, List<string> Options, List<int> Answer);

/// <summary>A chapter of the study materials (应知应会): Markdown, its sanitized HTML, and a quiz.</summary>
public sealed class StudyMaterial
{
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public string Markdown { get; set; } = "";
    public string Html { get; set; } = "";
    public List<QuizQuestion> Questions { get; set; } = [];
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>An officer's reading of and best quiz score on one chapter.</summary>
public sealed class MaterialProgress
{
    public string MaterialId { get; set; } = "";
    public string OfficerId { get; set; } = "";
    public DateTime? ReadAt { get; set; }
    public int Attempts { get; set; }
    public int? BestScore { get; set; }
    public int? LastScore { get; set; }
}

/// <summary>Printed copies of a chapter handed out in a unit (e.g. 650 pocket books).</summary>
public sealed class MaterialCopies
{
    public string MaterialId { get; set; } = "";
    public string UnitId { get; set; } = "";
    public int Copies { get; set; }
}

public sealed class StudyMaterialConfiguration : IEntityTypeConfiguration<StudyMaterial>
{
    public void Configure(EntityTypeBuilder<StudyMaterial> b)
    {
        b.ToTable("study_materials");
        b.HasKey(m => m.Id);
        b.Property(m => m.Id).HasMaxLength(32);
        b.Property(m => m.Title).HasMaxLength(200);
        b.Property(m => m.CreatedBy).HasMaxLength(64);
        b.Property(m => m.Questions).HasConversion(new JsonListConverter<QuizQuestion>(), JsonListConverter<QuizQuestion>.Comparer);
    }
}

public sealed class MaterialProgressConfiguration : IEntityTypeConfiguration<MaterialProgress>
{
    public void Configure(EntityTypeBuilder<MaterialProgress> b)
    {
        b.ToTable("study_material_progress");
        b.HasKey(p => new { p.MaterialId, p.OfficerId });
        b.Property(p => p.MaterialId).HasMaxLength(32);
        b.Property(p => p.OfficerId).HasMaxLength(64);
    }
}

public sealed class MaterialCopiesConfiguration : IEntityTypeConfiguration<MaterialCopies>
{
    public void Configure(EntityTypeBuilder<MaterialCopies> b)
    {
        b.ToTable("study_material_copies");
        b.HasKey(c => new { c.MaterialId, c.UnitId });
        b.Property(c => c.MaterialId).HasMaxLength(32);
        b.Property(c => c.UnitId).HasMaxLength(64);
    }
}

public sealed record QuizQuestionDto(string Text, string Kind, List<string> Options);

public sealed record StudyMaterialDto(string Id, string Title, string Html, List<QuizQuestionDto> Questions);

public sealed record MaterialSummaryDto(string Id, string Title, int Questions);

public sealed record ProgressDto(string MaterialId, string OfficerId, bool Read, int Attempts, int? BestScore, int? LastScore);

public sealed record AttemptResultDto(int Score, int Correct, int Total, List<bool> Results, ProgressDto Progress);

public sealed record MaterialUnitDto(string UnitId, string Name, int Officers, int Read, double ReadShare, double? AverageScore, int PrintedCopies);

public sealed record MaterialReportDto(
    string MaterialId, string UnitId, int Officers, int Read, double ReadShare, double? AverageScore, int PrintedCopies, List<MaterialUnitDto> ByUnit);

/// <summary>
/// Study materials readable on a phone: chapters in Markdown (raw HTML disabled, the output sanitized again), quizzes
/// of single or multiple choice scored 0–100, each officer's reading and best score, printed copies per unit, and the
/// read share and average score per unit (counts only, no names).
/// </summary>
public sealed class Materials(DocketDbContext db, TimeProvider clock)
{
    static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UsePipeTables().UseEmphasisExtras().Build();

    public sealed record QuestionInput(string? Text, string? Kind, List<string?>? Options, List<int>? Answer);

    public sealed record CreateRequest(string? Title, string? Markdown, List<QuestionInput?>? Questions);

    public sealed record AttemptRequest(List<List<int>?>? Answers);

    public sealed record CopiesRequest(string? UnitId, int? Copies);

    /// <summary>Markdown to HTML with raw HTML off, then through an allow-list sanitizer (links keep http(s) only).</summary>
    public static string Render(string markdown)
    {
        var html = Markdig.Markdown.ToHtml(markdown, Pipeline);
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("http");
        return sanitizer.Sanitize(html);
    }

    public async Task<Result<StudyMaterialDto>> CreateAsync(OrgCaller caller, CreateRequest? r, CancellationToken ct)
    {
        if (!caller.IsCommittee) return new Error(403, "auth.forbidden");
        if (r is null) return Error.BadRequest("request.malformed");
        var e = new FieldErrors();
        var title = EducationInput.Text(r.Title, "title", 200, e);
        var markdown = EducationInput.Text(r.Markdown, "markdown", 200_000, e);
        var questions = new List<QuizQuestion>();
        if (r.Questions is { Count: > 200 }) e.Add("questions", "education.too-many-items");
        else
            foreach (var (q, i) in (r.Questions ?? []).Select((q, i) => (q, i)))
            {
                var text = EducationInput.Text(q?.Text, $"questions[{i}].text", 1000, e);
                var kind = q?.Kind;
                if (kind is not ("single" or "multiple")) e.Add($"questions[{i}].kind", "education.quiz-kind-invalid");
                var options = (q?.Options ?? []).Select(o => (o ?? "").Trim()).ToList();
                if (options.Count is < 2 or > 10 || options.Any(o => o.Length is 0 or > 500)) e.Add($"questions[{i}].options", "education.quiz-options-invalid");
                var answer = (q?.Answer ?? []).Distinct().Order().ToList();
                if (answer.Count == 0 || answer.Any(a => a < 0 || a >= options.Count) || (kind == "single" && answer.Count != 1))
                    e.Add($"questions[{i}].answer", "education.quiz-answer-invalid");
                questions.Add(new QuizQuestion(text, kind ?? "", options, answer));
            }
        if (e.Any) return e.ToError();
        var m = new StudyMaterial
        {
            Id = EducationInput.NewId(), Title = title, Markdown = markdown, Html = Render(markdown), Questions = questions, CreatedBy = caller.User.Id,
            CreatedAt = ChinaTime.UtcNow(clock),
        };
        db.StudyMaterials.Add(m);
        await db.SaveChangesAsync(ct);
        return Dto(m);
    }

    static StudyMaterialDto Dto(StudyMaterial m) =>
        new(m.Id, m.Title, m.Html, [.. m.Questions.Select(q => new QuizQuestionDto(q.Text, q.Kind, q.Options))]);

    /// <summary>The materials are the committee's, for every member of the organisation.</summary>
    public async Task<Result<List<MaterialSummaryDto>>> ListAsync(CancellationToken ct) =>
        (await db.StudyMaterials.AsNoTracking().OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync(ct))
            .Select(m => new MaterialSummaryDto(m.Id, m.Title, m.Questions.Count)).ToList();

    public async Task<Result<StudyMaterialDto>> GetAsync(string id, CancellationToken ct) =>
        await db.StudyMaterials.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct) is { } m ? Dto(m) : Error.NotFound();

    async Task<Result<(StudyMaterial Material, string OfficerId)>> OwnAsync(OrgCaller caller, string id, CancellationToken ct)
    {
        var m = await db.StudyMaterials.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null) return Error.NotFound();
        var officer = await db.Officers.AsNoTracking().Where(o => o.UserId == caller.User.Id).Select(o => o.Id).FirstOrDefaultAsync(ct);
        if (officer is null) return new Error(403, "education.officer-not-linked");
        return (m, officer);
    }

    async Task<MaterialProgress> ProgressAsync(string materialId, string officerId, CancellationToken ct)
    {
        var p = await db.MaterialProgress.FirstOrDefaultAsync(x => x.MaterialId == materialId && x.OfficerId == officerId, ct);
        if (p is null)
        {
            p = new MaterialProgress { MaterialId = materialId, OfficerId = officerId };
            db.MaterialProgress.Add(p);
        }
        return p;
    }

    static ProgressDto Dto(MaterialProgress p) => new(p.MaterialId, p.OfficerId, p.ReadAt is not null, p.Attempts, p.BestScore, p.LastScore);

    public async Task<Result<ProgressDto>> ReadAsync(OrgCaller caller, string id, CancellationToken ct)
    {
        var own = await OwnAsync(caller, id, ct);
        if (!own.IsOk) return own.Error!;
        var p = await ProgressAsync(id, own.Value.OfficerId, ct);
        p.ReadAt ??= ChinaTime.UtcNow(clock);
        await db.SaveChangesAsync(ct);
        return Dto(p);
    }

    /// <summary>Score = questions answered exactly right ÷ questions, as a whole percentage; the best attempt counts.</summary>
    public async Task<Result<AttemptResultDto>> AttemptAsync(OrgCaller caller, string id, AttemptRequest? r, CancellationToken ct)
    {
        var own = await OwnAsync(caller, id, ct);
        if (!own.IsOk) return own.Error!;
        var m = own.Value.Material;
        if (m.Questions.Count == 0) return Error.Conflict("education.quiz-none");
        if (r?.Answers is null || r.Answers.Count != m.Questions.Count) return Error.Validation("answers", "education.quiz-answers-count");
        var results = m.Questions.Select((q, i) => (r.Answers[i] ?? []).Distinct().Order().SequenceEqual(q.Answer)).ToList();
        var correct = results.Count(x => x);
        var score = (int)Math.Round(100.0 * correct / m.Questions.Count, MidpointRounding.AwayFromZero);
        var p = await ProgressAsync(id, own.Value.OfficerId, ct);
        p.Attempts++;
        p.LastScore = score;
        p.BestScore = Math.Max(p.BestScore ?? 0, score);
        p.ReadAt ??= ChinaTime.UtcNow(clock);
        await db.SaveChangesAsync(ct);
        return new AttemptResultDto(score, correct, m.Questions.Count, results, Dto(p));
    }

    public async Task<Result<MaterialUnitDto>> SetCopiesAsync(OrgCaller caller, string id, CopiesRequest? r, CancellationToken ct)
    {
        if (!await db.StudyMaterials.AnyAsync(m => m.Id == id, ct)) return Error.NotFound();
        if (r is null) return Error.BadRequest("request.malformed");
        var unit = EducationInput.Optional(r.UnitId);
        if (unit is not null && !caller.Sees(unit)) return Error.NotFound();
        var e = new FieldErrors();
        if (unit is null) e.Add("unitId", "education.text-required");
        if (r.Copies is not (>= 0 and <= 1_000_000)) e.Add("copies", "education.copies-invalid");
        if (e.Any) return e.ToError();
        var row = await db.MaterialCopies.FirstOrDefaultAsync(c => c.MaterialId == id && c.UnitId == unit, ct);
        if (row is null) db.MaterialCopies.Add(row = new MaterialCopies { MaterialId = id, UnitId = unit! });
        row.Copies = r.Copies!.Value;
        await db.SaveChangesAsync(ct);
        var report = await ReportAsync(caller, id, unit, ct);
        return report.Value.ByUnit.First(u => u.UnitId == unit);
    }

    public async Task<Result<MaterialReportDto>> ReportAsync(OrgCaller caller, string id, string? unitId, CancellationToken ct)
    {
        if (!await db.StudyMaterials.AnyAsync(m => m.Id == id, ct)) return Error.NotFound();
        var root = EducationInput.Optional(unitId) ?? caller.HomeUnit;
        if (root is null || !caller.Sees(root)) return Error.NotFound();
        var subtree = caller.Subtree(root);
        var list = subtree.ToList();
        var officers = await db.Officers.AsNoTracking().Where(o => list.Contains(o.UnitId)).GroupBy(o => o.UnitId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var progress = await (
                from p in db.MaterialProgress
                join o in db.Officers on p.OfficerId equals o.Id
                where p.MaterialId == id && list.Contains(o.UnitId)
                select new { o.UnitId, Read = p.ReadAt != null, p.BestScore })
            .AsNoTracking().ToListAsync(ct);
        var copies = await db.MaterialCopies.AsNoTracking().Where(c => c.MaterialId == id && list.Contains(c.UnitId))
            .ToDictionaryAsync(c => c.UnitId, c => c.Copies, ct);
        static double? Average(IEnumerable<int?> scores) =>
            scores.OfType<int>().ToList() is { Count: > 0 } s ? Math.Round(s.Average(), 1) : null;
        var byUnit = OrgTree.Ordered(caller.Units, subtree).Select(u =>
        {
            var mine = progress.Where(p => p.UnitId == u.Id).ToList();
            var n = officers.GetValueOrDefault(u.Id);
            var read = mine.Count(p => p.Read);
            return new MaterialUnitDto(u.Id, u.Name, n, read, EducationInput.Rate(read, n), Average(mine.Select(p => p.BestScore)), copies.GetValueOrDefault(u.Id));
        }).ToList();
        var total = officers.Values.Sum();
        var readAll = progress.Count(p => p.Read);
        return new MaterialReportDto(id, root, total, readAll, EducationInput.Rate(readAll, total), Average(progress.Select(p => p.BestScore)),
            copies.Values.Sum(), byUnit);
    }
}
