namespace Docket.Web.Features.Accounts;

/// <summary>
/// Real-name verification (online litigation rules Art. 7). In production this is the court's identity service
/// (ID document comparison, face check or the national identity platform); it alone sets <c>verified</c>.
/// </summary>
public interface IIdentityVerifier
{
    Task<bool> VerifyAsync(User user, CancellationToken ct);
}

/// <summary>Demo stand-in: accepts any complete, well-formed profile.</summary>
public sealed class StandInIdentityVerifier : IIdentityVerifier
{
    public Task<bool> VerifyAsync(User user, CancellationToken ct) =>
        Task.FromResult(user.ProfileComplete && (user.IdType != "resident-id" || IdentityNumbers.IsValidResidentId(user.IdNumber)));
}

/// <summary>Used when no verifier is configured: nobody is verified, so nobody can submit (fail closed).</summary>
public sealed class NoIdentityVerifier : IIdentityVerifier
{
    public Task<bool> VerifyAsync(User user, CancellationToken ct) => Task.FromResult(false);
}
