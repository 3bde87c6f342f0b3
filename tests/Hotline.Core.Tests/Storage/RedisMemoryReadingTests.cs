using Hotline.Core.Storage;

namespace Hotline.Core.Tests.Storage;

public sealed class RedisMemoryReadingTests
{
    [Fact]
    public void Info_memory_gives_used_limit_policy_and_fullness()
    {
        var reading = RedisMemoryReading.Parse("# Memory\r\nused_memory:943718400\r\nused_memory_human:900.00M\r\nmaxmemory:1073741824\r\nmaxmemory_human:1.00G\r\nmaxmemory_policy:noeviction\r\n");

        Assert.Equal(new RedisMemoryReading(943718400, 1073741824, "noeviction"), reading);
        Assert.Equal(87.9, reading!.Percent, 1);
        Assert.False(reading.Full);
        Assert.Equal("900 of 1024 MiB (88%)", reading.Describe());
        Assert.True((reading with { Used = 1073741824 }).Full);
    }

    [Fact]
    public void Without_a_maxmemory_nothing_counts_as_full()
    {
        var reading = RedisMemoryReading.Parse("used_memory:5000000\nmaxmemory:0\nmaxmemory_policy:noeviction\n")!;

        Assert.Equal(0, reading.Percent);
        Assert.False(reading.Full);
        Assert.Contains("no maxmemory", reading.Describe());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("# Memory\r\nused_memory_human:1M\r\n")]
    [InlineData("used_memory:-5\nmaxmemory:10\n")]
    public void A_reply_without_the_numbers_gives_no_reading(string? info) => Assert.Null(RedisMemoryReading.Parse(info));
}
