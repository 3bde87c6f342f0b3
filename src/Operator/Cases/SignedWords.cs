using Hotline.Core.Crypto;
using Hotline.Core.Transcripts;
using Hotline.Operator.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline.Operator.Cases;

/// <summary>
/// Checks the signature an operator's browser made over their words before the words are stored: by the key the team
/// certified for the signed-in operator, not removed, over exactly this conversation and text. No signature is allowed
/// (a script with a bearer token); the console then shows the entry as signed by the Operator service only.
/// </summary>
public static class SignedWords
{
    public static async Task<(OperatorSignature? Words, ProblemHttpResult? Problem)> CheckAsync(WordsSignatureDto? dto, string conversationId, string by, string text,
        OperatorSigningKeys signingKeys, TeamKeyDirectory keys, CancellationToken cancellationToken)
    {
        if (dto is null) return (null, null);
        var signature = Bytes(dto.Sig);
        if (!OperatorSignature.IsWellFormedId(dto.Id) || signature?.Length != HotlineCrypto.SignatureBytes)
        {
            return (null, Refused("Give signature as {id, sig}: a 16-byte random id and a 64-byte Ed25519 signature, in standard base64."));
        }
        var words = new OperatorSignature(dto.Id!, signature);
        try
        {
            var record = await keys.RecordAsync(cancellationToken);
            // Whether the key was removed, the team key record says (signed); the roster's own mark counts only before that.
            if (await signingKeys.FindAsync(by) is not { } certificate || record.RemovedAt(certificate) is not null) throw new CryptoFailure("no signing key");
            certificate.Verify(record.SigningPublicKey);
            words.Verify(conversationId, by, text, certificate.SignPublic);
        }
        catch (CryptoFailure)
        {
            return (null, Refused("The signature does not verify with your signing key over these words in this conversation."));
        }
        return (words, null);
    }

    private static ProblemHttpResult Refused(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Signature refused");

    private static byte[]? Bytes(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 200) return null;
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) ? buffer[..written] : null;
    }
}
