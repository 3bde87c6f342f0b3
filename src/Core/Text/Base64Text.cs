namespace Hotline.Core.Text;

/// <summary>Base64 read where it lies in a longer value ("nonce.cipher"), without a substring for each part first.</summary>
public static class Base64Text
{
    /// <summary>As <see cref="Convert.FromBase64String"/> of <paramref name="base64"/>, with the same answer and the same FormatException.</summary>
    public static byte[] Decode(ReadOnlySpan<char> base64)
    {
        var padding = base64.EndsWith("==") ? 2 : base64.EndsWith("=") ? 1 : 0;
        var bytes = new byte[Math.Max(0, base64.Length / 4 * 3 - padding)];
        // Anything but plain padded base64 (white space, say) is read the usual way, which decides as it always did.
        if (!Convert.TryFromBase64Chars(base64, bytes, out var written)) return Convert.FromBase64String(base64.ToString());
        return written == bytes.Length ? bytes : bytes[..written];
    }
}
