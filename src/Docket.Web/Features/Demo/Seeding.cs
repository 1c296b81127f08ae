using System.Reflection;
using Docket.Web.Features.Accounts;
using Docket.Web.Features.Calendar;
using Docket.Web.Features.Courts;
using Docket.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Demo;

/// <summary>
/// Reference data (courts, official calendar, roles) on every start, and the demo accounts when Docket__Demo=true.
/// Idempotent: it only inserts what is missing, and a row another node inserted at the same moment is tolerated.
/// </summary>
public static class Seeding
{
    public const string DemoPassword = "Docket-demo-2026";

    public static async Task SeedAsync(IServiceProvider services, bool demo, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<DocketDbContext>();
        await SeedReferenceDataAsync(db, ct);
        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await Tolerate(() => roles.CreateAsync(new IdentityRole(role)));
        if (demo) await SeedDemoAccountsAsync(sp, db, ct);
        sp.GetRequiredService<CalendarService>().Invalidate();
    }

    static async Task SeedReferenceDataAsync(DocketDbContext db, CancellationToken ct)
    {
        var courts = ParseCsv(ReadResource("courts.csv"));
        var known = await db.Courts.Select(c => c.Id).ToListAsync(ct);
        foreach (var r in courts.Where(r => !known.Contains(r["id"])))
            db.Courts.Add(new Court
            {
                Id = r["id"], Name = r["name"], NameEn = r["name_en"], Abbreviation = r["abbreviation"], Level = r["level"],
                ParentId = string.IsNullOrEmpty(r["parent_id"]) ? null : r["parent_id"], Province = r["province"],
            });
        var calendar = WorkingCalendar.ParseCsv(ReadResource("cn-calendar.csv"));
        var days = ParseCsv(ReadResource("cn-calendar.csv"));
        // Only years the database does not have yet: an admin's import of a corrected year must survive restarts.
        var knownYears = (await db.CalendarDays.Select(d => d.Date).ToListAsync(ct)).Select(d => d.Year).ToHashSet();
        foreach (var r in days)
        {
            var date = DateOnly.Parse(r["date"], System.Globalization.CultureInfo.InvariantCulture);
            if (knownYears.Contains(date.Year)) continue;
            db.CalendarDays.Add(new CalendarDay { Date = date, Kind = r["kind"] == "holiday" ? CalendarDayKind.Holiday : CalendarDayKind.Workday, Name = r["name"] });
        }
        _ = calendar; // parsed first so that a malformed shipped file fails loudly at start
        await SaveTolerantAsync(db, ct);
        await Mediation.MediationRooms.SeedAsync(db, ct);
        await Organisation.OrgUnits.SeedAsync(db, ct);
    }

    static async Task SeedDemoAccountsAsync(IServiceProvider sp, DocketDbContext db, CancellationToken ct)
    {
        var users = sp.GetRequiredService<UserManager<User>>();
        var clock = sp.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow().UtcDateTime;
        await EnsureUserAsync(users, "filer@demo.docket", Roles.Filer, null, u =>
        {
            u.FullName = "张明";
            u.IdType = "resident-id";
            u.IdNumber = "620622198503120016";
            u.ProfilePhone = "13800138000";
            u.Verified = true;
            u.VerifiedAt = now;
            u.ElectronicServiceConsent = true;
            u.ServicePhone = "13800138000";
            u.PostalAddress = "甘肃省武威市古浪县古浪镇昌松路1号";
            u.ServiceAddressConfirmedAt = now;
        });
        await EnsureUserAsync(users, "admin@demo.docket", Roles.Admin, null, u => u.FullName = "系统管理员");
        foreach (var court in await db.Courts.AsNoTracking().Select(c => new { c.Id, c.Name }).ToListAsync(ct))
        {
            await EnsureUserAsync(users, $"clerk.{court.Id}@demo.docket", Roles.Clerk, court.Id, u => u.FullName = $"{court.Name}立案庭书记员");
            await EnsureUserAsync(users, $"courtadmin.{court.Id}@demo.docket", Roles.CourtAdmin, court.Id, u => u.FullName = $"{court.Name}管理员");
        }
        await EnsureUserAsync(users, "mediator.dajing@demo.docket", Roles.Mediator, null, u =>
        {
            u.FullName = "马调解";
            u.RoomId = "dajing";
        });
        await EnsureUserAsync(users, "officer.dachaigou@demo.docket", Roles.Officer, null, u =>
        {
            u.FullName = "王民警";
            u.UnitId = "dachaigou";
        });
        await EnsureUserAsync(users, "plc.admin@demo.docket", Roles.CommitteeAdmin, null, u =>
        {
            u.FullName = "武威市委政法委管理员";
            u.UnitId = "wuwei-plc";
        });
        await EnsureUserAsync(users, "unit.admin.620600@demo.docket", Roles.UnitAdmin, null, u =>
        {
            u.FullName = "武威市中级人民法院政治部";
            u.UnitId = "620600";
        });
        await Organisation.DemoOfficers.SeedAsync(db, ct);
        if (await users.FindByEmailAsync("officer.dachaigou@demo.docket") is { } officer)
            await Organisation.DemoOfficers.LinkAsync(db, officer.Id, "dachaigou", ct);
    }

    static async Task EnsureUserAsync(UserManager<User> users, string email, string role, string? courtId, Action<User> fill)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new User { UserName = email, Email = email, EmailConfirmed = true, CourtId = courtId, CreatedAt = DateTime.UtcNow };
            fill(user);
            var created = await users.CreateAsync(user, DemoPassword);
            if (!created.Succeeded)
            {
                // Another node created it a moment ago.
                user = await users.FindByEmailAsync(email);
                if (user is null) throw new InvalidOperationException($"Cannot create demo account {email}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            }
        }
        if (!await users.IsInRoleAsync(user, role)) await Tolerate(() => users.AddToRoleAsync(user, role));
    }

    static async Task Tolerate(Func<Task<IdentityResult>> action)
    {
        try { await action(); }
        catch (DbUpdateException) { /* a concurrent seeder inserted the same row */ }
    }

    static async Task SaveTolerantAsync(DocketDbContext db, CancellationToken ct)
    {
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear(); // another node seeded the same rows first
        }
    }

    public static string ReadResource(string name)
    {
        using var s = Assembly.GetExecutingAssembly().GetManifestResourceStream("Docket.Reference." + name)
            ?? throw new InvalidOperationException("Missing embedded reference file " + name);
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }

    /// <summary>Simple CSV (no quoted commas in the shipped files) into rows keyed by header.</summary>
    public static List<Dictionary<string, string>> ParseCsv(string text)
    {
        var lines = text.Replace("\r", "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => l.Split(',')).Select(cells =>
            header.Select((h, i) => (h, v: i < cells.Length ? cells[i].Trim() : "")).ToDictionary(x => x.h, x => x.v))];
    }
}
