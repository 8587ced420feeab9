using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using GutSkin.Web.Data;
using GutSkin.Web.Features.Push;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GutSkin.Web.Tests.Push;

/// <summary>The site's VAPID keys: made at the first start, stored with the private key protected, one pair whoever races to make it.</summary>
public sealed class VapidKeyTests
{
    [Fact]
    public async Task FirstStart_StoresOnePair_WhosePrivateKeyIsNotInTheDatabaseInAnyPlainForm_AndSignsForThePublicKey()
    {
        using var factory = new GutSkinFactory();
        _ = factory.Services;

        var row = Assert.Single(factory.WithDb(db => db.VapidKeys.AsNoTracking().ToList()));
        var pair = await factory.Services.GetRequiredService<VapidKeys>().GetAsync(TestContext.Current.CancellationToken);

        Assert.Equal(row.PublicKey, pair.PublicKey);
        var d = Base64Url.DecodeFromChars(pair.PrivateKey);
        Assert.Equal(32, d.Length);
        foreach (var plain in new[] { pair.PrivateKey, Convert.ToBase64String(d), Convert.ToHexString(d), Convert.ToHexStringLower(d) })
        {
            Assert.DoesNotContain(plain, row.ProtectedPrivateKey, StringComparison.Ordinal);
        }

        // The stored private key is the public key's: what it signs verifies with the public key.
        var q = Base64Url.DecodeFromChars(pair.PublicKey);
        using var signer = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d, Q = new ECPoint { X = q[1..33], Y = q[33..] } });
        using var verifier = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = q[1..33], Y = q[33..] } });
        var data = Encoding.ASCII.GetBytes("header.payload");
        Assert.True(verifier.VerifyData(data, signer.SignData(data, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256));
    }

    [Fact]
    public async Task InstancesMakingTheFirstPairAtOnce_AllEndUpWithTheOnePairTheDatabaseKept()
    {
        using var factory = new GutSkinFactory();
        factory.WithDb(db => db.VapidKeys.ExecuteDelete());

        // Each as a separate instance would: its own key service, its own connection, all at the same moment.
        var pairs = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var keys = ActivatorUtilities.CreateInstance<VapidKeys>(factory.Services);
            return await keys.EnsureAsync(scope.ServiceProvider.GetRequiredService<GutSkinDb>(), default);
        })));

        var row = Assert.Single(factory.WithDb(db => db.VapidKeys.AsNoTracking().ToList()));
        Assert.All(pairs, pair => Assert.Equal(row.PublicKey, pair.PublicKey));
        Assert.Single(pairs.Select(p => p.PrivateKey).Distinct());
    }

    [Fact]
    public async Task ASecondInstanceOnTheSameDatabase_ReadsTheFirstOnesKeys()
    {
        using var first = new GutSkinFactory();
        var key = (await first.Services.GetRequiredService<VapidKeys>().GetAsync(TestContext.Current.CancellationToken)).PublicKey;
        // Another app on the first one's database and key file, as a second instance is.
        using var second = GutSkinFactory.Create(new() { Database = first.Database });

        var secondKey = (await second.Services.GetRequiredService<VapidKeys>().GetAsync(TestContext.Current.CancellationToken)).PublicKey;

        Assert.Equal(key, secondKey);
        Assert.Single(second.WithDb(db => db.VapidKeys.ToList()));
    }
}
