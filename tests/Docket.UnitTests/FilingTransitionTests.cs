using Docket.Web.Features.Filings;

namespace Docket.UnitTests;

/// <summary>
/// The filing's own transition guards against the table in filing.md ("States and transitions"): every state × every
/// move, each allowed move landing where the table says, each other one refused with nothing changed — and the
/// hash-chained audit trail verifying after every step.
/// </summary>
public class FilingTransitionTests
{
    static readonly DateTime T0 = new(2026, 11, 30, 1, 0, 0, DateTimeKind.Utc);
    static readonly DateOnly Deadline = new(2026, 12, 7);
    static readonly CaseType Civil = CaseTypes.Find("civil-first-instance")!;
    static readonly Actor Filer = new("filer-1", "张三", "filer");
    static readonly Actor Clerk = new("clerk-1", "古浪县人民法院立案庭书记员", "clerk");
    static readonly Actor OtherClerk = new("clerk-2", "第二书记员", "clerk");
    static readonly Actor Coop = new("clerk-9", "东营区人民法院立案庭书记员", "clerk");
    static readonly Actor System = new("system", "系统", "system");

    static int minute;
    static DateTime Now() => T0.AddMinutes(Interlocked.Increment(ref minute));

    public static readonly string[] States =
    [
        "draft", "awaiting-forward", "submitted", "under-review", "correction-requested", "registered", "rejected", "returned",
        "lapsed", "diverted-to-mediation", "withdrawn",
    ];

    static readonly Dictionary<string, Action<Filing>> Moves = new()
    {
        ["submit"] = f => f.Submit(Filer, Now(), Deadline, "620622-20261130-SUBMIT" + f.ReceiptVersion),
        ["claim"] = f => f.Claim(Clerk, Now()),
        ["release"] = f => f.Release(Clerk, Now()),
        ["request-correction"] = f => f.RequestCorrection(Clerk, ["请补充证据目录"], Deadline, Now()),
        ["register"] = f => f.Register(Clerk, "（2026）甘0622民初1号", "ordinary", 290000, "due", Deadline, null, Now()),
        ["reject"] = f => f.Reject(Clerk, "不属于人民法院受理民事诉讼的范围", "民事诉讼法第一百二十六条", "王法官", new DateOnly(2026, 11, 30), "620600", Now()),
        ["divert-to-mediation"] = f => f.DivertToMediation(Clerk, "dajing", Now()),
        ["forward"] = f => f.Forward(Coop, Now()),
        ["return"] = f => f.Return(Coop, "无法核实身份", Now()),
        ["withdraw"] = f => f.Withdraw(Filer, null, Now()),
        ["lapse"] = f => f.Lapse(System, Now()),
    };

    /// <summary>The table of filing.md: (from, move) → to. Anything not listed is refused.</summary>
    static readonly Dictionary<(string From, string Move), string> Table = new()
    {
        [("draft", "submit")] = "submitted",
        [("draft", "withdraw")] = "withdrawn",
        [("awaiting-forward", "forward")] = "submitted",
        [("awaiting-forward", "return")] = "returned",
        [("awaiting-forward", "withdraw")] = "withdrawn",
        [("submitted", "claim")] = "under-review",
        [("submitted", "withdraw")] = "withdrawn",
        [("under-review", "release")] = "submitted",
        [("under-review", "request-correction")] = "correction-requested",
        [("under-review", "register")] = "registered",
        [("under-review", "reject")] = "rejected",
        [("under-review", "divert-to-mediation")] = "diverted-to-mediation",
        [("under-review", "withdraw")] = "withdrawn",
        [("correction-requested", "submit")] = "submitted",
        [("correction-requested", "lapse")] = "lapsed",
        [("correction-requested", "withdraw")] = "withdrawn",
    };

    /// <summary>A new filing brought to <paramref name="state"/> by legal moves only (cross-region where the state needs it).</summary>
    static Filing In(string state)
    {
        var crossRegion = state is "awaiting-forward" or "returned";
        var f = Filing.Create("owner-1", "620622", Civil, crossRegion ? "370502" : null, Filer, Now());
        void Do(params string[] moves)
        {
            foreach (var m in moves) Moves[m](f);
        }
        switch (state)
        {
            case "draft": break;
            case "awaiting-forward": Do("submit"); break;
            case "returned": Do("submit", "return"); break;
            case "submitted": Do("submit"); break;
            case "under-review": Do("submit", "claim"); break;
            case "correction-requested": Do("submit", "claim", "request-correction"); break;
            case "registered": Do("submit", "claim", "register"); break;
            case "rejected": Do("submit", "claim", "reject"); break;
            case "lapsed": Do("submit", "claim", "request-correction", "lapse"); break;
            case "diverted-to-mediation": Do("submit", "claim", "divert-to-mediation"); break;
            case "withdrawn": Do("submit", "withdraw"); break;
            default: throw new ArgumentOutOfRangeException(nameof(state));
        }
        Assert.Equal(state, f.Status);
        AssertChain(f);
        return f;
    }

    static void AssertChain(Filing f)
    {
        Assert.Null(AuditChain.FirstBroken(f.Events.OrderBy(e => e.Sequence)));
        Assert.Equal(f.EventCount, f.Events.Count);
        Assert.Equal(f.Events.Max(e => e.Sequence), f.EventCount);
        Assert.Equal(f.Events.Single(e => e.Sequence == f.EventCount).Hash, f.LastEventHash);
    }

    public static TheoryData<string, string> StatesAndMoves()
    {
        var data = new TheoryData<string, string>();
        foreach (var s in States)
            foreach (var m in Moves.Keys)
                data.Add(s, m);
        return data;
    }

    [Theory]
    [MemberData(nameof(StatesAndMoves))]
    public void Move_FromEveryState_AsTheTableSays(string from, string move)
    {
        var f = In(from);
        var events = f.EventCount;
        var version = f.Version;
        if (Table.TryGetValue((from, move), out var to))
        {
            Moves[move](f);
            Assert.Equal(to, f.Status);
            Assert.Equal(events + 1, f.EventCount);
            var e = f.Events.Single(x => x.Sequence == f.EventCount);
            Assert.Equal(from, e.FromStatus);
            Assert.Equal(to, e.ToStatus);
            Assert.Equal(events == 0 ? null : f.Events.Single(x => x.Sequence == events).Hash, e.PreviousHash);
            Assert.True(f.Version > version);
        }
        else
        {
            // A second correction is refused as such (once per filing, ever); every other illegal move as a transition.
            var hadCorrection = f.CorrectionCount > 0;
            if (move == "request-correction" && hadCorrection)
                Assert.Throws<CorrectionAlreadyRequestedException>(() => Moves[move](f));
            else
                Assert.Throws<InvalidTransitionException>(() => Moves[move](f));
            Assert.Equal(from, f.Status);
            Assert.Equal(events, f.EventCount);
            Assert.Equal(version, f.Version);
        }
        AssertChain(f);
    }

    [Fact]
    public void Create_NewFiling_DraftWithOneVerifiableCreateEvent()
    {
        var f = Filing.Create("owner-1", "620622", Civil, null, Filer, T0);
        Assert.Equal("draft", f.Status);
        var e = Assert.Single(f.Events);
        Assert.Equal("create", e.Action);
        Assert.Null(e.FromStatus);
        Assert.Equal("draft", e.ToStatus);
        Assert.Equal(1, e.Sequence);
        Assert.Null(e.PreviousHash);
        Assert.Matches("^[0-9a-f]{64}$", e.Hash);
        AssertChain(f);
    }

    [Fact]
    public void Submit_CrossRegionDraft_AwaitingForwardAndResubmissionGoesToTheCompetentCourt()
    {
        var f = In("awaiting-forward");
        Assert.Equal("370502", f.CooperatingCourtId);
        Moves["forward"](f);
        Moves["claim"](f);
        Moves["request-correction"](f);
        Moves["submit"](f);
        Assert.Equal("submitted", f.Status);
        Assert.Equal(2, f.ReceiptVersion);
        Assert.Equal(["create", "submit", "forward", "claim", "request-correction", "resubmit"], f.Events.OrderBy(e => e.Sequence).Select(e => e.Action));
        AssertChain(f);
    }

    [Fact]
    public void Submit_AfterCorrection_NextReceiptVersionAndOnlyNewDocumentsRemovable()
    {
        var f = Filing.Create("owner-1", "620622", Civil, null, Filer, Now());
        var old = f.AddDocument("complaint", "起诉状.pdf", "application/pdf", 100, new string('a', 64), Now());
        var r1 = f.Submit(Filer, Now(), Deadline, "R1");
        Assert.Equal(1, r1.Version);
        Assert.Equal(1, old.FirstReceiptVersion);
        Moves["claim"](f);
        Moves["request-correction"](f);
        Assert.Throws<InvalidTransitionException>(() => f.RemoveDocument(old, Now()));
        var added = f.AddDocument("evidence", "证据.pdf", "application/pdf", 100, new string('b', 64), Now());
        var mistake = f.AddDocument("other", "错.pdf", "application/pdf", 100, new string('c', 64), Now());
        f.RemoveDocument(mistake, Now());
        var r2 = f.Submit(Filer, Now(), Deadline.AddDays(3), "R2");
        Assert.Equal(2, r2.Version);
        Assert.Equal([old.Id, added.Id], r2.Documents.Select(d => d.Id));
        Assert.Equal(2, added.FirstReceiptVersion);
        Assert.Equal(1, old.FirstReceiptVersion);
        Assert.Equal(Deadline.AddDays(3), f.DecisionDeadline);
        Assert.Equal("resubmit", f.Events.Single(e => e.Sequence == f.EventCount).Action);
        Assert.Throws<InvalidTransitionException>(() => f.AddDocument("evidence", "x.pdf", "application/pdf", 1, new string('d', 64), Now()));
        AssertChain(f);
    }

    [Fact]
    public void ClaimAndRelease_Assignee_SetAndClearedAndOnlyTheAssigneeMayDecide()
    {
        var f = In("under-review");
        Assert.Equal((Clerk.Id, Clerk.Name), (f.AssigneeId, f.AssigneeName));
        var events = f.EventCount;
        Assert.Throws<InvalidTransitionException>(() => f.Release(OtherClerk, Now()));
        Assert.Throws<InvalidTransitionException>(() => f.Register(OtherClerk, "（2026）甘0622民初2号", "ordinary", 0, "due", null, null, Now()));
        Assert.Throws<InvalidTransitionException>(() => f.Reject(OtherClerk, "理由", "依据", "法官", new DateOnly(2026, 11, 30), null, Now()));
        Assert.Throws<InvalidTransitionException>(() => f.RequestCorrection(OtherClerk, ["x"], Deadline, Now()));
        Assert.Throws<InvalidTransitionException>(() => f.DivertToMediation(OtherClerk, "dajing", Now()));
        Assert.Throws<InvalidTransitionException>(() => f.Claim(OtherClerk, Now()));
        Assert.Equal(("under-review", events, Clerk.Id), (f.Status, f.EventCount, f.AssigneeId));

        f.Release(Clerk, Now());
        Assert.Null(f.AssigneeId);
        Assert.Null(f.AssigneeName);
        f.Claim(OtherClerk, Now());
        Assert.Equal(OtherClerk.Id, f.AssigneeId);
        f.RequestCorrection(OtherClerk, ["请补充证据目录", "请补充被告地址"], Deadline, Now());
        Assert.Null(f.AssigneeId);
        Assert.Equal(["请补充证据目录", "请补充被告地址"], f.CorrectionItems);
        Assert.Equal(Deadline, f.CorrectionDueDate);
        AssertChain(f);
    }

    [Fact]
    public void RequestCorrection_AfterResubmission_CorrectionAlreadyRequested()
    {
        var f = In("correction-requested");
        Moves["submit"](f);
        Moves["claim"](f);
        var events = f.EventCount;
        Assert.Throws<CorrectionAlreadyRequestedException>(() => Moves["request-correction"](f));
        Assert.Equal(("under-review", events, 1), (f.Status, f.EventCount, f.CorrectionCount));
        Moves["register"](f);
        Assert.Equal("registered", f.Status);
        AssertChain(f);
    }

    /// <summary>filing.md: "After a resubmission the only decisions are register or reject".</summary>
    [Fact]
    public void DivertToMediation_AfterResubmission_InvalidTransition()
    {
        var f = In("correction-requested");
        Moves["submit"](f);
        Moves["claim"](f);
        Assert.Throws<InvalidTransitionException>(() => Moves["divert-to-mediation"](f));
        Assert.Equal("under-review", f.Status);
    }

    [Fact]
    public void RejectAfterResubmission_Allowed()
    {
        var f = In("correction-requested");
        Moves["submit"](f);
        Moves["claim"](f);
        Moves["reject"](f);
        Assert.Equal("rejected", f.Status);
        Assert.Equal("620600", f.AppealCourtId);
        AssertChain(f);
    }

    [Fact]
    public void AuditChain_TamperedEvent_FirstBrokenIsItsSequence()
    {
        var f = In("registered");
        var events = f.Events.OrderBy(e => e.Sequence).ToList();
        Assert.Null(AuditChain.FirstBroken(events));
        events[2].Note = "篡改";
        Assert.Equal(3, AuditChain.FirstBroken(events));
        events[2].Note = null;
        Assert.Null(AuditChain.FirstBroken(events));
        Assert.Equal(3, AuditChain.FirstBroken(events.Where(e => e.Sequence != 2)));   // a removed event breaks its successor
    }
}
