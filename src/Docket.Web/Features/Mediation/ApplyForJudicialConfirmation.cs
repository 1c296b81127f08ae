using Docket.Web.Features.Accounts;
using Docket.Web.Features.Calendar;
using Docket.Web.Features.Filings;
using Docket.Web.Features.Notifications;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Storage;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Mediation;

/// <summary>
/// 司法确认 (人民调解法 Art. 33; CPL Arts. 205–206): the mediator enters the parties' joint application, with both
/// parties' consent recorded, within 30 days of the agreement. It arrives at the court already submitted — receipt,
/// decision deadline of the case type, no fee — with the agreement PDF attached, and enters the normal review. The
/// court is the room's court, or for a diverted case the court that diverted it (mediation.md).
/// </summary>
public sealed class ApplyForJudicialConfirmation(DocketDbContext db, IDocumentStore store, CalendarService calendar, TimeProvider clock)
{
    public const string CaseTypeCode = "judicial-confirmation";
    public const string AgreementKind = "mediation-agreement";
    public const string Cause = "请求确认人民调解协议效力";

    public sealed record Request(bool? PartiesConsent);

    public async Task<Result<FilingDto>> HandleAsync(MediationStaff mediator, string id, Request? request, CancellationToken ct)
    {
        var c = await MediationScope.Room(db, mediator).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return Error.NotFound();
        if (request?.PartiesConsent != true) return Error.Validation("partiesConsent", "mediation.parties-consent-required");
        var now = ChinaTime.UtcNow(clock);
        var today = ChinaTime.DateOf(now);
        if (c.Status != MediationStatus.Agreement || c.AgreementDate is not { } agreed) return Error.Conflict("mediation.not-an-agreement");
        if (c.ConfirmationFilingId is not null) return Error.Conflict("mediation.confirmation-already-applied");
        if (!MediationRules.ConfirmationOpen(agreed, today)) return Error.Conflict("mediation.confirmation-period-passed");

        var room = await db.MediationRooms.AsNoTracking().FirstAsync(r => r.Id == c.RoomId, ct);
        var courtId = c.DivertingCourtId ?? room.CourtId;
        var caseType = CaseTypes.Find(CaseTypeCode)!;
        var applicant = c.Parties.FirstOrDefault(p => p.Role == "plaintiff") ?? c.Parties[0];
        var owner = await OwnerAsync(applicant, now, ct);

        var pdf = MediationPdf(c, room.Name);
        await using var pending = store.BeginWrite();
        await pending.WriteAsync(pdf, ct);
        var sha = await pending.CommitAsync();

        var filing = Filing.Create(owner.Id, courtId, caseType, null, mediator.Actor, now);
        filing.Edit(Content(c, room.Name), now);
        filing.AddDocument(AgreementKind, $"{AgreementPdf.DocumentTitle}.pdf", "application/pdf", pdf.Length, sha, now);
        var deadline = (await calendar.GetAsync(ct)).Deadline(today, caseType.DecisionDays).Deadline;
        var receipt = filing.Submit(mediator.Actor, now, deadline, ReceiptNumbers.New(courtId, now));
        c.RecordConfirmationFiling(filing.Id);
        db.Filings.Add(filing);
        Outbox.Notify(db, owner.Id, filing.Id, "submitted", "notify.judicial-confirmation-submitted", now, room.Name, receipt.ReceiptNumber, $"{deadline:yyyy-MM-dd}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            // No file that no row names (as UploadDocument does).
            db.ChangeTracker.Clear();
            if (!await Infrastructure.Storage.DocumentReferences.InUseAsync(db, sha, CancellationToken.None)) store.Delete(sha);
            throw;
        }
        return FilingDto.From(filing);
    }

    static byte[] MediationPdf(MediationCase c, string roomName) => AgreementPdf.Render(c, roomName);

    static Filing.Content Content(MediationCase c, string roomName)
    {
        var names = string.Join("、", c.Parties.Select(p => p.Name));
        var claim = $"确认{roomName}于{c.AgreementDate:yyyy年M月d日}主持达成的人民调解协议有效";
        var facts = $"申请人{names}经{roomName}调解，于{c.AgreementDate:yyyy年M月d日}自愿达成人民调解协议。双方当事人同意共同申请司法确认。\n" +
                    $"纠纷事实：{c.AgreementFacts}\n协议内容：{c.AgreementTerms}\n履行方式、时限：{c.AgreementPerformance}";
        var parties = c.Parties.Select(p => p.Copy()).ToList();
        var title = $"{names}申请司法确认调解协议";
        return new Filing.Content(title.Length > 200 ? title[..200] : title, Cause, "special-procedure", null, [claim],
            facts.Length > 20000 ? facts[..20000] : facts, parties, "party", null, false);
    }

    /// <summary>
    /// The first applicant's own account when one has that phone verified (by SMS sign-in, or a verified profile);
    /// otherwise a counter-style account for them (no password, never signs in), as the counter makes for a walk-in.
    /// </summary>
    async Task<User> OwnerAsync(Party applicant, DateTime now, CancellationToken ct)
    {
        if (applicant.Phone is { Length: > 0 } phone)
        {
            var found = await db.Users.Where(u => !u.CounterLitigant
                    && ((u.PhoneNumber == phone && u.PhoneNumberConfirmed) || (u.ProfilePhone == phone && u.Verified)))
                .OrderBy(u => u.CreatedAt).FirstOrDefaultAsync(ct);
            if (found is not null) return found;
        }
        var litigant = User.NewCounterLitigant("mediation", now);
        litigant.FullName = applicant.Name;
        litigant.IdType = applicant.IdType;
        litigant.IdNumber = applicant.IdNumber;
        litigant.ProfilePhone = applicant.Phone;
        // Not verified by Docket: the mediator entered the party's details; the court checks them in review.
        litigant.Verified = false;
        litigant.ServicePhone = applicant.Phone;
        litigant.PostalAddress = applicant.Address;
        db.Users.Add(litigant);
        return litigant;
    }
}
