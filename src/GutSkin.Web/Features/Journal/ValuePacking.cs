using System.Buffers.Binary;

namespace GutSkin.Web.Features.Journal;

/// <summary>
/// How a day's values are stored: one compact byte string in the day's row instead of a row per value (issue 17: a row
/// per value cost 124 bytes with its indexes, this about 2). Entries are in item-id order, each the item id's distance
/// from the previous one (the first: the id itself), then the value, both as unsigned LEB128 varints. The value is
/// <c>zigzag(k) &lt;&lt; 2 | d</c> for the decimal k / 10^d with d ∈ {0, 1, 2} when that is exactly the double stored
/// (every score, serving, hour and dose people type); otherwise <c>3</c> followed by the double's 8 bytes, little
/// endian. Reading gives back the very same doubles.
/// </summary>
public static class ValuePacking
{
    private const int Raw = 3;
    private static readonly double[] Scale = [1, 10, 100];

    public static readonly byte[] Empty = [];

    /// <summary>The values, whatever their order; an item may appear once.</summary>
    public static byte[] Pack(IEnumerable<(int ItemId, double Value)> values)
    {
        var sorted = values.OrderBy(v => v.ItemId).ToList();
        if (sorted.Count == 0)
        {
            return Empty;
        }

        var buffer = new byte[sorted.Count * 20];
        var at = 0;
        var previous = 0;
        foreach (var (itemId, value) in sorted)
        {
            if (itemId <= previous)
            {
                throw new ArgumentException($"Item {itemId} appears twice or is not positive.", nameof(values));
            }

            at = Write(buffer, at, (ulong)(itemId - previous));
            previous = itemId;
            if (Decimal(value) is var (k, d))
            {
                at = Write(buffer, at, (ZigZag(k) << 2) | (uint)d);
            }
            else
            {
                buffer[at++] = Raw;
                BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(at), value);
                at += 8;
            }
        }

        return buffer[..at];
    }

    /// <summary>The values in item-id order.</summary>
    public static List<(int ItemId, double Value)> Unpack(ReadOnlySpan<byte> packed)
    {
        var values = new List<(int, double)>(packed.Length / 2);
        var at = 0;
        var itemId = 0;
        while (at < packed.Length)
        {
            itemId += (int)Read(packed, ref at);
            var head = Read(packed, ref at);
            var d = (int)(head & 3);
            if (d == Raw)
            {
                values.Add((itemId, BinaryPrimitives.ReadDoubleLittleEndian(packed[at..])));
                at += 8;
            }
            else
            {
                var k = UnZigZag(head >> 2);
                values.Add((itemId, d == 0 ? k : k / Scale[d]));
            }
        }

        return values;
    }

    /// <summary>A day's stored values (none when null) with <paramref name="values"/> written over them, packed.</summary>
    public static byte[] Merge(byte[]? stored, IEnumerable<(int ItemId, double Value)> values)
    {
        var merged = (stored is null ? [] : Unpack(stored)).ToDictionary(v => v.ItemId, v => v.Value);
        foreach (var (itemId, value) in values)
        {
            merged[itemId] = value;
        }

        return Pack(merged.Select(v => (v.Key, v.Value)));
    }

    /// <summary>How many values a packed day holds, without building them.</summary>
    public static int Count(ReadOnlySpan<byte> packed)
    {
        var count = 0;
        var at = 0;
        while (at < packed.Length)
        {
            Read(packed, ref at);
            at = (Read(packed, ref at) & 3) == Raw ? at + 8 : at;
            count++;
        }

        return count;
    }

    /// <summary>k and d with k / 10^d bit for bit the value, for the smallest such d in 0..2, or null.</summary>
    private static (long K, int D)? Decimal(double value)
    {
        for (var d = 0; d < Scale.Length; d++)
        {
            var scaled = Math.Round(value * Scale[d]);
            if (Math.Abs(scaled) > 1e15)
            {
                return null;
            }

            var k = (long)scaled;
            var back = d == 0 ? k : k / Scale[d];
            if (BitConverter.DoubleToInt64Bits(back) == BitConverter.DoubleToInt64Bits(value))
            {
                return (k, d);
            }
        }

        return null;
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    private static int Write(byte[] buffer, int at, ulong value)
    {
        while (value >= 0x80)
        {
            buffer[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[at++] = (byte)value;
        return at;
    }

    private static ulong Read(ReadOnlySpan<byte> packed, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = packed[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
