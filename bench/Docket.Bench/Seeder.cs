using System.Diagnostics;
using Docket.Web.Features.Accounts;
using Docket.Web.Features.Courts;
using Docket.Web.Features.Fees;
using Docket.Web.Features.Filings;
using Docket.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Docket.Bench;

/// <summary>
/// Seeds a court with many filings directly through the app's own entities (so every row is one the app itself could
/// have written: transitions guarded, audit events hash-chained, receipts frozen) and its DbContext, in batches.
/// The distribution is that of a court's whole history at a steady flow: most filings decided long ago (registered
/// above all), the pending ones (submitted, under review) submitted over the last three weeks, so that their decision
/// deadlines spread over the weeks around today, some already overdue. The same proportions at every size: a court
/// with ten times the filings has ten times the pending ones, the harder case for the queue.
/// </summary>
public sealed class Seeder(Func<DocketDbContext> newContext, bool postgres)
{
    // (status, weight in %): what a court's filings are, over their whole history.
    static readonly (string Status, int Weight)[] Statuses =
    [
        (FilingStatus.Registered, 45), (FilingStatus.Submitted, 22), (FilingStatus.UnderReview, 14),
        (FilingStatus.CorrectionRequested, 4), (FilingStatus.Rejected, 3), (FilingStatus.Withdrawn, 3), (FilingStatus.Draft, 3),
        (FilingStatus.Lapsed, 2), (FilingStatus.Returned, 1), (FilingStatus.AwaitingForward, 1), (FilingStatus.DivertedToMediation, 2),
    ];

    // (case type, weight in %)
    static readonly (string Code, int Weight)[] Types =
    [
        ("civil-first-instance", 68), ("enforcement", 12), ("payment-order", 6), ("administrative-first-instance", 4),
        ("civil-retrial-application", 4), ("judicial-confirmation", 3), ("criminal-private-prosecution", 3),
    ];

    static readonly string[] Causes = ["买卖合同纠纷", "民间借贷纠纷", "机动车交通事故责任纠纷", "劳务合同纠纷", "离婚纠纷", "金融借款合同纠纷", "物业服务合同纠纷", "租赁合同纠纷"];
    static readonly string[] OtherCourts = ["620622", "620602", "620623", "370502"];

    int sequence;

    /// <summary>Adds <paramref name="count"/> filings to <paramref name="courtId"/>; returns how many of them wait in its default queue.</summary>
    public async Task<int> SeedAsync(string courtId, int count, int seed)
    {
        var sw = Stopwatch.StartNew();
        string abbreviation;
        await using (var db = newContext())
            abbreviation = (await db.Courts.AsNoTracking().FirstAsync(c => c.Id == courtId)).Abbreviation;
        var r = new Random(seed);
        var owners = Enumerable.Range(0, Math.Max(50, count / 5)).Select(_ => Guid.NewGuid().ToString()).ToArray();
        var clerks = Enumerable.Range(1, 6).Select(i => new Actor($"bench-clerk-{courtId}-{i}", $"书记员{i}", Roles.Clerk)).ToArray();
        var now = DateTime.UtcNow;
        const int batchSize = 1000;
        var pending = 0;
        for (var done = 0; done < count; done += batchSize)
        {
            var batch = new List<Filing>(batchSize);
            for (var i = 0; i < Math.Min(batchSize, count - done); i++)
            {
                var f = Make(r, courtId, abbreviation, owners, clerks, now);
                if (f.Status is FilingStatus.Submitted or FilingStatus.UnderReview or FilingStatus.AwaitingForward) pending++;
                batch.Add(f);
            }
            await using var db = newContext();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Filings.AddRange(batch);
            await db.SaveChangesAsync();
        }
        await using (var db = newContext())
        {
            // What autovacuum does on a live server after such growth (statistics and the visibility map for
            // index-only scans). SQLite's app never runs ANALYZE, so neither does the bench there.
            if (postgres)
                await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE filings, filing_parties, filing_documents, receipts, filing_events");
        }
        Report.Log($"seeded {count} filings at {courtId} in {sw.Elapsed.TotalSeconds:0.0} s ({pending} waiting in its queue)");
        return pending;
    }

    Filing Make(Random r, string courtId, string abbreviation, string[] owners, Actor[] clerks, DateTime now)
    {
        var n = Interlocked.Increment(ref sequence);
        var status = Pick(r, Statuses);
        var type = CaseTypes.Find(Pick(r, Types))!;
        var owner = owners[r.Next(owners.Length)];
        var filer = new Actor(owner, Names.Person(r), Roles.Filer);
        var clerk = clerks[r.Next(clerks.Length)];
        var pendingStatus = status is FilingStatus.Submitted or FilingStatus.UnderReview or FilingStatus.AwaitingForward
            or FilingStatus.Draft or FilingStatus.CorrectionRequested;
        // Pending filings were submitted in the last three weeks; decided ones over the last two years.
        var submitted = pendingStatus ? now.AddMinutes(-r.Next(10, 21 * 24 * 60)) : now.AddMinutes(-r.Next(21 * 24 * 60, 730 * 24 * 60));
        var created = submitted.AddMinutes(-r.Next(5, 3 * 24 * 60));

        // Cross-region: a filing for another court entered where this court cooperates (it forwards it).
        var crossRegion = status is FilingStatus.AwaitingForward or FilingStatus.Returned;
        var f = Filing.Create(owner, crossRegion ? OtherCourts[r.Next(OtherCourts.Length)] : courtId, type,
            crossRegion ? courtId : null, filer, created);
        f.Edit(Content(r, type), created.AddMinutes(1));
        var docs = new List<string> { "complaint", "identity" };
        if (type.NeedsEffectiveJudgment) docs.Add("effective-judgment");
        if (type.NeedsMediationAgreement) docs.Add("mediation-agreement");
        if (r.Next(3) == 0) docs.Add("evidence");
        foreach (var kind in docs)
            f.AddDocument(kind, kind + ".pdf", "application/pdf", r.Next(40_000, 4_000_000), Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()), created.AddMinutes(2));
        if (status == FilingStatus.Draft) return f;
        if (status == FilingStatus.Withdrawn && r.Next(3) == 0)
        {
            f.Withdraw(filer, null, created.AddMinutes(30));
            return f;
        }

        var deadline = Deadline(ShanghaiDate(submitted), type.DecisionDays);
        f.Submit(filer, submitted, deadline, ReceiptNumbers.New(courtId, submitted));
        if (crossRegion)
        {
            if (status == FilingStatus.Returned) f.Return(clerk, "身份信息无法核实", submitted.AddHours(r.Next(1, 48)));
            return f;
        }
        if (status == FilingStatus.Submitted) return f;
        if (status == FilingStatus.Withdrawn)
        {
            f.Withdraw(filer, "当事人自行和解", submitted.AddHours(r.Next(1, 72)));
            return f;
        }

        var claimed = submitted.AddMinutes(r.Next(5, 3 * 24 * 60));
        f.Claim(clerk, claimed);
        var decided = claimed.AddMinutes(r.Next(10, 3 * 24 * 60));
        switch (status)
        {
            case FilingStatus.Registered:
                var fee = 5_000L + (f.ClaimAmountFen ?? 0) / 100;
                var paid = r.Next(10) < 7;
                f.Register(clerk, $"（{ShanghaiDate(decided).Year}）{abbreviation}{type.TypeCode}{n}号", "ordinary", fee,
                    paid ? FeeStatuses.Paid : FeeStatuses.Due, ShanghaiDate(decided).AddDays(7), null, decided);
                break;
            case FilingStatus.Rejected:
                f.Reject(clerk, "不属于本院管辖", "《中华人民共和国民事诉讼法》第一百二十七条", "审判员", ShanghaiDate(decided), null, decided);
                break;
            case FilingStatus.CorrectionRequested or FilingStatus.Lapsed:
                f.RequestCorrection(clerk, ["请补充被告的身份信息", "请提交证据目录"], ShanghaiDate(decided).AddDays(15), decided);
                if (status == FilingStatus.Lapsed) f.Lapse(new Actor("system", "系统", "system"), decided.AddDays(16));
                break;
            case FilingStatus.DivertedToMediation:
                f.DivertToMediation(clerk, "bench-room", decided);
                break;
        }
        return f;
    }

    static Filing.Content Content(Random r, CaseType type)
    {
        var amount = (long)(Math.Exp(8 + r.NextDouble() * 6) * 100);
        var cause = type.Code == "civil-first-instance" ? Causes[r.Next(Causes.Length)] : type.NameZh;
        var parties = new List<Party>
        {
            new() { Role = "plaintiff", Kind = "person", Name = Names.Person(r), IdType = "resident-id", IdNumber = Ids.ResidentId(r), Phone = Names.Phone(r), Address = "甘肃省武威市民勤县" },
            r.Next(10) < 7
                ? new() { Role = "defendant", Kind = "person", Name = Names.Person(r), IdType = "resident-id", IdNumber = Ids.ResidentId(r), Phone = Names.Phone(r), Address = "甘肃省武威市凉州区" }
                : new() { Role = "defendant", Kind = "organization", Name = Names.Company(r), Uscc = Ids.Uscc(r), LegalRepresentative = Names.Person(r), Address = "甘肃省兰州市城关区" },
        };
        if (r.Next(10) == 0) parties.Add(new() { Role = "third-party", Kind = "person", Name = Names.Person(r), Phone = Names.Phone(r) });
        return new Filing.Content(cause, cause, type.Matters[0], type.Matters[0] is "property" or "enforcement" or "payment-order" ? amount : null,
            [$"判令被告支付{amount / 100}元", "本案诉讼费用由被告承担"], "原告与被告之间发生纠纷，经协商未果，故诉至法院。", parties, "party", null, false);
    }

    static T Pick<T>(Random r, (T Value, int Weight)[] table)
    {
        var x = r.Next(table.Sum(t => t.Weight));
        foreach (var (value, weight) in table)
        {
            if (x < weight) return value;
            x -= weight;
        }
        return table[^1].Value;
    }

    static DateOnly ShanghaiDate(DateTime utc) => DateOnly.FromDateTime(utc.AddHours(8));

    /// <summary>The statutory period from the day after, moved off a weekend (the holiday calendar is not needed for a realistic spread).</summary>
    static DateOnly Deadline(DateOnly start, int days)
    {
        var d = start.AddDays(days);
        while (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) d = d.AddDays(1);
        return d;
    }
}
