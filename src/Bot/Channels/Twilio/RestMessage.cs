namespace Hotline.Bot.Channels.Twilio;

/// <summary>One message for Twilio's Messages resource: a Body, or a ContentSid (an approved WhatsApp template) and its variables (JSON).</summary>
internal sealed record RestMessage(string To, string Via, string? Body, string? ContentSid, string? StatusCallback, string? ContentVariables = null);
