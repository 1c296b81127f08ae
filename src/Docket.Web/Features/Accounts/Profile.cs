using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Docket.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Accounts;

/// <summary>The signed-in user's own account: the real-name profile and the service address (送达地址确认书).</summary>
public sealed class Profile(UserManager<User> users, IIdentityVerifier verifier, DocketDbContext db, TimeProvider clock)
{
    public async Task<Result<MeDto>> GetAsync(string userId)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null) return Error.NotFound();
        return await ToDtoAsync(user);
    }

    public async Task<Result<ProfileDto>> UpdateProfileAsync(string userId, ProfileRequest? request, CancellationToken ct)
    {
        if (request is null) return Error.BadRequest("request.malformed");
        var errors = AccountRules.ValidateProfile(request);
        if (errors.Any) return errors.ToError();
        var user = await users.FindByIdAsync(userId);
        if (user is null) return Error.NotFound();

        var idNumber = request.IdType == "resident-id" ? IdentityNumbers.Normalize(request.IdNumber!) : request.IdNumber!.Trim();
        var changed = user.FullName != request.FullName!.Trim() || user.IdType != request.IdType || user.IdNumber != idNumber;
        user.FullName = request.FullName.Trim();
        user.IdType = request.IdType;
        user.IdNumber = idNumber;
        user.ProfilePhone = AccountRules.NormalizePhone(request.Phone);
        if (changed || !user.Verified)
        {
            // A changed identity must be verified again; only the verifier may say so.
            user.Verified = await verifier.VerifyAsync(user, ct);
            user.VerifiedAt = user.Verified ? clock.GetUtcNow().UtcDateTime : null;
        }
        var saved = await users.UpdateAsync(user);
        if (!saved.Succeeded) return Error.Conflict("request.concurrent-change");
        return ToProfile(user);
    }

    public async Task<Result<ServiceAddressDto>> UpdateServiceAddressAsync(string userId, ServiceAddressRequest? request)
    {
        if (request is null) return Error.BadRequest("request.malformed");
        var errors = AccountRules.ValidateServiceAddress(request);
        if (errors.Any) return errors.ToError();
        var user = await users.FindByIdAsync(userId);
        if (user is null) return Error.NotFound();
        user.ElectronicServiceConsent = request.ElectronicConsent;
        user.ServicePhone = AccountRules.NormalizePhone(request.Phone);
        user.ServiceEmail = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
        user.PostalAddress = request.PostalAddress!.Trim();
        user.ServiceAddressConfirmedAt = ChinaTime.UtcNow(clock);
        // Kept as history: a notice served earlier was served at the address confirmed then. UpdateAsync saves it with the user.
        db.ServiceAddressHistory.Add(new ServiceAddressRecord
        {
            Id = Filings.Filing.NewId(), UserId = user.Id, ElectronicConsent = user.ElectronicServiceConsent == true, Phone = user.ServicePhone,
            Email = user.ServiceEmail, PostalAddress = user.PostalAddress, ConfirmedAt = user.ServiceAddressConfirmedAt.Value,
        });
        var saved = await users.UpdateAsync(user);
        if (!saved.Succeeded) return Error.Conflict("request.concurrent-change");
        return ToServiceAddress(user)!;
    }

    public async Task<List<ServiceAddressDto>> HistoryAsync(string userId, CancellationToken ct) =>
        [.. (await db.ServiceAddressHistory.AsNoTracking().Where(r => r.UserId == userId).OrderByDescending(r => r.ConfirmedAt).ToListAsync(ct))
            .Select(r => new ServiceAddressDto(r.ElectronicConsent, r.Phone, r.Email, r.PostalAddress, ChinaTime.ToOffset(r.ConfirmedAt)))];

    /// <summary>The 送达地址确认书 as a printable PDF (online litigation rules; CPL Art. 90).</summary>
    public async Task<Result<byte[]>> ConfirmationPdfAsync(string userId)
    {
        var u = await users.FindByIdAsync(userId);
        if (u?.ServiceAddressConfirmedAt is not { } at) return Error.NotFound("service-address.missing");
        using var w = new Notices.PdfNoticeWriter("送达地址确认书");
        w.Title("送达地址确认书")
            .Paragraph("　　根据《中华人民共和国民事诉讼法》第九十条及《人民法院在线诉讼规则》的规定，受送达人确认以下送达地址及送达方式。法院向下列地址送达诉讼文书，即视为送达。")
            .Field("受送达人", u.FullName ?? u.DisplayName)
            .Field("证件号码", u.IdNumber ?? "")
            .Field("电子送达", u.ElectronicServiceConsent == true ? "同意以电子方式送达（送达至本人网上立案账户，并以短信提示）" : "不同意电子送达")
            .Field("送达手机号", u.ServicePhone ?? "")
            .Field("电子邮箱", string.IsNullOrEmpty(u.ServiceEmail) ? "（未填写）" : u.ServiceEmail)
            .Field("邮寄地址", u.PostalAddress ?? "")
            .Field("确认时间", ChinaTime.ToLocal(at).ToString("yyyy年M月d日 HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture))
            .Paragraph("　　受送达人保证以上地址准确、有效。地址变更的，应及时在网上立案平台更新；未及时告知的，按原地址送达即视为送达。")
            .Space(24)
            .Paragraph("受送达人（确认）：" + (u.FullName ?? u.DisplayName), align: Notices.CellAlign.Right);
        return w.ToArray();
    }

    async Task<MeDto> ToDtoAsync(User u) => new(
        u.Id, u.Email, u.PhoneNumber ?? u.ProfilePhone, [.. await users.GetRolesAsync(u)], u.CourtId, null, u.RoomId,
        ToProfile(u), u.Verified, ToServiceAddress(u), u.PhoneNumberConfirmed);

    static ProfileDto ToProfile(User u) => new(u.FullName, u.IdType, u.IdNumber, u.ProfilePhone);

    static ServiceAddressDto? ToServiceAddress(User u) => u.ServiceAddressConfirmedAt is { } at
        ? new(u.ElectronicServiceConsent == true, u.ServicePhone, u.ServiceEmail, u.PostalAddress, ChinaTime.ToOffset(at))
        : null;
}
