using System.Globalization;
using System.Security.Cryptography;
using Docket.Web.Features.Accounts;
using Docket.Web.Features.Organisation;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Education;

/// <summary>What the venue shows: <see cref="Url"/> (the officer's check-in page with the token) as a QR code.</summary>
public sealed record CheckInTokenDto(string Token, string Url, DateTimeOffset ExpiresAt, string EventId, int SessionIndex, string VenueId);

public sealed record CheckInResultDto(string EventId, int SessionIndex, string VenueId, string OfficerId, bool AlreadyRecorded);

/// <summary>
/// QR check-in at a venue: the venue shows a token for one session and one venue, signed with ASP.NET Core Data
/// Protection (keys shared by every node) and valid for a few hours; an officer whose account is linked to a roll
/// entry posts it from the phone and is recorded present (method <c>qr</c>, idempotent).
/// </summary>
public sealed class CheckIn(DocketDbContext db, IDataProtectionProvider protection, TimeProvider clock, RecordAttendance recorder)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(5);

    ITimeLimitedDataProtector Protector => protection.CreateProtector("Docket.Education.CheckIn.v1").ToTimeLimitedDataProtector();

    public async Task<Result<CheckInTokenDto>> TokenAsync(OrgCaller caller, string eventId, int? sessionIndex, string? venueId, CancellationToken ct)
    {
        var found = await TrainingEvents.FindAsync(db, caller, eventId, ct);
        if (!found.IsOk) return found.Error!;
        var e = found.Value;
        var errors = new FieldErrors();
        if (sessionIndex is not { } si || si < 0 || si >= e.Sessions.Count) errors.Add("sessionIndex", "education.attendance.session-out-of-range");
        var venue = e.Venues.FirstOrDefault(v => v.Id == venueId);
        if (venue is null) errors.Add("venueId", "education.attendance.venue-unknown");
        else if (venue.Kind == VenueKinds.Online) errors.Add("venueId", "education.attendance.online-needs-stream");
        if (errors.Any) return errors.ToError();
        var expires = clock.GetUtcNow() + Lifetime;
        var payload = string.Join('|', e.Id, sessionIndex!.Value.ToString(CultureInfo.InvariantCulture), venue!.Id);
        var token = Protector.Protect(payload, expires);
        return new CheckInTokenDto(token, "/Education/CheckIn?token=" + Uri.EscapeDataString(token), expires, e.Id, sessionIndex.Value, venue.Id);
    }

    public async Task<Result<CheckInResultDto>> HandleAsync(User user, string? token, CancellationToken ct)
    {
        // Who is asking comes before what they sent: an account on no roll may never check in.
        var officer = await db.Officers.AsNoTracking().FirstOrDefaultAsync(o => o.UserId == user.Id, ct);
        if (officer is null) return new Error(403, "education.officer-not-linked");
        if (string.IsNullOrWhiteSpace(token) || token.Length > 2000) return Error.Validation("token", "education.checkin-token-invalid");
        string payload;
        try { payload = Protector.Unprotect(token.Trim(), out var expiration); }
        catch (CryptographicException) { return Error.Validation("token", "education.checkin-token-invalid"); }
        var parts = payload.Split('|');
        if (parts.Length != 3 || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var session))
            return Error.Validation("token", "education.checkin-token-invalid");

        var e = await db.TrainingEvents.AsNoTracking().FirstOrDefaultAsync(x => x.Id == parts[0], ct);
        if (e is null) return Error.Validation("token", "education.checkin-token-invalid");
        // The officer acts on their own record only: enrolment is judged on the whole tree, not on what they see.
        var units = await db.OrgUnits.AsNoTracking().ToListAsync(ct);
        var self = new OrgCaller(user, false, false, units.Select(u => u.Id).ToHashSet(), units);
        var result = await recorder.RecordAsync(self, e, [new RecordAttendance.Item(officer.Id, session, parts[2], AttendanceMethods.Qr, null)], ct);
        if (result.Rejected is [var rejected, ..])
            return Error.Validation("token", "education.attendance." + rejected.Reason);
        return new CheckInResultDto(e.Id, session, parts[2], officer.Id, result.Duplicates > 0);
    }
}
