using Docket.Web.Features.Filings;
using Docket.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Docket.Web.Features.Mediation;

public static class MediationStatus
{
    public const string Open = "open";
    public const string Agreement = "agreement";
    public const string Failed = "failed";
    public const string Withdrawn = "withdrawn";

    public static readonly IReadOnlyList<string> All = [Open, Agreement, Failed, Withdrawn];
    public static readonly IReadOnlyList<string> Outcomes = [Agreement, Failed, Withdrawn];
}

public static class MediationSources
{
    public const string WalkIn = "walk-in";
    public const string Screening = "screening";
    public const string CourtDiversion = "court-diversion";

    public static readonly IReadOnlyList<string> All = [WalkIn, Screening, CourtDiversion];
}

/// <summary>Dispute types shared with dispute screening (api.md, "Dispute screening").</summary>
public static class DisputeTypes
{
    public static readonly IReadOnlyList<string> All = ["sale-contract", "loan", "family-marriage", "neighbourhood", "land", "labour", "tort", "other"];
}

/// <summary>
/// A people's mediation case of one room (mediation.md): parties, dispute, sessions, the outcome and — for an
/// agreement — the agreement's contents (人民调解法 Art. 29). A case diverted by a court also carries the filing,
/// the court and its 民诉前调 number. Guards its own moves: only an open case takes sessions or closes.
/// </summary>
public sealed class MediationCase
{
    MediationCase() { }

    public string Id { get; private set; } = "";
    public string RoomId { get; private set; } = "";
    public string Source { get; private set; } = "";
    public string DisputeType { get; private set; } = "";
    public long? AmountFen { get; private set; }
    public string Summary { get; private set; } = "";
    public List<Party> Parties { get; private set; } = [];
    public string Status { get; private set; } = MediationStatus.Open;
    public List<MediationSession> Sessions { get; private set; } = [];

    public string? AgreementFacts { get; private set; }
    public string? AgreementTerms { get; private set; }
    public string? AgreementPerformance { get; private set; }
    public long? AgreementAmountFen { get; private set; }
    /// <summary>The Asia/Shanghai date the agreement was reached; the 30 days for judicial confirmation run from it.</summary>
    public DateOnly? AgreementDate { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public string? ClosedById { get; private set; }
    public string? ClosedByName { get; private set; }

    /// <summary>诉前调解: the filing the court diverted, that court, and the 民诉前调 number it recorded.</summary>
    public string? FilingId { get; private set; }
    public string? DivertingCourtId { get; private set; }
    public string? PreLitigationNumber { get; private set; }
    public string? DisputeId { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public string CreatedById { get; private set; } = "";
    public string CreatedByName { get; private set; } = "";

    public int? FeedbackRating { get; private set; }
    public string? FeedbackComment { get; private set; }
    public bool? FeedbackBanner { get; private set; }
    public DateTime? FeedbackAt { get; private set; }

    /// <summary>The judicial-confirmation filing made from this agreement (at most one).</summary>
    public string? ConfirmationFilingId { get; private set; }

    public int Version { get; private set; }

    public decimal? Amount => AmountFen is { } f ? f / 100m : null;

    public static MediationCase Open(string roomId, string source, string disputeType, long? amountFen, string summary, List<Party> parties,
        string? disputeId, Actor by, DateTime now) => new()
        {
            Id = Filing.NewId(),
            RoomId = roomId,
            Source = source,
            DisputeType = disputeType,
            AmountFen = amountFen,
            Summary = summary,
            Parties = parties,
            DisputeId = disputeId,
            CreatedAt = now,
            CreatedById = by.Id,
            CreatedByName = by.Name,
        };

    /// <summary>A case opened by a court's diversion of a claimed filing (诉前调解): the filing's parties and claims.</summary>
    public static MediationCase FromDiversion(Filing filing, string roomId, string preLitigationNumber, Actor clerk, DateTime now)
    {
        var summary = string.Join("\n", new[] { filing.Title }.Concat(filing.Claims).Where(s => !string.IsNullOrWhiteSpace(s)));
        var c = Open(roomId, MediationSources.CourtDiversion, DisputeTypeOf(filing.Cause), filing.ClaimAmountFen, summary,
            [.. filing.Parties.Select(p => p.Copy())], null, clerk, now);
        c.FilingId = filing.Id;
        c.DivertingCourtId = filing.CourtId;
        c.PreLitigationNumber = preLitigationNumber;
        return c;
    }

    /// <summary>The dispute type a filing's cause of action suggests; the mediator sees the cause in the summary.</summary>
    static string DisputeTypeOf(string cause) => cause switch
    {
        _ when cause.Contains("买卖") => "sale-contract",
        _ when cause.Contains("借") => "loan",
        _ when cause.Contains("婚") || cause.Contains("抚养") || cause.Contains("赡养") || cause.Contains("继承") => "family-marriage",
        _ when cause.Contains("相邻") => "neighbourhood",
        _ when cause.Contains("土地") => "land",
        _ when cause.Contains("劳动") || cause.Contains("劳务") => "labour",
        _ when cause.Contains("侵权") || cause.Contains("损害") || cause.Contains("交通事故") => "tort",
        _ => "other",
    };

    public MediationSession AddSession(DateTime at, string notes, Actor mediator, DateTime now)
    {
        EnsureOpen("session");
        var s = new MediationSession { At = at, Notes = notes, MediatorId = mediator.Id, MediatorName = mediator.Name, RecordedAt = now };
        Sessions.Add(s);
        Version++;
        return s;
    }

    public void Close(string outcome, MediationRules.Agreement? agreement, Actor mediator, DateTime now, DateOnly today)
    {
        EnsureOpen("close");
        if (!MediationStatus.Outcomes.Contains(outcome)) throw new InvalidTransitionException(Status, "close");
        if (outcome == MediationStatus.Agreement)
        {
            if (agreement is null) throw new InvalidTransitionException(Status, "close");
            AgreementFacts = agreement.Facts;
            AgreementTerms = agreement.Terms;
            AgreementPerformance = agreement.Performance;
            AgreementAmountFen = agreement.AmountFen;
            AgreementDate = today;
        }
        Status = outcome;
        ClosedAt = now;
        ClosedById = mediator.Id;
        ClosedByName = mediator.Name;
        Version++;
    }

    public void RecordFeedback(int rating, string? comment, bool? banner, DateTime now)
    {
        if (Status == MediationStatus.Open) throw new InvalidTransitionException(Status, "feedback");
        FeedbackRating = rating;
        FeedbackComment = comment;
        FeedbackBanner = banner;
        FeedbackAt = now;
        Version++;
    }

    public void RecordConfirmationFiling(string filingId)
    {
        if (Status != MediationStatus.Agreement || ConfirmationFilingId is not null) throw new InvalidTransitionException(Status, "judicial-confirmation");
        ConfirmationFilingId = filingId;
        Version++;
    }

    void EnsureOpen(string action)
    {
        if (Status != MediationStatus.Open) throw new InvalidTransitionException(Status, action);
    }
}

/// <summary>One mediation session: when, who mediated, what happened.</summary>
public sealed class MediationSession
{
    public DateTime At { get; set; }
    public string MediatorId { get; set; } = "";
    public string MediatorName { get; set; } = "";
    public string Notes { get; set; } = "";
    public DateTime RecordedAt { get; set; }
}

public sealed class MediationCaseConfiguration : IEntityTypeConfiguration<MediationCase>
{
    public void Configure(EntityTypeBuilder<MediationCase> b)
    {
        b.ToTable("mediation_cases");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).HasMaxLength(32);
        b.Property(c => c.RoomId).HasMaxLength(64);
        b.Property(c => c.Source).HasMaxLength(20);
        b.Property(c => c.DisputeType).HasMaxLength(20);
        b.Property(c => c.Summary).HasMaxLength(4000);
        b.Property(c => c.Status).HasMaxLength(20);
        b.Property(c => c.AgreementFacts).HasMaxLength(10000);
        b.Property(c => c.AgreementTerms).HasMaxLength(10000);
        b.Property(c => c.AgreementPerformance).HasMaxLength(4000);
        b.Property(c => c.ClosedById).HasMaxLength(64);
        b.Property(c => c.ClosedByName).HasMaxLength(200);
        b.Property(c => c.FilingId).HasMaxLength(32);
        b.Property(c => c.DivertingCourtId).HasMaxLength(12);
        b.Property(c => c.PreLitigationNumber).HasMaxLength(60);
        b.Property(c => c.DisputeId).HasMaxLength(64);
        b.Property(c => c.CreatedById).HasMaxLength(64);
        b.Property(c => c.CreatedByName).HasMaxLength(200);
        b.Property(c => c.FeedbackComment).HasMaxLength(1000);
        b.Property(c => c.ConfirmationFilingId).HasMaxLength(32);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.Amount);
        b.HasIndex(c => new { c.RoomId, c.Status, c.CreatedAt });
        b.HasIndex(c => new { c.DivertingCourtId, c.CreatedAt });
        b.HasIndex(c => c.FilingId);

        b.OwnsMany(c => c.Parties, p => PartyColumns.Map(p, "mediation_case_parties", "CaseId"));
        b.OwnsMany(c => c.Sessions, s =>
        {
            s.ToTable("mediation_sessions");
            s.WithOwner().HasForeignKey("CaseId");
            s.Property<int>("Id");
            s.HasKey("Id");
            s.Property(x => x.MediatorId).HasMaxLength(64);
            s.Property(x => x.MediatorName).HasMaxLength(200);
            s.Property(x => x.Notes).HasMaxLength(4000);
        });
    }
}
