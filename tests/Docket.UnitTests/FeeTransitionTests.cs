using Docket.Web.Features.Fees;
using Docket.Web.Features.Filings;

namespace Docket.UnitTests;

/// <summary>
/// The filing's fee transitions after registration (filing.md "Registration": fee statuses; fees.md): every fee
/// status × every fee move, each allowed move landing where the table says, each other one refused with nothing
/// changed; judicial aid before and after registration; 按撤诉处理 only past the due date — and the hash-chained
/// audit trail verifying after every step.
/// </summary>
public class FeeTransitionTests
{
    /// <summary>2026-12-01 09:00 in Shanghai.</summary>
    static readonly DateTime T0 = new(2026, 12, 1, 1, 0, 0, DateTimeKind.Utc);
    static readonly DateOnly Due = new(2026, 12, 8);
    static readonly CaseType Civil = CaseTypes.Find("civil-first-instance")!;
    static readonly Actor Filer = new("filer-1", "张三", "filer");
    static readonly Actor Clerk = new("clerk-1", "古浪县人民法院立案庭书记员", "clerk");
    const long FeeFen = 290000;

    static int minute;
    static DateTime Now() => T0.AddMinutes(Interlocked.Increment(ref minute) % 600);

    static Party Person(string role) => new() { Role = role, Kind = "person", Name = role == "plaintiff" ? "张三" : "李四" };
    static Party Organization(string role) => new() { Role = role, Kind = "organization", Name = "古浪县某某商贸有限公司" };

    static Filing Draft(params Party[] parties)
    {
        var f = Filing.Create("owner-1", "620622", Civil, null, Filer, T0);
        f.Edit(new Filing.Content("买卖合同纠纷", "买卖合同纠纷", "property", 13000000, ["判令被告支付货款"], "事实与理由",
            parties.Length > 0 ? [.. parties] : [Person("plaintiff"), Person("defendant")], "party", null, false), T0);
        return f;
    }

    static Filing Registered(string feeStatus = FeeStatuses.Due, long fee = FeeFen, DateOnly? due = null, params Party[] parties)
    {
        var f = Draft(parties);
        f.Submit(Filer, Now(), new DateOnly(2026, 12, 8), "620622-20261201-R" + Interlocked.Increment(ref minute));
        f.Claim(Clerk, Now());
        f.Register(Clerk, "（2026）甘0622民初1号", "ordinary", fee, feeStatus, feeStatus == FeeStatuses.Due ? due ?? Due : null, null, Now(), fee);
        return f;
    }

    /// <summary>A registered filing whose fee is in <paramref name="state"/>, reached by legal moves only.</summary>
    static Filing InFee(string state)
    {
        Filing f;
        switch (state)
        {
            case FeeStatuses.Due: f = Registered(); break;
            case FeeStatuses.PaidPendingConfirmation: f = Registered(); Moves["voucher"](f); break;
            case FeeStatuses.Paid: f = Registered(); Moves["voucher"](f); Moves["confirm"](f); break;
            case FeeStatuses.Waived: f = Registered(); Apply(f, JudicialAidKinds.Waiver); f.DecideJudicialAid(Clerk, true, null, null, "确有困难", Now()); break;
            case FeeStatuses.Reduced: f = Registered(); Apply(f, JudicialAidKinds.Reduction); f.DecideJudicialAid(Clerk, true, 100000, null, "部分困难", Now()); break;
            case FeeStatuses.Deferred: f = Registered(); Apply(f, JudicialAidKinds.Deferral); f.DecideJudicialAid(Clerk, true, null, Due.AddDays(30), "暂时困难", Now()); break;
            case FeeStatuses.None: f = Registered(FeeStatuses.None, 0); break;
            case FeeStatuses.NotPrepaid: f = Registered(FeeStatuses.NotPrepaid, 0); break;
            case FeeStatuses.AfterEnforcement: f = Registered(FeeStatuses.AfterEnforcement, 0); break;
            case FeeStatuses.UnpaidWithdrawn: f = Registered(); f.WithdrawForUnpaidFee(Clerk, AfterDue); break;
            default: throw new ArgumentOutOfRangeException(nameof(state));
        }
        Assert.Equal(state, f.FeeStatus);
        AssertChain(f);
        return f;
    }

    static void Apply(Filing f, string kind) => f.ApplyForJudicialAid(Filer, kind, "家庭经济困难，有低保证明", Now());

    /// <summary>The day after the due date, 09:00 in Shanghai.</summary>
    static readonly DateTime AfterDue = new(2026, 12, 9, 1, 0, 0, DateTimeKind.Utc);

    static readonly Dictionary<string, Action<Filing>> Moves = new()
    {
        ["voucher"] = f => f.UploadFeeVoucher(Filer, "回单.jpg", "image/jpeg", 1000, new string('e', 64), Now()),
        ["reject-voucher"] = f => f.RejectFeeVoucher(Clerk, "未查到该笔款项", Now()),
        ["confirm"] = f => f.ConfirmFeePaid(Clerk, f.FeeAmountFen ?? 0, Now(), Now()),
        ["pay"] = f => f.PayFeeOnline(Filer, "DEMO-1", Now()),
        ["apply-aid"] = f => Apply(f, JudicialAidKinds.Deferral),
        ["unpaid-withdrawn"] = f => f.WithdrawForUnpaidFee(Clerk, AfterDue),
    };

    public static readonly string[] FeeStates =
    [
        FeeStatuses.Due, FeeStatuses.PaidPendingConfirmation, FeeStatuses.Paid, FeeStatuses.Waived, FeeStatuses.Reduced,
        FeeStatuses.Deferred, FeeStatuses.None, FeeStatuses.NotPrepaid, FeeStatuses.AfterEnforcement, FeeStatuses.UnpaidWithdrawn,
    ];

    /// <summary>(fee status, move) → fee status. Anything not listed is refused.</summary>
    static readonly Dictionary<(string From, string Move), string> Table = new()
    {
        [(FeeStatuses.Due, "voucher")] = FeeStatuses.PaidPendingConfirmation,
        [(FeeStatuses.Reduced, "voucher")] = FeeStatuses.PaidPendingConfirmation,
        [(FeeStatuses.Deferred, "voucher")] = FeeStatuses.PaidPendingConfirmation,
        [(FeeStatuses.PaidPendingConfirmation, "reject-voucher")] = FeeStatuses.Due,
        [(FeeStatuses.PaidPendingConfirmation, "confirm")] = FeeStatuses.Paid,
        [(FeeStatuses.Due, "pay")] = FeeStatuses.Paid,
        [(FeeStatuses.Reduced, "pay")] = FeeStatuses.Paid,
        [(FeeStatuses.Deferred, "pay")] = FeeStatuses.Paid,
        [(FeeStatuses.Due, "apply-aid")] = FeeStatuses.Due,
        [(FeeStatuses.Due, "unpaid-withdrawn")] = FeeStatuses.UnpaidWithdrawn,
        [(FeeStatuses.Reduced, "unpaid-withdrawn")] = FeeStatuses.UnpaidWithdrawn,
        // (deferred, unpaid-withdrawn) is refused: a deferred fee is due on its new date, not overdue the day after the old one.
    };

    public static TheoryData<string, string> StatesAndMoves()
    {
        var data = new TheoryData<string, string>();
        foreach (var s in FeeStates)
            foreach (var m in Moves.Keys)
                data.Add(s, m);
        return data;
    }

    static void AssertChain(Filing f)
    {
        Assert.Null(AuditChain.FirstBroken(f.Events.OrderBy(e => e.Sequence)));
        Assert.Equal(f.EventCount, f.Events.Count);
        Assert.Equal(f.Events.Single(e => e.Sequence == f.EventCount).Hash, f.LastEventHash);
    }

    [Theory]
    [MemberData(nameof(StatesAndMoves))]
    public void FeeMove_FromEveryFeeStatus_AsTheTableSays(string from, string move)
    {
        var f = InFee(from);
        var (events, version, status, amount) = (f.EventCount, f.Version, f.Status, f.FeeAmountFen);
        if (Table.TryGetValue((from, move), out var to))
        {
            Moves[move](f);
            Assert.Equal(to, f.FeeStatus);
            Assert.Equal(events + 1, f.EventCount);
            Assert.True(f.Version > version);
            var e = f.Events.Single(x => x.Sequence == f.EventCount);
            Assert.Equal(move switch
            {
                "voucher" => "fee-voucher",
                "reject-voucher" => "fee-voucher-rejected",
                "confirm" or "pay" => "fee-paid",
                "apply-aid" => "judicial-aid",
                _ => "withdraw",
            }, e.Action);
            Assert.Equal(move == "unpaid-withdrawn" ? FilingStatus.Withdrawn : FilingStatus.Registered, f.Status);
            Assert.Equal(FilingStatus.Registered, e.FromStatus);
        }
        else
        {
            Assert.ThrowsAny<InvalidOperationException>(() => Moves[move](f));
            Assert.Equal((from, status, events, version, amount), (f.FeeStatus, f.Status, f.EventCount, f.Version, f.FeeAmountFen));
        }
        AssertChain(f);
    }

    [Fact]
    public void UploadFeeVoucher_Due_VoucherDocumentRecordedAndRejectionKeepsItWithReasons()
    {
        var f = Registered();
        var doc = f.UploadFeeVoucher(Filer, "回单.pdf", "application/pdf", 1234, new string('a', 64), Now());
        Assert.Equal(Filing.FeeVoucherKind, doc.Kind);
        Assert.Contains(doc, f.Documents);
        Assert.Null(doc.FirstReceiptVersion);
        Assert.Equal((doc.Id, (string?)null), (f.FeeVoucherDocumentId, f.FeeVoucherRejectedReasons));
        Assert.NotNull(f.FeeVoucherUploadedAt);

        f.RejectFeeVoucher(Clerk, "金额不符", Now());
        Assert.Equal((FeeStatuses.Due, "金额不符", doc.Id), (f.FeeStatus, f.FeeVoucherRejectedReasons, f.FeeVoucherDocumentId));
        Assert.Equal("金额不符", f.Events.Single(e => e.Sequence == f.EventCount).Note);

        var second = f.UploadFeeVoucher(Filer, "回单2.jpg", "image/jpeg", 999, new string('b', 64), Now());
        Assert.Equal((FeeStatuses.PaidPendingConfirmation, second.Id, (string?)null), (f.FeeStatus, f.FeeVoucherDocumentId, f.FeeVoucherRejectedReasons));
        AssertChain(f);
    }

    [Fact]
    public void ConfirmFeePaid_AmountOtherThanTheFeeDue_RefusedAsBadInputWithNothingChanged()
    {
        var f = InFee(FeeStatuses.PaidPendingConfirmation);
        var events = f.EventCount;
        var x = Assert.Throws<FeeRuleException>(() => f.ConfirmFeePaid(Clerk, FeeFen - 1, Now(), Now()));
        Assert.Equal("fee.amount-mismatch", x.Code);
        Assert.Throws<FeeRuleException>(() => f.ConfirmFeePaid(Clerk, FeeFen + 1, Now(), Now()));
        Assert.Equal((FeeStatuses.PaidPendingConfirmation, events, (DateTime?)null), (f.FeeStatus, f.EventCount, f.FeePaidAt));

        var paidAt = new DateTime(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc);
        f.ConfirmFeePaid(Clerk, FeeFen, paidAt, Now());
        Assert.Equal((FeeStatuses.Paid, paidAt), (f.FeeStatus, f.FeePaidAt));
        AssertChain(f);
    }

    [Theory]
    [InlineData("draft", true)]
    [InlineData("submitted", true)]
    [InlineData("under-review", true)]
    [InlineData("correction-requested", true)]
    [InlineData("registered", true)]
    [InlineData("rejected", false)]
    [InlineData("withdrawn", false)]
    public void ApplyForJudicialAid_FilingStatus_AllowedAtFilingAndWhileTheFeeIsDue(string status, bool allowed)
    {
        var f = Draft();
        void Do(params string[] steps)
        {
            foreach (var s in steps)
                switch (s)
                {
                    case "submit": f.Submit(Filer, Now(), Due, "R-" + Interlocked.Increment(ref minute)); break;
                    case "claim": f.Claim(Clerk, Now()); break;
                    case "correct": f.RequestCorrection(Clerk, ["请补充证据"], Due, Now()); break;
                    case "register": f.Register(Clerk, "（2026）甘0622民初9号", "ordinary", FeeFen, FeeStatuses.Due, Due, null, Now()); break;
                    case "reject": f.Reject(Clerk, "不符合起诉条件", "依据", "法官", Due, null, Now()); break;
                    case "withdraw": f.Withdraw(Filer, null, Now()); break;
                }
        }
        switch (status)
        {
            case "submitted": Do("submit"); break;
            case "under-review": Do("submit", "claim"); break;
            case "correction-requested": Do("submit", "claim", "correct"); break;
            case "registered": Do("submit", "claim", "register"); break;
            case "rejected": Do("submit", "claim", "reject"); break;
            case "withdrawn": Do("withdraw"); break;
        }
        Assert.Equal(status, f.Status);
        var events = f.EventCount;
        if (allowed)
        {
            f.ApplyForJudicialAid(Filer, JudicialAidKinds.Reduction, "收入微薄", Now());
            Assert.True(f.JudicialAidPending);
            Assert.Equal((JudicialAidKinds.Reduction, "收入微薄"), (f.JudicialAidKind, f.JudicialAidReasons));
            Assert.Equal(("judicial-aid", status, status), (f.Events.Single(e => e.Sequence == f.EventCount).Action, f.Events.Single(e => e.Sequence == f.EventCount).FromStatus, f.Events.Single(e => e.Sequence == f.EventCount).ToStatus));
            // One application at a time.
            Assert.Throws<InvalidTransitionException>(() => f.ApplyForJudicialAid(Filer, JudicialAidKinds.Deferral, "再次申请", Now()));
            Assert.Equal(events + 1, f.EventCount);
        }
        else
        {
            Assert.Throws<InvalidTransitionException>(() => f.ApplyForJudicialAid(Filer, JudicialAidKinds.Reduction, "收入微薄", Now()));
            Assert.False(f.JudicialAidPending);
            Assert.Equal(events, f.EventCount);
        }
        AssertChain(f);
    }

    [Fact]
    public void ApplyForJudicialAid_WaiverWithAnOrganizationOnThePlaintiffSide_RefusedAsBadInput()
    {
        var f = Draft(Person("plaintiff"), Organization("plaintiff"), Person("defendant"));
        var x = Assert.Throws<FeeRuleException>(() => f.ApplyForJudicialAid(Filer, JudicialAidKinds.Waiver, "困难", Now()));
        Assert.Equal("fee.aid-waiver-natural-persons-only", x.Code);
        Assert.False(f.JudicialAidPending);
        // Reduction and deferral are open to organizations; an organization defendant does not matter for a waiver.
        f.ApplyForJudicialAid(Filer, JudicialAidKinds.Deferral, "资金周转困难", Now());
        Assert.True(f.JudicialAidPending);
        var g = Draft(Person("plaintiff"), Organization("defendant"));
        g.ApplyForJudicialAid(Filer, JudicialAidKinds.Waiver, "低保户", Now());
        Assert.Equal(JudicialAidKinds.Waiver, g.JudicialAidKind);
        Assert.Throws<FeeRuleException>(() => g.ApplyForJudicialAid(Filer, "discount", "?", Now()));
    }

    [Fact]
    public void DecideJudicialAid_AppliedAtFiling_DecidedOnlyAfterRegistration()
    {
        var f = Draft();
        f.ApplyForJudicialAid(Filer, JudicialAidKinds.Deferral, "暂时困难", Now());
        f.Submit(Filer, Now(), Due, "R-AID");
        f.Claim(Clerk, Now());
        Assert.Throws<InvalidTransitionException>(() => f.DecideJudicialAid(Clerk, true, null, Due.AddDays(20), "同意", Now()));
        f.Register(Clerk, "（2026）甘0622民初3号", "ordinary", FeeFen, FeeStatuses.Due, Due, null, Now());
        Assert.True(f.JudicialAidPending);
        // Pending: not overdue even past the due date, so not treated as withdrawn.
        Assert.False(f.FeeOverdue(Due.AddDays(1)));
        Assert.Throws<InvalidTransitionException>(() => f.WithdrawForUnpaidFee(Clerk, AfterDue));

        f.DecideJudicialAid(Clerk, true, null, Due.AddDays(20), "同意缓交", Now());
        Assert.Equal((FeeStatuses.Deferred, Due.AddDays(20), FeeFen, true), (f.FeeStatus, f.FeeDueDate, f.FeeAmountFen, f.JudicialAidGranted));
        Assert.False(f.JudicialAidPending);
        Assert.False(f.FeeOverdue(Due.AddDays(20)));
        Assert.True(f.FeeOverdue(Due.AddDays(21)));
        AssertChain(f);
    }

    [Fact]
    public void DecideJudicialAid_EachOutcome_FeeStatusAmountAndDueDateFollow()
    {
        var waiver = Registered();
        Apply(waiver, JudicialAidKinds.Waiver);
        waiver.DecideJudicialAid(Clerk, true, null, null, "低保户", Now());
        Assert.Equal((FeeStatuses.Waived, 0L, (DateOnly?)null, FeeFen), (waiver.FeeStatus, waiver.FeeAmountFen, waiver.FeeDueDate, waiver.FeeFullAmountFen));

        var reduction = Registered();
        Apply(reduction, JudicialAidKinds.Reduction);
        reduction.DecideJudicialAid(Clerk, true, 100000, null, "减交至一千元", Now());
        Assert.Equal((FeeStatuses.Reduced, 100000L, Due), (reduction.FeeStatus, reduction.FeeAmountFen, reduction.FeeDueDate));
        Assert.True(reduction.FeeOwed);

        var refused = Registered();
        Apply(refused, JudicialAidKinds.Deferral);
        refused.DecideJudicialAid(Clerk, false, null, Due.AddDays(7), "不符合条件", Now());
        Assert.Equal((FeeStatuses.Due, FeeFen, Due.AddDays(7), false), (refused.FeeStatus, refused.FeeAmountFen, refused.FeeDueDate, refused.JudicialAidGranted));
        Assert.Equal("不符合条件", refused.JudicialAidDecisionReasons);
        // Refused: may apply again while the fee is due.
        Apply(refused, JudicialAidKinds.Reduction);
        Assert.True(refused.JudicialAidPending);

        foreach (var f in new[] { waiver, reduction, refused }) AssertChain(f);
    }

    [Fact]
    public void DecideJudicialAid_BadDecision_RefusedWithNothingChanged()
    {
        var f = Registered();
        Apply(f, JudicialAidKinds.Reduction);
        var events = f.EventCount;
        Assert.Equal("fee.aid-reduced-amount-required", Assert.Throws<FeeRuleException>(() => f.DecideJudicialAid(Clerk, true, null, null, "r", Now())).Code);
        Assert.Equal("fee.aid-reduced-amount-invalid", Assert.Throws<FeeRuleException>(() => f.DecideJudicialAid(Clerk, true, FeeFen, null, "r", Now())).Code);
        Assert.Equal("fee.aid-reduced-amount-invalid", Assert.Throws<FeeRuleException>(() => f.DecideJudicialAid(Clerk, true, 0, null, "r", Now())).Code);
        Assert.Equal("fee.aid-deferred-until-invalid", Assert.Throws<FeeRuleException>(() => f.DecideJudicialAid(Clerk, true, 1000, new DateOnly(2026, 12, 1), "r", Now())).Code);
        Assert.Equal((FeeStatuses.Due, FeeFen, events, true), (f.FeeStatus, f.FeeAmountFen, f.EventCount, f.JudicialAidPending));

        var d = Registered();
        Apply(d, JudicialAidKinds.Deferral);
        Assert.Equal("fee.aid-deferred-until-required", Assert.Throws<FeeRuleException>(() => d.DecideJudicialAid(Clerk, true, null, null, "r", Now())).Code);

        // Parties changed to an organization plaintiff after a waiver application: the waiver cannot be granted.
        var w = Draft();
        w.ApplyForJudicialAid(Filer, JudicialAidKinds.Waiver, "困难", Now());
        w.Edit(new Filing.Content("t", "c", "property", 100, ["x"], "y", [Organization("plaintiff"), Person("defendant")], "party", null, false), Now());
        w.Submit(Filer, Now(), Due, "R-W");
        w.Claim(Clerk, Now());
        w.Register(Clerk, "（2026）甘0622民初4号", "ordinary", FeeFen, FeeStatuses.Due, Due, null, Now());
        Assert.Throws<FeeRuleException>(() => w.DecideJudicialAid(Clerk, true, null, null, "r", Now()));
        w.DecideJudicialAid(Clerk, false, null, null, "非自然人不得免交", Now());
        Assert.Equal(FeeStatuses.Due, w.FeeStatus);

        // Nothing pending: nothing to decide.
        Assert.Throws<InvalidTransitionException>(() => Registered().DecideJudicialAid(Clerk, false, null, null, "r", Now()));
    }

    [Fact]
    public void WithdrawForUnpaidFee_OnAndAfterTheDueDateInShanghai_OnlyAfterIt()
    {
        var f = Registered();
        // 23:59 on the due date in Shanghai (15:59 UTC): still in time.
        Assert.Throws<InvalidTransitionException>(() => f.WithdrawForUnpaidFee(Clerk, new DateTime(2026, 12, 8, 15, 59, 0, DateTimeKind.Utc)));
        Assert.Equal((FilingStatus.Registered, FeeStatuses.Due), (f.Status, f.FeeStatus));
        // 00:01 the next day in Shanghai (16:01 UTC on the due date).
        f.WithdrawForUnpaidFee(Clerk, new DateTime(2026, 12, 8, 16, 1, 0, DateTimeKind.Utc));
        Assert.Equal((FilingStatus.Withdrawn, FeeStatuses.UnpaidWithdrawn), (f.Status, f.FeeStatus));
        var e = f.Events.Single(x => x.Sequence == f.EventCount);
        Assert.Equal(("withdraw", FilingStatus.Registered, FilingStatus.Withdrawn, "按撤诉处理：诉讼费未于 2026-12-08 前交纳"), (e.Action, e.FromStatus, e.ToStatus, e.Note));
        // The filer cannot withdraw or pay any more.
        Assert.Throws<InvalidTransitionException>(() => f.PayFeeOnline(Filer, "x", Now()));
        AssertChain(f);
    }

    [Fact]
    public void MayAddDocument_PendingJudicialAid_OnlyEvidenceAfterSubmission()
    {
        var f = Registered();
        Assert.False(f.MayAddAnyDocument);
        Assert.Throws<InvalidTransitionException>(() => f.AddDocument("other", "证明.pdf", "application/pdf", 10, new string('c', 64), Now()));
        Apply(f, JudicialAidKinds.Reduction);
        Assert.True(f.MayAddAnyDocument);
        Assert.False(f.MayAddDocument("evidence"));
        Assert.Throws<InvalidTransitionException>(() => f.AddDocument("evidence", "证据.pdf", "application/pdf", 10, new string('c', 64), Now()));
        var doc = f.AddDocument("other", "低保证明.pdf", "application/pdf", 10, new string('c', 64), Now());
        Assert.Equal("other", doc.Kind);
        f.DecideJudicialAid(Clerk, false, null, null, "不符合", Now());
        Assert.False(f.MayAddAnyDocument);
        Assert.Throws<InvalidTransitionException>(() => f.AddDocument("other", "x.pdf", "application/pdf", 10, new string('d', 64), Now()));
    }
}
