using System.Net;
using System.Net.Sockets;

namespace Hotline.Core.Tests.Storage;

/// <summary>
/// Finding 3 of the privacy review: Redis access was total. The test server runs production's ACL (infra/redis-users.acl);
/// each attack below is what someone holding one service's password tries, and Redis refuses it.
/// </summary>
[Collection(RedisFixture.Collection)]
public sealed class RedisAclTests(RedisFixture redis)
{
    private const string Conversation = "hl:{c:acl-test}:conv";

    [Fact]
    public async Task The_Redis_port_refuses_commands_without_a_user_and_password()
    {
        Assert.StartsWith("-NOAUTH", await RawAsync("PING\r\n"));
        Assert.StartsWith("-NOAUTH", await RawAsync("GET hl:keys:team\r\n"));
        // The default user is off: even "AUTH default <anything>" opens nothing.
        Assert.StartsWith("-WRONGPASS", await RawAsync("AUTH default nopass\r\n"));
        Assert.StartsWith("-WRONGPASS", await RawAsync("AUTH default \"\"\r\n"));
        Assert.StartsWith("-WRONGPASS", await RawAsync("AUTH bot not-the-password\r\n"));
        Assert.StartsWith("+OK", await RawAsync($"AUTH bot {redis.Server.Users.Password("bot")}\r\n"));
    }

    [Fact]
    public async Task The_Bot_user_cannot_read_operator_accounts_or_sessions_nor_write_the_team_key()
    {
        await redis.Database.HashSetAsync(RedisKeys.Operator("acl-demo"), "wrappedKey", "sealed");
        await redis.Database.HashSetAsync(RedisKeys.TeamKey, "public", "the-team-key");
        await using var bot = await redis.Server.ConnectAsAsync("bot");
        var db = bot.GetDatabase();

        await AssertRefusedAsync(() => db.HashGetAllAsync(RedisKeys.Operator("acl-demo")));
        await AssertRefusedAsync(() => db.StringGetAsync(RedisKeys.Session("anything")));
        await AssertRefusedAsync(() => db.HashSetAsync(RedisKeys.TeamKey, "public", "an-attackers-key"));
        await AssertRefusedAsync(() => db.KeyDeleteAsync(RedisKeys.TeamKey));
        await AssertRefusedAsync(() => db.ListRangeAsync(RedisKeys.AuditLog));
        await AssertRefusedAsync(() => db.ExecuteAsync("KEYS", "*"));
        await AssertRefusedAsync(() => db.ExecuteAsync("FLUSHALL"));
        await AssertRefusedAsync(() => db.ExecuteAsync("CONFIG", "SET", "dir", "/tmp"));
        await AssertRefusedAsync(() => db.ExecuteAsync("MONITOR"));
        Assert.Equal("the-team-key", (await redis.Database.HashGetAsync(RedisKeys.TeamKey, "public")).ToString());

        // What it needs still works: it reads the team key, writes its conversations and appends events.
        Assert.Equal("the-team-key", (await db.HashGetAsync(RedisKeys.TeamKey, "public")).ToString());
        await db.HashSetAsync(Conversation, "state", "open");
        await db.StreamAddAsync(RedisKeys.Events, "type", "acl-test");
    }

    [Fact]
    public async Task The_Operator_user_cannot_read_the_web_chat_copy_reply_addresses_or_Twilio_state_nor_write_case_codes()
    {
        await redis.Database.ListRightPushAsync(RedisKeys.Delivery("acl-test"), "sealed copy");
        await redis.Database.StringSetAsync(RedisKeys.Address("acl-test"), "sealed address");
        await redis.Database.StringSetAsync(RedisKeys.CaseCode("acl-test"), "acl-test");
        await redis.Database.StringSetAsync("hl:twilio:sender:acl-test", "sealed");
        await using var op = await redis.Server.ConnectAsAsync("operator");
        var db = op.GetDatabase();

        await AssertRefusedAsync(() => db.ListRangeAsync(RedisKeys.Delivery("acl-test")));
        await AssertRefusedAsync(() => db.StringGetAsync(RedisKeys.Address("acl-test")));
        await AssertRefusedAsync(() => db.StringSetAsync(RedisKeys.CaseCode("acl-test"), "another-conversation"));
        await AssertRefusedAsync(() => db.KeyDeleteAsync(RedisKeys.CaseCode("acl-test")));
        await AssertRefusedAsync(() => db.StringGetAsync("hl:twilio:sender:acl-test"));
        await AssertRefusedAsync(() => db.StringSetAsync(RedisKeys.BotKey, "an-attackers-box-key"));
        await AssertRefusedAsync(() => db.ExecuteAsync("SCAN", "0"));

        // It reads conversations and transcripts, finds a case by its code's keyed hash, and posts replies to the outbox.
        await db.HashGetAllAsync(Conversation);
        Assert.Equal("acl-test", (string?)await db.StringGetAsync(RedisKeys.CaseCode("acl-test")));
        await db.StreamAddAsync(RedisKeys.Outbox, "type", "acl-test");
    }

    [Fact]
    public async Task The_Triage_user_reads_routing_profiles_but_cannot_change_accounts_read_sessions_or_write_transcripts()
    {
        await redis.Database.HashSetAsync(RedisKeys.Operator("acl-demo"), "roles", "Operator");
        await using var triage = await redis.Server.ConnectAsAsync("triage");
        var db = triage.GetDatabase();

        Assert.Equal("Operator", (await db.HashGetAsync(RedisKeys.Operator("acl-demo"), "roles")).ToString());
        await AssertRefusedAsync(() => db.HashSetAsync(RedisKeys.Operator("acl-demo"), "roles", "Admin"));
        await AssertRefusedAsync(() => db.StringGetAsync(RedisKeys.Session("anything")));
        await AssertRefusedAsync(() => db.ListRightPushAsync(RedisKeys.Transcript("acl-test"), "a forged entry"));
        await AssertRefusedAsync(() => db.HashSetAsync(RedisKeys.TeamKey, "public", "an-attackers-key"));
        await AssertRefusedAsync(() => db.ListRangeAsync(RedisKeys.Delivery("acl-test")));
    }

    [Fact]
    public async Task The_admin_user_reads_no_conversation_or_case_and_the_ops_user_reads_no_key_at_all()
    {
        await redis.Database.HashSetAsync(Conversation, "state", "open");
        await using var admin = await redis.Server.ConnectAsAsync("admin");
        await AssertRefusedAsync(() => admin.GetDatabase().HashGetAllAsync(Conversation));
        await AssertRefusedAsync(() => admin.GetDatabase().HashGetAllAsync(RedisKeys.Case("acl-test")));
        await AssertRefusedAsync(() => admin.GetDatabase().StreamRangeAsync(RedisKeys.Events));

        await using var ops = await redis.Server.ConnectAsAsync("ops");
        await AssertRefusedAsync(() => ops.GetDatabase().HashGetAllAsync(Conversation));
        await AssertRefusedAsync(() => ops.GetDatabase().HashGetAllAsync(RedisKeys.TeamKey));
        Assert.Equal("PONG", (await ops.GetDatabase().ExecuteAsync("PING")).ToString());
    }

    [Fact]
    public async Task Publishing_is_limited_to_each_users_own_channels()
    {
        await using var bot = await redis.Server.ConnectAsAsync("bot");
        await AssertRefusedAsync(() => bot.GetDatabase().ExecuteAsync("PUBLISH", "hl:signalr:internal", "forged console message"));
        await using var op = await redis.Server.ConnectAsAsync("operator");
        await AssertRefusedAsync(() => op.GetDatabase().ExecuteAsync("PUBLISH", RedisKeys.Delivery("acl-test") + ":wake", "1"));
    }

    private static async Task AssertRefusedAsync(Func<Task> command)
    {
        var error = await Assert.ThrowsAsync<RedisServerException>(command);
        Assert.StartsWith("NOPERM", error.Message);
    }

    private async Task<string> RawAsync(string command)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, redis.Server.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command));
        var buffer = new byte[512];
        var read = await stream.ReadAsync(buffer);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }
}
