namespace GutSkin.Web.Tests.Account;

/// <summary>The tests' own authenticator is right, or every two-factor test would prove nothing.</summary>
public sealed class TotpTests
{
    [Theory]
    // RFC 6238 appendix B, SHA-1 rows (8 digits), secret "12345678901234567890".
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    public void Code_MatchesTheRfcTestVectors(long unixSeconds, string expected) =>
        Assert.Equal(expected, Totp.Code(System.Text.Encoding.ASCII.GetBytes("12345678901234567890"), unixSeconds / 30, 8));

    [Fact]
    public void Base32_DecodesTheRfc4648Example() =>
        Assert.Equal("foobar"u8.ToArray(), Totp.Base32("MZXW6YTBOI======"));
}
