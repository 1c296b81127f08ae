using Docket.Web.Features.Accounts;
using Docket.Web.Features.Filings;
using Docket.Web.Infrastructure.Problems;

namespace Docket.Web.Features.Fees;

/// <summary>
/// The filer paid by bank transfer and uploads the voucher (交费凭证): an image or PDF, streamed, sniffed and limited
/// exactly like filing materials (<see cref="UploadDocument"/>), accepted only while an amount is owed. The fee then
/// waits for the clerk's confirmation.
/// </summary>
public sealed class UploadFeeVoucher(UploadDocument upload)
{
    public async Task<Result<DocumentDto>> HandleAsync(User filer, string id, HttpRequest request, CancellationToken ct)
    {
        var actor = filer.Actor(Roles.Filer);
        var rule = new UploadDocument.Rule(
            f => f.FeeOwed,
            // The part's kind is implied; a "kind" field, if sent, is ignored.
            (_, _) => null,
            // A photo of the slip or the bank's PDF, whatever the court's policy for filing materials says.
            (_, mediaType) => mediaType == "application/pdf" || mediaType.StartsWith("image/", StringComparison.Ordinal),
            (f, file, now) => f.UploadFeeVoucher(actor, file.FileName, file.MediaType, file.Bytes, file.Sha256, now));
        var r = await upload.ReceiveAsync(filer.Id, id, request, rule, ct);
        return r.IsOk ? FilingDto.DocumentDtoFrom(r.Value.Document) : r.Error!;
    }
}
