using Hotline.Core.Storage;

namespace Hotline.Core.Tests.Storage;

[Collection(RedisFixture.Collection)]
public sealed class RedisScriptTests(RedisFixture redis)
{
    // A text Redis has not seen in this run, so the first evaluation meets NOSCRIPT as after a restart.
    private static readonly string Increment =
        $"-- {Guid.NewGuid():N}\nreturn redis.call('INCRBY', KEYS[1], ARGV[1])";

    private static readonly RedisScript Append = RedisScript.Named(
        $"-- {Guid.NewGuid():N}\nredis.call('RPUSH', @list, @item .. @suffix) return redis.call('LLEN', @list)",
        keys: ["list"], args: ["item", "suffix"]);

    private IServer Server => redis.Connection.GetServer(redis.ConnectionString);

    [Fact]
    public async Task A_script_by_its_text_runs_before_and_after_the_script_cache_is_flushed()
    {
        await redis.FlushAllAsync();
        var db = redis.Database;

        Assert.Equal(2, (long)await db.ScriptEvaluateBySha(Increment, ["t:count"], [2]));
        Assert.True(await Server.ScriptExistsAsync(ScriptsBySha.Sha1(Increment)), "loaded on the node that answered NOSCRIPT");
        Assert.Equal(5, (long)await db.ScriptEvaluateBySha(Increment, ["t:count"], [3]));

        await Server.ScriptFlushAsync();
        Assert.False(await Server.ScriptExistsAsync(ScriptsBySha.Sha1(Increment)));

        Assert.Equal(9, (long)await db.ScriptEvaluateBySha(Increment, ["t:count"], [4]));
        Assert.Equal(10, (long)await db.ScriptEvaluateBySha(Increment, ["t:count"], [1]));
        Assert.Equal("10", (string?)await db.StringGetAsync("t:count"));
    }

    [Fact]
    public async Task A_script_with_named_parameters_runs_by_its_SHA_before_and_after_the_script_cache_is_flushed()
    {
        await redis.FlushAllAsync();
        var db = redis.Database;

        Assert.Equal(1, (long)await Append.EvaluateAsync(db, ["t:list"], ["a", "1"]));
        Assert.True(await Server.ScriptExistsAsync(Append.Sha1.ToArray()), "loaded on the node that answered NOSCRIPT");
        await Server.ScriptFlushAsync();
        Assert.Equal(2, (long)await Append.EvaluateAsync(db, ["t:list"], ["b", "2"]));
        Assert.Equal(3, (long)await Append.EvaluateAsync(db, ["t:list"], ["c", "3"]));

        Assert.Equal(["a1", "b2", "c3"], (await db.ListRangeAsync("t:list")).Select(v => (string?)v));
    }

    [Fact]
    public void Named_parameters_become_the_listed_keys_and_arguments_in_their_order()
    {
        var script = RedisScript.Named("redis.call('HSET', @hash, @field, @value) return redis.call('HGET', @hash, @field)",
            keys: ["hash"], args: ["value", "field"]);

        Assert.Equal("redis.call('HSET', KEYS[1], ARGV[2], ARGV[1]) return redis.call('HGET', KEYS[1], ARGV[2])", script.Text);
        // An address or a word with '@' inside is not a parameter.
        Assert.Equal("return 'a@b' .. ARGV[1]", RedisScript.Named("return 'a@b' .. @x", keys: [], args: ["x"]).Text);
    }

    [Fact]
    public void A_script_naming_a_parameter_it_is_not_given_or_given_one_it_does_not_read_fails_when_prepared()
    {
        Assert.Throws<ArgumentException>(() => RedisScript.Named("return redis.call('GET', @key) .. @missing", keys: ["key"], args: []));
        Assert.Throws<ArgumentException>(() => RedisScript.Named("return redis.call('GET', @key)", keys: ["key"], args: ["unused"]));
        Assert.Throws<ArgumentException>(() => RedisScript.Named("return redis.call('GET', @key)", keys: ["key"], args: ["key"]));
    }

    [Fact]
    public async Task An_evaluation_with_too_few_or_too_many_keys_or_arguments_fails_before_anything_is_written()
    {
        await redis.FlushAllAsync();
        var db = redis.Database;

        await Assert.ThrowsAsync<ArgumentException>(() => Append.EvaluateAsync(db, ["t:list", "t:other"], ["a", "1"]));
        await Assert.ThrowsAsync<ArgumentException>(() => Append.EvaluateAsync(db, ["t:list"], ["a"]));
        Assert.Equal(0, await db.ListLengthAsync("t:list"));
    }

    [Fact]
    public async Task Arguments_given_by_name_run_in_the_listed_order_and_two_of_one_type_swapped_fail_before_anything_is_written()
    {
        await redis.FlushAllAsync();
        var db = redis.Database;

        Assert.Equal(1, (long)await Append.EvaluateAsync(db, [("list", "t:list")], [("item", "a"), ("suffix", "!")]));
        Assert.Equal("a!", (string?)await db.ListGetByIndexAsync("t:list", 0));
        // Both are strings: given by position alone, the swap would store "!a".
        var swapped = await Assert.ThrowsAsync<ArgumentException>(() => Append.EvaluateAsync(db, [("list", "t:list")], [("suffix", "!"), ("item", "b")]));
        Assert.Contains("@item", swapped.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => Append.EvaluateAsync(db, [("other", "t:list")], [("item", "c"), ("suffix", "!")]));
        await Assert.ThrowsAsync<ArgumentException>(() => Append.EvaluateAsync(db, [("list", "t:list")], [("item", "d")]));
        Assert.Equal(["a!"], (await db.ListRangeAsync("t:list")).Select(v => v.ToString()));
    }

    [Fact]
    public async Task A_script_that_fails_in_Redis_reports_its_error_and_is_not_run_twice()
    {
        await redis.FlushAllAsync();
        var db = redis.Database;
        var failing = $"-- {Guid.NewGuid():N}\nredis.call('INCR', KEYS[1]) return redis.error_reply('refused')";

        var error = await Assert.ThrowsAsync<RedisServerException>(() => db.ScriptEvaluateBySha(failing, ["t:tries"]));
        Assert.Contains("refused", error.Message);
        Assert.Equal("1", (string?)await db.StringGetAsync("t:tries"));
    }

    [Fact]
    public async Task The_SHA_is_the_one_Redis_computes()
    {
        Assert.Equal(await Server.ScriptLoadAsync(Increment), ScriptsBySha.Sha1(Increment));
        Assert.Equal(await Server.ScriptLoadAsync(Append.Text), Append.Sha1.ToArray());
    }
}
