using Hotline.Core.Dispatch;

namespace Hotline.Operator.Dispatch;

/// <summary>A dispatch's area as it is kept: sealed to every unit covering it and to the Bot, with the names of those units.</summary>
public sealed record DispatchAreaSeals(IReadOnlyList<string> CoveredBy, IReadOnlyDictionary<string, string> ToUnits, string ToBot)
{
    /// <summary>Seals the area for dispatch <paramref name="code"/>; throws before anything is written when the Bot's key does not verify.</summary>
    public static async Task<DispatchAreaSeals> MakeAsync(string code, string municipality, MobileUnits units, OperatorAccounts accounts,
        TeamKeyDirectory keys, CancellationToken cancellationToken)
    {
        var toBot = DispatchArea.Seal(code, municipality, await keys.BotPublicKeyAsync(cancellationToken).ConfigureAwait(false));
        var covering = await units.NamesCoveringAsync(municipality).ConfigureAwait(false);
        var toUnits = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in covering)
        {
            if (await accounts.FindAsync(name).ConfigureAwait(false) is { } account) toUnits[name] = DispatchArea.Seal(code, municipality, account.PublicKey);
        }
        return new DispatchAreaSeals(covering, toUnits, toBot);
    }

    public Task WriteAsync(DispatchStore dispatches, string caseId) => dispatches.SetAreaAsync(caseId, CoveredBy, ToUnits, ToBot);
}
