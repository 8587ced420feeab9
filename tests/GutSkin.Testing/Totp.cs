using System.Buffers.Binary;
using System.Security.Cryptography;

namespace GutSkin.Testing;

/// <summary>What an authenticator app computes (RFC 6238: HMAC-SHA1 over the 30-second step, 6 digits), written from the RFCs for the tests.</summary>
public static class Totp
{
    /// <summary>The code for <paramref name="sharedKey"/> (base32, spaces and case ignored) at <paramref name="at"/>, by default now.</summary>
    public static string Code(string sharedKey, DateTimeOffset? at = null, int digits = 6) =>
        Code(Base32(sharedKey), (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30, digits);

    /// <summary>
    /// The code <paramref name="steps"/> 30-second steps from now, which the app still accepts (up to 2): each code
    /// signs in once, so a test that needs a second code a moment after the first takes the next one.
    /// </summary>
    public static string Later(string sharedKey, int steps) => Code(sharedKey, DateTimeOffset.UtcNow.AddSeconds(30 * steps));

    public static string Code(byte[] key, long step, int digits)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238's default, and what every authenticator app uses.
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        // RFC 4226 dynamic truncation: the low nibble of the last byte picks four bytes.
        var offset = hash[^1] & 0x0f;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7fffffff) % (int)Math.Pow(10, digits);
        return binary.ToString(new string('0', digits), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>RFC 4648 base32 without padding.</summary>
    public static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.ToUpperInvariant().Where(c => c is not (' ' or '=')))
        {
            var value = alphabet.IndexOf(c, StringComparison.Ordinal);
            Assert.True(value >= 0, $"'{c}' is not a base32 character");
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return [.. bytes];
    }
}
