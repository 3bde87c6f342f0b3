using System.ComponentModel.DataAnnotations;

namespace Hotline.Core;

/// <summary>Settings every service shares, bound from HOTLINE_* environment variables.</summary>
public sealed class HotlineOptions
{
    /// <summary>StackExchange.Redis connection string (HOTLINE_REDIS), e.g. 127.0.0.1:6390.</summary>
    [Required(ErrorMessage = "HOTLINE_REDIS must name the Redis server, e.g. 127.0.0.1:6390")]
    public string Redis { get; set; } = "";

    /// <summary>Where keys and anything else the hotline writes live (HOTLINE_DATA_DIR).</summary>
    [Required(ErrorMessage = "HOTLINE_DATA_DIR must name the data folder")]
    public string DataDir { get; set; } = "";
}
