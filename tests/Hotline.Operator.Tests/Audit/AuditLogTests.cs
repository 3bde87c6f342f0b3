using Hotline.Core.Cases;
using Hotline.Operator.Audit;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Hotline.Operator.Tests.Audit;

[Collection(RedisFixture.Collection)]
public sealed class AuditLogTests(RedisFixture redis) : IAsyncLifetime
{
    private readonly AuditLog log = new(new HotlineRedis(redis.Connection), TimeProvider.System, NullLogger<AuditLog>.Instance);

    public Task InitializeAsync() => redis.FlushAllAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Each_entry_carries_the_hash_of_the_one_before_and_the_chain_verifies()
    {
        await log.AppendAsync("demo", "signed in");
        await log.AppendAsync("demo", "GET /api/cases/{id}/transcript", "Kabc", "status 200");
        await log.AppendAsync("lead", "approved: export-transcript requested by demo", "Kabc", "A1");
        var entries = await log.ReadAsync();
        Assert.Equal(3, entries.Count);
        Assert.Equal(AuditLog.Genesis, entries[0].Prev);
        Assert.Equal(entries[0].Hash, entries[1].Prev);
        Assert.Equal(entries[1].Hash, entries[2].Prev);
        Assert.True((await log.VerifyAsync()).Intact);
    }

    [Fact]
    public async Task Concurrent_appends_never_fork_the_chain()
    {
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => log.AppendAsync("op" + (i % 4), "claim", "K" + i)));
        var result = await log.VerifyAsync();
        Assert.True(result.Intact);
        Assert.Equal(40, result.Entries);
    }

    [Fact]
    public async Task Removing_or_changing_an_entry_is_detected()
    {
        for (var i = 0; i < 5; i++) await log.AppendAsync("demo", "action " + i);
        var db = redis.Database;
        var all = await db.StreamRangeAsync(RedisKeys.AuditLog);
        await db.StreamDeleteAsync(RedisKeys.AuditLog, [all[2].Id]);
        var removed = await log.VerifyAsync();
        Assert.False(removed.Intact);
        Assert.Equal(all[3].Id.ToString(), removed.BrokenAt);

        await redis.FlushAllAsync();
        for (var i = 0; i < 3; i++) await log.AppendAsync("demo", "action " + i);
        var last = (await db.StreamRangeAsync(RedisKeys.AuditLog))[^1];
        await db.StreamDeleteAsync(RedisKeys.AuditLog, [last.Id]);
        Assert.False((await log.VerifyAsync()).Intact); // the head no longer matches the last entry
    }

    [Fact]
    public async Task A_tail_cut_or_rewritten_with_recomputed_hashes_is_caught_by_the_signed_head()
    {
        var service = new Hotline.Core.Crypto.SigningIdentity(Hotline.Core.Crypto.Signers.Operator, Hotline.Core.Crypto.HotlineCrypto.NewSigningKeyPair());
        for (var i = 0; i < 5; i++) await log.AppendAsync("demo", "GET /api/cases/{id}/transcript", "K" + i, "status 200");
        var signed = await log.SignHeadAsync(service);
        Assert.Equal(5, signed!.Count);
        Assert.Null(await log.SignHeadAsync(service)); // nothing new: nothing signed again
        var intact = await log.VerifyAsync(service.PublicKey);
        Assert.True(intact.Intact);
        Assert.Equal(5, intact.SignedEntries);

        // Someone with Redis access cuts the last two entries and moves the head back, so that the chain alone holds.
        var db = redis.Connection.GetDatabase();
        var entries = await db.StreamRangeAsync(Hotline.Core.Storage.RedisKeys.AuditLog);
        await db.StreamDeleteAsync(Hotline.Core.Storage.RedisKeys.AuditLog, [entries[3].Id, entries[4].Id]);
        var kept = await log.ReadAsync();
        await db.StringSetAsync(Hotline.Core.Storage.RedisKeys.AuditHead, kept[^1].Hash);
        Assert.True((await log.VerifyAsync()).Intact, "the chain alone cannot tell a cut tail");
        var cut = await log.VerifyAsync(service.PublicKey);
        Assert.False(cut.Intact);
        Assert.Equal("signed head 5", cut.BrokenAt);

        // Or writes two other entries in their place, with hashes recomputed: the chain holds, the signed head does not.
        var prev = kept[^1].Hash;
        foreach (var detail in new[] { "nothing happened", "nothing happened either" })
        {
            var at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var hash = AuditLog.Hash(prev, at, "demo", "signed in", null, detail);
            await db.StreamAddAsync(Hotline.Core.Storage.RedisKeys.AuditLog, [
                new NameValueEntry("at", at), new NameValueEntry("actor", "demo"), new NameValueEntry("action", "signed in"),
                new NameValueEntry("caseId", ""), new NameValueEntry("detail", detail), new NameValueEntry("prev", prev), new NameValueEntry("hash", hash),
            ]);
            prev = hash;
        }
        await db.StringSetAsync(Hotline.Core.Storage.RedisKeys.AuditHead, prev);
        Assert.True((await log.VerifyAsync()).Intact, "the chain alone cannot tell a rewritten tail");
        var rewritten = await log.VerifyAsync(service.PublicKey);
        Assert.False(rewritten.Intact);
        Assert.Equal("signed head 5", rewritten.BrokenAt);
    }

    [Fact]
    public async Task A_head_a_check_vouched_for_is_signed_only_while_the_chain_still_holds_it()
    {
        var service = new Hotline.Core.Crypto.SigningIdentity(Hotline.Core.Crypto.Signers.Operator, Hotline.Core.Crypto.HotlineCrypto.NewSigningKeyPair());
        for (var i = 0; i < 4; i++) await log.AppendAsync("demo", "action " + i);
        var vouched = await log.VerifyAsync(service.PublicKey);
        // Appended after the check: the head the check read is signed, not the newer one nobody checked yet.
        await log.AppendAsync("demo", "action 4");
        var signed = await log.SignHeadAsync(service, vouched);
        Assert.Equal((4L, vouched.Head), (signed!.Count, signed.Head));
        Assert.True((await log.VerifyAsync(service.PublicKey)).Intact);

        // Cut and rewritten after the check, with the signed heads deleted: the head the check read is signed nowhere.
        var checkedNow = await log.VerifyAsync(service.PublicKey);
        var db = redis.Database;
        var entries = await db.StreamRangeAsync(RedisKeys.AuditLog);
        await db.StreamDeleteAsync(RedisKeys.AuditLog, [entries[3].Id, entries[4].Id]);
        var prev = (string)entries[2].Values.Single(v => v.Name == "hash").Value!;
        for (var i = 0; i < 2; i++)
        {
            var at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + i;
            var hash = AuditLog.Hash(prev, at, "demo", "viewed the dashboard", null, null);
            await db.StreamAddAsync(RedisKeys.AuditLog, [
                new NameValueEntry("at", at), new NameValueEntry("actor", "demo"), new NameValueEntry("action", "viewed the dashboard"),
                new NameValueEntry("caseId", ""), new NameValueEntry("detail", ""), new NameValueEntry("prev", prev), new NameValueEntry("hash", hash),
            ]);
            prev = hash;
        }
        await db.StringSetAsync(RedisKeys.AuditHead, prev);
        await db.KeyDeleteAsync(RedisKeys.AuditSignedHeads);
        Assert.Null(await log.SignHeadAsync(service, checkedNow));
        Assert.Equal(0, await db.ListLengthAsync(RedisKeys.AuditSignedHeads));
        // A check that found the chain broken vouches for nothing.
        Assert.Null(await log.SignHeadAsync(service, checkedNow with { Intact = false }));
    }

    [Fact]
    public async Task A_head_signed_by_any_key_but_the_operator_services_breaks_the_check()
    {
        var service = new Hotline.Core.Crypto.SigningIdentity(Hotline.Core.Crypto.Signers.Operator, Hotline.Core.Crypto.HotlineCrypto.NewSigningKeyPair());
        var stranger = new Hotline.Core.Crypto.SigningIdentity(Hotline.Core.Crypto.Signers.Operator, Hotline.Core.Crypto.HotlineCrypto.NewSigningKeyPair());
        await log.AppendAsync("demo", "signed in");
        await log.SignHeadAsync(stranger);
        var result = await log.VerifyAsync(service.PublicKey);
        Assert.False(result.Intact);
        Assert.Contains("signature does not verify", result.BrokenAt);
    }

    [Fact]
    public async Task A_tail_cut_with_every_signed_head_is_caught_once_a_countersigned_head_is_given_back()
    {
        var service = new Hotline.Core.Crypto.SigningIdentity(Hotline.Core.Crypto.Signers.Operator, Hotline.Core.Crypto.HotlineCrypto.NewSigningKeyPair());
        var lead = Hotline.Core.Crypto.HotlineCrypto.NewSigningKeyPair();
        var countersigners = new Dictionary<string, AuditCountersigner> { ["lead"] = new(lead.PublicKey, null) };
        for (var i = 0; i < 5; i++) await log.AppendAsync("demo", "GET /api/cases/{id}/transcript", "K" + i, "status 200");
        await log.SignHeadAsync(service);
        var seen = await log.VerifyAsync(service.PublicKey, countersigners);
        var at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var held = new SignedAuditHead(seen.Entries, seen.Head, at, "lead",
            Convert.ToBase64String(Hotline.Core.Crypto.HotlineCrypto.Sign(System.Text.Encoding.UTF8.GetBytes(SignedAuditHead.CountersignMessage("lead", seen.Entries, seen.Head, at)), lead.PrivateKey)));
        await log.CountersignAsync(held);
        Assert.True((await log.VerifyAsync(service.PublicKey, countersigners)).Intact);

        // The tail cut, the head moved back, and every signed and countersigned head deleted: Redis alone shows nothing.
        var db = redis.Connection.GetDatabase();
        var entries = await db.StreamRangeAsync(Hotline.Core.Storage.RedisKeys.AuditLog);
        await db.StreamDeleteAsync(Hotline.Core.Storage.RedisKeys.AuditLog, [entries[3].Id, entries[4].Id]);
        await db.StringSetAsync(Hotline.Core.Storage.RedisKeys.AuditHead, (await log.ReadAsync())[^1].Hash);
        await db.KeyDeleteAsync([Hotline.Core.Storage.RedisKeys.AuditSignedHeads, Hotline.Core.Storage.RedisKeys.AuditCountersignedHeads]);
        Assert.True((await log.VerifyAsync(service.PublicKey, countersigners)).Intact, "with every head gone, Redis alone cannot tell");

        // The supervisor's console gives back the head it holds: the check fails, and an older head given back changes nothing.
        await log.CountersignAsync(held);
        await log.CountersignAsync(held with { Count = 1 });
        var cut = await log.VerifyAsync(service.PublicKey, countersigners);
        Assert.False(cut.Intact);
        Assert.Equal("countersigned head 5 (by lead)", cut.BrokenAt);

        // A head "countersigned" by a key the team did not certify, or after the supervisor was removed, breaks the check too.
        var removed = new Dictionary<string, AuditCountersigner> { ["lead"] = new(lead.PublicKey, at) };
        Assert.Contains("no certified key", (await log.VerifyAsync(service.PublicKey, removed)).BrokenAt);
        Assert.Contains("does not verify", (await log.VerifyAsync(service.PublicKey, new Dictionary<string, AuditCountersigner> { ["lead"] = new(Hotline.Core.Crypto.HotlineCrypto.NewSigningKeyPair().PublicKey, null) })).BrokenAt);
    }

    [Fact]
    public async Task No_entry_id_field_or_signed_head_tells_a_time_finer_than_the_hour()
    {
        var service = new Hotline.Core.Crypto.SigningIdentity(Hotline.Core.Crypto.Signers.Operator, Hotline.Core.Crypto.HotlineCrypto.NewSigningKeyPair());
        for (var i = 0; i < 3; i++)
        {
            await log.AppendAsync("demo", "POST /api/cases/{id}/claim", "K" + i, "status 200");
            Assert.NotNull(await log.SignHeadAsync(service, await log.VerifyAsync(service.PublicKey)));
        }
        var db = redis.Database;
        var raw = await db.StreamRangeAsync(RedisKeys.AuditLog);
        Assert.Equal(3, raw.Length);
        // Read as someone with Redis access reads it: every id and every number is the start of an hour; the order stays.
        Assert.All(raw, e => Assert.Equal(0, AuditLog.IdMilliseconds(e.Id.ToString()) % CoarseTime.PrecisionMilliseconds));
        Assert.All(raw.SelectMany(e => e.Values), v => Assert.False(long.TryParse(v.Value.ToString(), out var n) && n % CoarseTime.PrecisionMilliseconds != 0, $"{v.Name} = {v.Value}"));
        Assert.Equal(["K0", "K1", "K2"], (await log.ReadAsync()).Select(e => e.CaseId));
        // Signed three times within the hour: one head, the furthest, at the hour.
        var signed = Assert.Single(await log.SignedHeadsAsync());
        Assert.Equal((3L, 0L), (signed.Count, signed.At % CoarseTime.PrecisionMilliseconds));
        var verified = await log.VerifyAsync(service.PublicKey);
        Assert.True(verified.Intact);
        Assert.Equal(3, verified.SignedEntries);
    }

    [Fact]
    public async Task Entries_and_heads_an_earlier_version_wrote_with_exact_times_get_the_hour_and_the_chain_still_verifies()
    {
        var service = new Hotline.Core.Crypto.SigningIdentity(Hotline.Core.Crypto.Signers.Operator, Hotline.Core.Crypto.HotlineCrypto.NewSigningKeyPair());
        var lead = Hotline.Core.Crypto.HotlineCrypto.NewSigningKeyPair();
        var countersigners = new Dictionary<string, AuditCountersigner> { ["lead"] = new(lead.PublicKey, null) };
        var db = redis.Database;
        var (prev, exact) = await WriteAsAnEarlierVersionAsync(service, 4);
        var heldAt = exact[^1] + 7;
        var held = new SignedAuditHead(4, prev, heldAt, "lead",
            Convert.ToBase64String(Hotline.Core.Crypto.HotlineCrypto.Sign(System.Text.Encoding.UTF8.GetBytes(SignedAuditHead.CountersignMessage("lead", 4, prev, heldAt)), lead.PrivateKey)));
        await log.CountersignAsync(held);
        var before = await log.ReadAsync();
        var vouched = await log.VerifyAsync(service.PublicKey, countersigners);
        Assert.True(vouched.Intact);

        Assert.Equal(4, await log.CoarsenAsync(service, vouched));
        Assert.Equal(0, await log.CoarsenAsync(service, await log.VerifyAsync(service.PublicKey, countersigners))); // once is enough
        await log.AppendAsync("lead", "GET /api/cases/{id}/detail", "K9", "status 200");

        // No exact time is left anywhere in the audit keys, in any id, field or head.
        var dump = string.Join("\n", (await redis.Server.AllKeysAndValuesAsync()).Where(e => e.Key.StartsWith("hl:{audit}", StringComparison.Ordinal)).Select(e => e.Value));
        foreach (var at in exact.SelectMany(a => new[] { a, a + 1, heldAt }))
        {
            Assert.DoesNotContain(at.ToString(System.Globalization.CultureInfo.InvariantCulture), dump, StringComparison.Ordinal);
        }
        var raw = await db.StreamRangeAsync(RedisKeys.AuditLog);
        Assert.All(raw, e => Assert.Equal(0, AuditLog.IdMilliseconds(e.Id.ToString()) % CoarseTime.PrecisionMilliseconds));
        Assert.Empty(await log.CountersignedHeadsAsync()); // finer than the hour: dropped; the console countersigns again
        Assert.All(await log.SignedHeadsAsync(), h => Assert.Equal(0, h.At % CoarseTime.PrecisionMilliseconds));

        // The same entries in the same order, the same hashes: what was signed, countersigned or anchored before still holds.
        var after = await log.ReadAsync();
        Assert.Equal(before.Select(e => (e.Actor, e.Action, e.CaseId, e.Prev, e.Hash, CoarseTime.Floor(e.At))), after.Take(4).Select(e => (e.Actor, e.Action, e.CaseId, e.Prev, e.Hash, e.At)));
        Assert.True(await log.HoldsAsync(4, vouched.Head));
        var verified = await log.VerifyAsync(service.PublicKey, countersigners);
        Assert.True(verified.Intact, verified.BrokenAt);
        Assert.Equal(5, verified.Entries);
        await log.CountersignAsync(held);
        Assert.True((await log.VerifyAsync(service.PublicKey, countersigners)).Intact);

        // A coarsened entry changed in Redis: its hash can no longer be recomputed, but the signed digest tells.
        await db.ScriptEvaluateAsync(
            "local all = redis.call('XRANGE', KEYS[1], '-', '+') redis.call('DEL', KEYS[1]) for n, e in ipairs(all) do local f = e[2] " +
            "for i = 1, #f, 2 do if n == 2 and f[i] == 'actor' then f[i + 1] = 'someone-else' end end redis.call('XADD', KEYS[1], e[1], unpack(f)) end",
            [RedisKeys.AuditLog]);
        Assert.Equal("someone-else", (await log.ReadAsync())[1].Actor);
        var changed = await log.VerifyAsync(service.PublicKey, countersigners);
        Assert.False(changed.Intact);
        Assert.StartsWith("coarsened entries", changed.BrokenAt);
        // And a seal recomputed over the change, signed by any key but the Operator service's, is refused.
        var digest = AuditLog.Genesis;
        foreach (var e in (await log.ReadAsync()).Take(4)) digest = AuditLog.CoarsenedLink(digest, e);
        var stranger = new Hotline.Core.Crypto.SigningIdentity(Hotline.Core.Crypto.Signers.Operator, Hotline.Core.Crypto.HotlineCrypto.NewSigningKeyPair());
        await db.StringSetAsync(RedisKeys.AuditCoarsened, System.Text.Json.JsonSerializer.Serialize(SignedAuditHead.Coarsened(4, digest, stranger)));
        Assert.True((await log.VerifyAsync()).Intact, "without the service's key the chain alone cannot tell");
        Assert.Contains("does not verify", (await log.VerifyAsync(service.PublicKey, countersigners)).BrokenAt);
    }

    /// <summary>Entries as the earlier version wrote them: the exact time in the id and in "at", the hash over it, heads signed at the millisecond.</summary>
    private async Task<(string Head, List<long> Exact)> WriteAsAnEarlierVersionAsync(Hotline.Core.Crypto.SigningIdentity service, int count)
    {
        var db = redis.Database;
        var (prev, exact) = (AuditLog.Genesis, new List<long>());
        for (var i = 0; i < count; i++)
        {
            var at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 60_000 + i * 1_001;
            exact.Add(at);
            var hash = AuditLog.Hash(prev, at, "demo", "GET /api/cases/{id}/transcript", "K" + i, "status 200");
            await db.StreamAddAsync(RedisKeys.AuditLog, [
                new NameValueEntry("at", at), new NameValueEntry("actor", "demo"), new NameValueEntry("action", "GET /api/cases/{id}/transcript"),
                new NameValueEntry("caseId", "K" + i), new NameValueEntry("detail", "status 200"), new NameValueEntry("prev", prev), new NameValueEntry("hash", hash),
            ], messageId: $"{at}-0");
            await db.StringSetAsync(RedisKeys.AuditHead, hash);
            prev = hash;
            await db.ListRightPushAsync(RedisKeys.AuditSignedHeads, System.Text.Json.JsonSerializer.Serialize(SignedAuditHead.Create(i + 1, hash, at + 1, service)));
        }
        return (prev, exact);
    }

    // Rewrites the second entry in place as someone with Redis write access can: same id, same links and hash, other words,
    // marked as coarsened already (so the check does not recompute its hash).
    private Task ForgeSecondEntryAsync() => redis.Database.ScriptEvaluateAsync(
        "local all = redis.call('XRANGE', KEYS[1], '-', '+') redis.call('DEL', KEYS[1]) for n, e in ipairs(all) do local f = e[2] local out = {} local marked = false " +
        "for i = 1, #f, 2 do local name, value = f[i], f[i + 1] if n == 2 and name == 'actor' then value = 'lead' elseif n == 2 and name == 'action' then value = 'approved: export-transcript' " +
        "elseif n == 2 and name == 'caseId' then value = 'K7' end if name == 'coarsened' then marked = true end out[#out + 1] = name out[#out + 1] = value end " +
        "if n == 2 and not marked then out[#out + 1] = 'coarsened' out[#out + 1] = '1' end redis.call('XADD', KEYS[1], e[1], unpack(out)) end",
        [RedisKeys.AuditLog]);

    [Fact]
    public async Task An_entry_forged_between_the_check_and_the_coarsening_is_never_sealed_and_the_chain_shows_broken()
    {
        var service = new Hotline.Core.Crypto.SigningIdentity(Hotline.Core.Crypto.Signers.Operator, Hotline.Core.Crypto.HotlineCrypto.NewSigningKeyPair());
        var db = redis.Database;
        await WriteAsAnEarlierVersionAsync(service, 4);
        var vouched = await log.VerifyAsync(service.PublicKey);
        Assert.True(vouched.Intact);
        // Between the check and the coarsening, the second entry is rewritten: same id, links and hash, another actor and case.
        await ForgeSecondEntryAsync();

        Assert.Equal(0, await log.CoarsenAsync(service, vouched));
        Assert.False(await db.KeyExistsAsync(RedisKeys.AuditCoarsened)); // nothing sealed
        var entries = await log.ReadAsync();
        Assert.Equal(("lead", "K7"), (entries[1].Actor, entries[1].CaseId));
        var broken = await log.VerifyAsync(service.PublicKey);
        Assert.False(broken.Intact);
        Assert.StartsWith("coarsened entries", broken.BrokenAt);
        Assert.False((await log.VerifyAsync()).Intact, "without the service's key too");

        // Once coarsened, an exact-time signed head given back (it still verifies) rewrites nothing: the forgery made then is not sealed either.
        await redis.FlushAllAsync();
        await WriteAsAnEarlierVersionAsync(service, 4);
        var oldHead = (await db.ListRangeAsync(RedisKeys.AuditSignedHeads))[^1];
        Assert.Equal(4, await log.CoarsenAsync(service, await log.VerifyAsync(service.PublicKey)));
        var seal = (string?)await db.StringGetAsync(RedisKeys.AuditCoarsened);
        await db.ListRightPushAsync(RedisKeys.AuditSignedHeads, oldHead);
        vouched = await log.VerifyAsync(service.PublicKey);
        Assert.True(vouched.Intact, vouched.BrokenAt);
        await ForgeSecondEntryAsync();
        Assert.Equal(0, await log.CoarsenAsync(service, vouched));
        Assert.Equal(seal, (string?)await db.StringGetAsync(RedisKeys.AuditCoarsened));
        Assert.All(await log.SignedHeadsAsync(), h => Assert.Equal(0, h.At % CoarseTime.PrecisionMilliseconds)); // the exact-time head is gone
        Assert.Equal("lead", (await log.ReadAsync())[1].Actor);
        Assert.StartsWith("coarsened entries", (await log.VerifyAsync(service.PublicKey)).BrokenAt);
    }
}
