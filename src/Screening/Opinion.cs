using System.IO.Compression;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Hotline.Screening;

/// <summary>
/// A learned second opinion beside the rules: logistic heads (urgent, critical, each category, minor) over hashed
/// features of the message's canonical words — each word, each pair of neighbouring words, and the first four and five
/// letters of longer words, so that the forms of one verb (rrah, rrahu, rrahën; exploit, exploited) share evidence.
/// Trained from the labelled sets in the repository by <see cref="OpinionTrainer"/>
/// (<c>dotnet run --project src/Triage -c Release -- train-opinion</c>), loaded from Data/opinion.bin. It only ever raises
/// what the rules found (<see cref="Screener"/>'s opinion stage), and it is explained by the words that drove it.
/// </summary>
internal sealed class Opinion
{
    public const int Bits = 17;
    public const int Size = 1 << Bits;
    public const int Urgent = 0;
    public const int Critical = 1;
    public const int FirstCategory = 2;
    public const int MinorHead = FirstCategory + 7;
    public const int Heads = MinorHead + 1;
    /// <summary>The opinion speaks only of messages up to this many words, a third more than the longest it learned from (48).</summary>
    public const int MaxTokens = 64;
    /// <summary>
    /// Below this many words the urgent and critical raises, and a category added beside the rules, ask for more: their
    /// threshold grows by the head's <see cref="ShortSlope"/> for every word the message is short of it (a sum of a few
    /// word weights decides less).
    /// </summary>
    public const int ShortBelow = 24;
    private const uint Magic = 0x33504F48; // "HOP3": HOP2 and the short-message slopes
    private const uint MagicWithoutSlopes = 0x32504F48; // "HOP2", read with no slope

    private static readonly Lazy<Opinion?> embedded = new(() =>
    {
        using var stream = typeof(Opinion).Assembly.GetManifestResourceStream("Hotline.Screening.Data.opinion.bin");
        return stream is null ? null : Read(stream);
    });

    /// <summary>Weights by bucket, head-minor: [bucket * Heads + head], as written (for writing the model again).</summary>
    private readonly float[] weights;
    /// <summary>The same weights in one byte each (a head's scale apart): a table small enough to stay in the core's cache.</summary>
    private readonly sbyte[] quantised;
    private readonly float[] scale;
    private readonly float[] bias;

    /// <summary>Per head, the score from which the opinion counts (chosen by the trainer on held-out folds).</summary>
    public float[] Thresholds { get; }

    /// <summary>
    /// An urgent score below which the rules' high (never their critical) is lowered to medium: so low that on held-out
    /// folds few urgent messages scored under it (<see cref="OpinionTrainer.LowerMissBudget"/>).
    /// </summary>
    public float LowerBelow { get; }

    /// <summary>Per head, what its raise threshold grows by for each word a message is short of <see cref="ShortBelow"/> (chosen by the trainer on held-out folds).</summary>
    public float[] ShortSlope { get; }

    public string Version { get; }

    public Opinion(float[] weights, float[] bias, float[] thresholds, float lowerBelow, float[] shortSlope, string version)
    {
        this.weights = weights;
        this.bias = bias;
        scale = new float[Heads];
        for (var i = 0; i < weights.Length; i++) scale[i % Heads] = MathF.Max(scale[i % Heads], MathF.Abs(weights[i]) / 127f);
        // 16 bytes of slack, so that a bucket's ten heads are read as one 16-byte vector (ScoreAll)
        quantised = new sbyte[weights.Length + 16];
        for (var i = 0; i < weights.Length; i++)
        {
            var h = i % Heads;
            quantised[i] = scale[h] == 0 ? (sbyte)0 : (sbyte)Math.Clamp(MathF.Round(weights[i] / scale[h]), -127, 127);
        }
        Thresholds = thresholds;
        LowerBelow = lowerBelow;
        ShortSlope = shortSlope;
        Version = version;
    }

    /// <summary>
    /// This opinion with <paramref name="heads"/> taken whole from <paramref name="other"/>: their weights, biases,
    /// thresholds and short-message slopes, and the lowering when the urgent head is among them. Heads are trained
    /// independently over the same features, so the heads taken score every message as they did in
    /// <paramref name="other"/> (retraining the category heads alone: <c>train-opinion --keep-heads-of</c>).
    /// </summary>
    public Opinion WithHeadsOf(Opinion other, IReadOnlyCollection<int> heads, string version)
    {
        ArgumentNullException.ThrowIfNull(other);
        ArgumentNullException.ThrowIfNull(heads);
        var w = (float[])weights.Clone();
        var b = (float[])bias.Clone();
        var t = (float[])Thresholds.Clone();
        var slope = (float[])ShortSlope.Clone();
        foreach (var h in heads)
        {
            for (var row = h; row < w.Length; row += Heads) w[row] = other.weights[row];
            b[h] = other.bias[h];
            t[h] = other.Thresholds[h];
            slope[h] = other.ShortSlope[h];
        }
        return new Opinion(w, b, t, heads.Contains(Urgent) ? other.LowerBelow : LowerBelow, slope, version);
    }

    /// <summary>The score from which <paramref name="head"/> raises a message of <paramref name="tokens"/> words.</summary>
    public float RaiseThreshold(int head, int tokens) => Thresholds[head] + ShortSlope[head] * Math.Max(0, ShortBelow - tokens);

    /// <summary>The opinion trained into this assembly (Data/opinion.bin), or null when none was trained.</summary>
    public static Opinion? Embedded => embedded.Value;

    public float Weight(int bucket, int head) => quantised[bucket * Heads + head] * scale[head];

    /// <summary>Every head's score in one pass over the features (a bucket's heads share a cache line).</summary>
    public void ScoreAll(Scratch s, Span<float> z)
    {
        // a bucket's heads in one 16-byte load, summed in 16-bit lanes: at most 4 × MaxTokens features of at most 127 each
        var low = Vector128<short>.Zero;
        var high = Vector128<short>.Zero;
        var buckets = s.FeatureBuckets;
        ref var table = ref MemoryMarshal.GetArrayDataReference(quantised);
        for (var f = 0; f < s.FeatureCount; f++)
        {
            var row = Vector128.LoadUnsafe(ref table, (nuint)(buckets[f] * Heads));
            var (lower, upper) = Vector128.Widen(row);
            low += lower;
            high += upper;
        }
        for (var h = 0; h < Heads; h++) z[h] = bias[h] + (h < 8 ? low.GetElement(h) : high.GetElement(h - 8)) * scale[h];
    }

    /// <summary>The score of <paramref name="head"/> over the features already in <paramref name="s"/>.</summary>
    public float Score(Scratch s, int head)
    {
        var sum = 0;
        var buckets = s.FeatureBuckets;
        for (var f = 0; f < s.FeatureCount; f++) sum += quantised[buckets[f] * Heads + head];
        return bias[head] + sum * scale[head];
    }

    /// <summary>
    /// Writes the message's features into <paramref name="s"/> (bucket and the tokens it stands on): every word, every
    /// pair of neighbouring words in a sentence, and the four- and five-letter beginnings of words of six letters or more.
    /// </summary>
    public static void Features(Scratch s)
    {
        var needed = s.Count * 4;
        if (s.FeatureBuckets.Length < needed)
        {
            s.FeatureBuckets = new int[needed * 2];
            s.FeatureFirst = new int[needed * 2];
        }
        var n = 0;
        uint previous = 0;
        var previousSentence = -1;
        for (var i = 0; i < s.Count; i++)
        {
            ref readonly var t = ref s.Tokens[i];
            var text = s.Text(t);
            var number = (t.Flags & TokenFlags.Number) != 0;
            var word = number ? NumberHash : Hash(0x811c9dc5, text);
            Add(s, ref n, word, i);
            if (previousSentence == t.Sentence) Add(s, ref n, Mix(previous * 0x01000193u, word), ~(i - 1));
            if (text.Length >= 6 && !number)
            {
                // the four- and five-letter beginnings, only of the words that have them as features
                Add(s, ref n, Hash(0x9e3779b9, text[..4]), i);
                Add(s, ref n, Hash(0x85ebca6b, text[..5]), i);
            }
            previous = word;
            previousSentence = t.Sentence;
        }
        s.FeatureCount = n;
    }

    /// <summary>Every number is one word for the opinion.</summary>
    private static readonly uint NumberHash = Hash(0x2c1b3c6d, "#");

    /// <summary>The first token a feature stands on; a pair is stored complemented (~first) and covers first and first + 1.</summary>
    public static (int First, int Last) FeatureTokens(Scratch s, int feature)
    {
        var first = s.FeatureFirst[feature];
        return first < 0 ? (~first, ~first + 1) : (first, first);
    }

    private static void Add(Scratch s, ref int n, uint hash, int first)
    {
        s.FeatureBuckets[n] = (int)(Mix(hash, 0x27d4eb2f) & (Size - 1));
        s.FeatureFirst[n] = first;
        n++;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static uint Hash(uint seed, ReadOnlySpan<char> text)
    {
        var h = seed;
        foreach (var c in text)
        {
            h ^= c;
            h *= 0x01000193;
        }
        return h;
    }

    private static uint Mix(uint a, uint b)
    {
        var h = a ^ (b + 0x9e3779b9 + (a << 6) + (a >> 2));
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return h;
    }

    /// <summary>Writes the model: sparse buckets whose weights matter, compressed; the version names the training.</summary>
    public void Write(Stream destination)
    {
        using var brotli = new BrotliStream(destination, CompressionLevel.SmallestSize, leaveOpen: true);
        using var w = new BinaryWriter(brotli);
        w.Write(Magic);
        w.Write(Bits);
        w.Write(Heads);
        w.Write(Version);
        foreach (var b in bias) w.Write(b);
        foreach (var t in Thresholds) w.Write(t);
        w.Write(LowerBelow);
        foreach (var slope in ShortSlope) w.Write(slope);
        var kept = new List<int>();
        for (var bucket = 0; bucket < Size; bucket++)
        {
            for (var h = 0; h < Heads; h++)
            {
                if (MathF.Abs(weights[bucket * Heads + h]) >= 1e-3f) { kept.Add(bucket); break; }
            }
        }
        w.Write(kept.Count);
        foreach (var bucket in kept)
        {
            w.Write(bucket);
            for (var h = 0; h < Heads; h++) w.Write((Half)weights[bucket * Heads + h]);
        }
    }

    public static Opinion Read(Stream source)
    {
        using var brotli = new BrotliStream(source, CompressionMode.Decompress);
        using var r = new BinaryReader(brotli);
        var magic = r.ReadUInt32();
        if (magic is not (Magic or MagicWithoutSlopes) || r.ReadInt32() != Bits || r.ReadInt32() != Heads)
            throw new InvalidDataException("opinion.bin was written for other features: train it again (train-opinion)");
        var version = r.ReadString();
        var bias = new float[Heads];
        for (var h = 0; h < Heads; h++) bias[h] = r.ReadSingle();
        var thresholds = new float[Heads];
        for (var h = 0; h < Heads; h++) thresholds[h] = r.ReadSingle();
        var lowerBelow = r.ReadSingle();
        var shortSlope = new float[Heads];
        if (magic == Magic)
        {
            for (var h = 0; h < Heads; h++) shortSlope[h] = r.ReadSingle();
        }
        var weights = new float[Size * Heads];
        var count = r.ReadInt32();
        for (var k = 0; k < count; k++)
        {
            var bucket = r.ReadInt32();
            for (var h = 0; h < Heads; h++) weights[bucket * Heads + h] = (float)r.ReadHalf();
        }
        return new Opinion(weights, bias, thresholds, lowerBelow, shortSlope, version);
    }

    public static float Sigmoid(float z) => 1f / (1f + MathF.Exp(-z));

    internal static int PopCount(int bits) => BitOperations.PopCount((uint)bits);
}
