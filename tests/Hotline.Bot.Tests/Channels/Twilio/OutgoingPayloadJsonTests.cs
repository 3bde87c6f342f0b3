using System.Text.Json;
using Hotline.Bot.Channels.Twilio;

namespace Hotline.Bot.Tests.Channels.Twilio;

public sealed class OutgoingPayloadJsonTests
{
    public static TheoryData<string> Payloads => ["parts", "template"];

    private static OutgoingPayload Payload(string kind) => kind == "parts"
        ? new OutgoingPayload("+38344123456", ["Jemi këtu. \"Shkruaj\" <kur> të duash", "pjesa 2"], null)
        : new OutgoingPayload("whatsapp:+38344123456", [], "HX0123456789abcdef0123456789abcdef");

    [Theory]
    [MemberData(nameof(Payloads))]
    public void A_queued_replys_payload_is_sealed_and_opened_as_the_reflection_serializer_does(string kind)
    {
        var payload = Payload(kind);
        var reflected = JsonSerializer.SerializeToUtf8Bytes(payload);

        Assert.Equal(reflected, JsonSerializer.SerializeToUtf8Bytes(payload, OutgoingPayloadJson.Default.OutgoingPayload));
        var read = JsonSerializer.Deserialize(reflected, OutgoingPayloadJson.Default.OutgoingPayload)!;
        var readBefore = JsonSerializer.Deserialize<OutgoingPayload>(reflected)!;
        Assert.Equal((readBefore.To, readBefore.ContentSid), (read.To, read.ContentSid));
        Assert.Equal(readBefore.Bodies, read.Bodies);
    }
}
