using System.Text;
using Hotline.Bot.Flow;
using Hotline.Bot.Tests.Channels.Twilio;
using Hotline.Core.Conversations;
using Hotline.Core.Storage;
using Hotline.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Hotline.Bot.Tests.Flow;

/// <summary>Case codes stored in clear by an earlier version: replaced by their keyed hash, and they keep working.</summary>
[Collection(TwilioCollection.Name)]
public sealed class CaseCodeMigrationTests(TwilioHotline hotline)
{
    [Fact]
    public async Task A_code_stored_in_clear_before_is_replaced_by_its_keyed_hash_and_still_continues_the_conversation()
    {
        var from = TwilioHotline.NewNumber();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "he beats me and took my passport, I am scared now"))).EnsureSuccessStatusCode();
        var conversationId = (await hotline.ConversationOfAsync(from))!;
        var conversation = RedisKeys.Conversation(conversationId);
        string? lookup = null;
        for (var until = DateTime.UtcNow.AddSeconds(15); lookup is null && DateTime.UtcNow < until; await Task.Delay(100))
        {
            lookup = (string?)await hotline.Db.HashGetAsync(conversation, ConversationStore.CaseCodeLookupField);
        }
        Assert.NotNull(lookup);

        // What an earlier version left: the code in clear as the key's name and as the conversation's field.
        var legacy = CaseCodeFormat.New();
        await hotline.Db.KeyDeleteAsync(RedisKeys.CaseCode(lookup));
        await hotline.Db.HashDeleteAsync(conversation, ConversationStore.CaseCodeLookupField);
        await hotline.Db.HashSetAsync(conversation, "caseCode", legacy);
        await hotline.Db.StringSetAsync(RedisKeys.CaseCode(legacy), conversationId, TimeSpan.FromDays(30));
        Assert.Contains(legacy, Everything(await hotline.Redis.AllKeysAndValuesAsync()));

        var key = hotline.Services.GetRequiredService<CaseCodeKey>();
        var migration = new CaseCodeMigration(hotline.Services.GetRequiredService<HotlineRedis>(), key, NullLogger<CaseCodeMigration>.Instance);
        Assert.True(await migration.MigrateAsync(CancellationToken.None) >= 1);

        Assert.DoesNotContain(legacy, Everything(await hotline.Redis.AllKeysAndValuesAsync()));
        Assert.Equal(key.LookupOf(legacy), (string?)await hotline.Db.HashGetAsync(conversation, ConversationStore.CaseCodeLookupField));
        var ttl = await hotline.Db.KeyTimeToLiveAsync(RedisKeys.CaseCode(key.LookupOf(legacy)));
        Assert.InRange(ttl!.Value, TimeSpan.FromDays(29), TimeSpan.FromDays(30));
        // A second run finds nothing left to move.
        Assert.Equal(0, await migration.MigrateAsync(CancellationToken.None));

        // The person gives the old code from another phone: the move is asked for, held for the operator.
        var other = TwilioHotline.NewNumber();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(other, legacy))).EnsureSuccessStatusCode();
        var asked = false;
        for (var until = DateTime.UtcNow.AddSeconds(15); !asked && DateTime.UtcNow < until; await Task.Delay(100))
        {
            asked = await hotline.Db.HashExistsAsync(conversation, "moveTo");
        }
        Assert.True(asked, "the migrated code asks to continue the conversation");
    }

    private static string Everything(RedisDump dump)
    {
        var all = new StringBuilder();
        foreach (var entry in dump.Entries) all.Append(entry.Key).Append('\n').Append(entry.Text).Append('\n');
        return all.ToString();
    }
}
