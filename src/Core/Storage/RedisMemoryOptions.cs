using System.ComponentModel.DataAnnotations;

namespace Hotline.Core.Storage;

/// <summary>When Redis memory counts as under pressure, and how often it is read; bound from HOTLINE_REDIS_MEMORY_* and checked at start.</summary>
public sealed class RedisMemoryOptions
{
    /// <summary>
    /// HOTLINE_REDIS_MEMORY_ALERT_PERCENT (default 80): above this share of maxmemory the services say so in /readyz and the
    /// on-call supervisor is sent an alert, while there is still room; at 100% Redis refuses writes (noeviction).
    /// </summary>
    [Range(1, 99, ErrorMessage = "HOTLINE_REDIS_MEMORY_ALERT_PERCENT must be a whole number from 1 to 99")]
    public int AlertPercent { get; set; } = 80;

    /// <summary>HOTLINE_REDIS_MEMORY_CHECK_SECONDS (default 10): how often INFO memory is read.</summary>
    [Range(1, 3600, ErrorMessage = "HOTLINE_REDIS_MEMORY_CHECK_SECONDS must be a whole number from 1 to 3600")]
    public int CheckSeconds { get; set; } = 10;

    /// <summary>HOTLINE_REDIS_MEMORY_ALERT_REPEAT_MINUTES (default 60): the alert is sent again this often while memory stays high.</summary>
    [Range(1, 10080, ErrorMessage = "HOTLINE_REDIS_MEMORY_ALERT_REPEAT_MINUTES must be a whole number from 1 to 10080")]
    public int AlertRepeatMinutes { get; set; } = 60;
}
