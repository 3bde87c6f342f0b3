using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hotline.Core.Conversations;
using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Bot.Flow;

/// <summary>What became of a message that looked like a case code.</summary>
public enum CodeRedemption
{
    NotACode = 0,
    Linked = 1,
    Unknown = 2,
    TooManyAttempts = 3,
}

/// <summary>
/// Short case codes ("mali-hena-417"): two plain Albanian words and three digits, random (never derived from an
/// address), easy to remember and to type on a basic phone. A person gives the code on another channel, or later,
/// to continue the same conversation; guessing is limited per channel conversation.
/// </summary>
public sealed class CaseCodes(HotlineRedis redis, ConversationStore conversations)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);
    public const int MaxFailedAttempts = 5;

    // Short, common, neutral words without diacritics: nothing on a watched screen that hints at a hotline.
    private static readonly string[] Words =
    [
        "mali", "deti", "hena", "lule", "guri", "pema", "bora", "zogu", "molla", "fusha", "lumi", "ylli", "shiu", "vera",
        "kali", "buka", "kripa", "dera", "rruga", "ura", "kodra", "pylli", "liqeni", "era", "reja", "gjethi", "qielli", "toka",
        "drita", "nata", "dita", "mjalta", "rrushi", "fiku", "ulliri", "arra", "gruri", "misri", "vala", "rera",
    ];

    /// <summary>The conversation's code, made the first time it is needed.</summary>
    public async Task<string> ForAsync(string conversationId)
    {
        var existing = await conversations.GetAsync(conversationId).ConfigureAwait(false);
        if (existing?.CaseCode is { } known) return known;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var code = string.Create(CultureInfo.InvariantCulture,
                $"{Words[RandomNumberGenerator.GetInt32(Words.Length)]}-{Words[RandomNumberGenerator.GetInt32(Words.Length)]}-{RandomNumberGenerator.GetInt32(100, 1000)}");
            if (!await redis.Db.StringSetAsync(RedisKeys.CaseCode(code), conversationId, Lifetime, When.NotExists).ConfigureAwait(false)) continue;
            if (await conversations.SetCaseCodeAsync(conversationId, code).ConfigureAwait(false)) return code;
            // Someone else gave this conversation a code at the same moment: keep theirs.
            await redis.Db.KeyDeleteAsync(RedisKeys.CaseCode(code)).ConfigureAwait(false);
            return (await conversations.GetAsync(conversationId).ConfigureAwait(false))!.CaseCode!;
        }
        throw new InvalidOperationException("Could not find a free case code");
    }

    /// <summary>The conversation a channel conversation continues, or the channel conversation itself.</summary>
    public async Task<string> ResolveAsync(string channelConversationId) =>
        (string?)await redis.Db.StringGetAsync(RedisKeys.Alias(channelConversationId)).ConfigureAwait(false) ?? channelConversationId;

    /// <summary>If the text is a case code, links this channel conversation to the code's conversation.</summary>
    public async Task<(CodeRedemption Outcome, string? ConversationId)> TryRedeemAsync(string channelConversationId, string text)
    {
        if (Parse(text) is not { } code) return (CodeRedemption.NotACode, null);
        var attempts = RedisKeys.CodeAttempts(channelConversationId);
        if ((long?)await redis.Db.StringGetAsync(attempts).ConfigureAwait(false) >= MaxFailedAttempts) return (CodeRedemption.TooManyAttempts, null);
        var target = (string?)await redis.Db.StringGetAsync(RedisKeys.CaseCode(code)).ConfigureAwait(false);
        if (target is null || target == channelConversationId)
        {
            await redis.Db.StringIncrementAsync(attempts).ConfigureAwait(false);
            await redis.Db.KeyExpireAsync(attempts, TimeSpan.FromHours(1)).ConfigureAwait(false);
            return (target is null ? CodeRedemption.Unknown : CodeRedemption.NotACode, null);
        }
        await redis.Db.StringSetAsync(RedisKeys.Alias(channelConversationId), target, Lifetime).ConfigureAwait(false);
        return (CodeRedemption.Linked, target);
    }

    /// <summary>"mali-hena-417", "Mali Hena 417", "KODI mali hena 417", "code: mali-hena-417" → "mali-hena-417".</summary>
    internal static string? Parse(string text)
    {
        var words = new StringBuilder();
        foreach (var c in text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            words.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }
        var parts = words.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (parts.Count == 4 && parts[0] is "kodi" or "kod" or "code") parts.RemoveAt(0);
        if (parts.Count != 3 || !Words.Contains(parts[0]) || !Words.Contains(parts[1])) return null;
        return parts[2].Length == 3 && parts[2].All(char.IsAsciiDigit) ? $"{parts[0]}-{parts[1]}-{parts[2]}" : null;
    }
}
