using Docket.Web.Features.Filings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Docket.Web.Features.Screening;

public static class DisputeStatus
{
    public const string Open = "open";
    public const string ResolvedOnTheSpot = "resolved-on-the-spot";
    public const string HandedToMediation = "handed-to-mediation";
    public const string ReferredToCourt = "referred-to-court";

    public static readonly IReadOnlyList<string> All = [Open, ResolvedOnTheSpot, HandedToMediation, ReferredToCourt];
}

public static class RiskLevels
{
    public const string Low = "low";
    public const string Medium = "medium";
    public const string High = "high";

    public static readonly IReadOnlyList<string> All = [Low, Medium, High];
}

/// <summary>
/// A dispute a grassroots unit found in screening (矛盾纠纷排查, mediation.md): parties, type, place, risk, the
/// follow-up actions, and how it ended — resolved on the spot, handed to a mediation room, or referred to a court.
/// Guards its own moves: only an open dispute takes actions or ends.
/// </summary>
public sealed class Dispute
{
    /// <summary>An open high-risk dispute with no action logged for this long is flagged (issue 9).</summary>
    public static readonly TimeSpan FollowUpWindow = TimeSpan.FromDays(7);

    Dispute() { }

    public string Id { get; private set; } = "";
    public string UnitId { get; private set; } = "";
    public string DisputeType { get; private set; } = "";
    public string Location { get; private set; } = "";
    public string RiskLevel { get; private set; } = "";
    public string Summary { get; private set; } = "";
    public List<Party> Parties { get; private set; } = [];
    public string Status { get; private set; } = DisputeStatus.Open;
    public List<DisputeAction> Actions { get; private set; } = [];
    /// <summary>When it was logged or the last follow-up action happened (the action's own date, not when typed in).</summary>
    public DateTime LastActionAt { get; private set; }

    public string? MediationCaseId { get; private set; }
    public string? FilingId { get; private set; }
    public string? ReferredCourtId { get; private set; }
    public string? ResolutionNotes { get; private set; }
    public DateTime? ResolvedAt { get; private set; }
    public string? ResolvedById { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public string CreatedById { get; private set; } = "";
    public string CreatedByName { get; private set; } = "";
    public int Version { get; private set; }

    public static Dispute Log(string unitId, string disputeType, string location, string riskLevel, string summary, List<Party> parties,
        Actor officer, DateTime now) => new()
        {
            Id = Filing.NewId(), UnitId = unitId, DisputeType = disputeType, Location = location, RiskLevel = riskLevel, Summary = summary,
            Parties = parties, CreatedAt = now, LastActionAt = now, CreatedById = officer.Id, CreatedByName = officer.Name,
        };

    /// <summary>Open, high risk, and nothing done about it for <see cref="FollowUpWindow"/>.</summary>
    public static bool NeedsFollowUp(string status, string riskLevel, DateTime lastActionAt, DateTime now) =>
        status == DisputeStatus.Open && riskLevel == RiskLevels.High && now - lastActionAt >= FollowUpWindow;

    public void AddAction(DateTime at, string action, string notes, Actor officer, DateTime now)
    {
        EnsureOpen("action");
        Actions.Add(new DisputeAction { At = at, Action = action, Notes = notes, OfficerId = officer.Id, OfficerName = officer.Name, RecordedAt = now });
        if (at > LastActionAt) LastActionAt = at;
        Version++;
    }

    public void ResolveOnTheSpot(string notes, Actor officer, DateTime now) => End(DisputeStatus.ResolvedOnTheSpot, notes, officer, now);

    public void HandToMediation(string mediationCaseId, string notes, Actor officer, DateTime now)
    {
        End(DisputeStatus.HandedToMediation, notes, officer, now);
        MediationCaseId = mediationCaseId;
    }

    public void ReferToCourt(string courtId, string filingId, string notes, Actor officer, DateTime now)
    {
        End(DisputeStatus.ReferredToCourt, notes, officer, now);
        ReferredCourtId = courtId;
        FilingId = filingId;
    }

    void End(string status, string notes, Actor officer, DateTime now)
    {
        EnsureOpen("resolve");
        Status = status;
        ResolutionNotes = notes;
        ResolvedAt = now;
        ResolvedById = officer.Id;
        Version++;
    }

    void EnsureOpen(string action)
    {
        if (Status != DisputeStatus.Open) throw new InvalidTransitionException(Status, action);
    }
}

/// <summary>One follow-up: a visit, a talk, a call — when it happened, what, and who logged it.</summary>
public sealed class DisputeAction
{
    public DateTime At { get; set; }
    public string Action { get; set; } = "";
    public string Notes { get; set; } = "";
    public string OfficerId { get; set; } = "";
    public string OfficerName { get; set; } = "";
    public DateTime RecordedAt { get; set; }
}

public sealed class DisputeConfiguration : IEntityTypeConfiguration<Dispute>
{
    public void Configure(EntityTypeBuilder<Dispute> b)
    {
        b.ToTable("disputes");
        b.HasKey(d => d.Id);
        b.Property(d => d.Id).HasMaxLength(32);
        b.Property(d => d.UnitId).HasMaxLength(64);
        b.Property(d => d.DisputeType).HasMaxLength(20);
        b.Property(d => d.Location).HasMaxLength(200);
        b.Property(d => d.RiskLevel).HasMaxLength(10);
        b.Property(d => d.Summary).HasMaxLength(4000);
        b.Property(d => d.Status).HasMaxLength(24);
        b.Property(d => d.MediationCaseId).HasMaxLength(32);
        b.Property(d => d.FilingId).HasMaxLength(32);
        b.Property(d => d.ReferredCourtId).HasMaxLength(12);
        b.Property(d => d.ResolutionNotes).HasMaxLength(2000);
        b.Property(d => d.ResolvedById).HasMaxLength(64);
        b.Property(d => d.CreatedById).HasMaxLength(64);
        b.Property(d => d.CreatedByName).HasMaxLength(200);
        b.Property(d => d.Version).IsConcurrencyToken();
        b.HasIndex(d => new { d.UnitId, d.Status, d.RiskLevel, d.LastActionAt });
        b.HasIndex(d => new { d.UnitId, d.CreatedAt });

        b.OwnsMany(d => d.Parties, p => PartyColumns.Map(p, "dispute_parties", "DisputeId"));
        b.OwnsMany(d => d.Actions, a =>
        {
            a.ToTable("dispute_actions");
            a.WithOwner().HasForeignKey("DisputeId");
            a.Property<int>("Id");
            a.HasKey("Id");
            a.Property(x => x.Action).HasMaxLength(200);
            a.Property(x => x.Notes).HasMaxLength(4000);
            a.Property(x => x.OfficerId).HasMaxLength(64);
            a.Property(x => x.OfficerName).HasMaxLength(200);
        });
    }
}
