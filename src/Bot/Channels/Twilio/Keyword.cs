using Hotline.Core;

namespace Hotline.Bot.Channels.Twilio;

public readonly record struct Keyword(KeywordKind Kind, Language Language);
