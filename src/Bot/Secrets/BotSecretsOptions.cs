using System.ComponentModel.DataAnnotations;

namespace Hotline.Bot.Secrets;

/// <summary>Where the Bot's secrets file lives (HOTLINE_BOT_SECRETS; default HOTLINE_SECRETS_DIR/bot.json), never inside HOTLINE_DATA_DIR.</summary>
public sealed class BotSecretsOptions
{
    [Required(ErrorMessage = "HOTLINE_BOT_SECRETS must name the Bot's secrets file (default HOTLINE_SECRETS_DIR/bot.json)")]
    public string Path { get; set; } = "";
}
