namespace Hotline.Core.Text;

/// <summary>Base64 read where it lies in a longer value ("nonce.cipher"), without a substring for each part first.</summary>
public static class Base64Text
{
    /// <summary>As <see cref="Convert.FromBase64String"/> of <paramref name="base64"/>, with the same answer and the same FormatException.</summary>
    public static byte[] Decode(ReadOnlySpan<char> base64)
    {
        // Anything but plain padded base64 (white space, say) is read the usual way, which decides as it always did.
        var length = DecodedLength(base64);
        if (length < 0) return Convert.FromBase64String(base64.ToString());
        var bytes = new byte[length];
        if (!Convert.TryFromBase64Chars(base64, bytes, out var written)) return Convert.FromBase64String(base64.ToString());
        return written == bytes.Length ? bytes : bytes[..written];
    }

    /// <summary>The bytes plain padded base64 of this length decodes to, or -1 when its length is no multiple of four.</summary>
    public static int DecodedLength(ReadOnlySpan<char> base64) => base64.Length % 4 != 0 ? -1
        : base64.Length / 4 * 3 - (base64.EndsWith("==") ? 2 : base64.EndsWith("=") ? 1 : 0);
}
