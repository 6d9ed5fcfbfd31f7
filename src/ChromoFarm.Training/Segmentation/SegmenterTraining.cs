using System.Diagnostics;
using System.Text.Json;
using ChromoFarm.Native;

namespace ChromoFarm.Training.Segmentation;

/// <summary>One finished epoch of <see cref="SegmenterTraining"/>.</summary>
public sealed record SegmenterEpoch(int Epoch, int Epochs, double Loss, TimeSpan Elapsed);

/// <summary>
/// Trains the learned segmenter's network on the tuning images of annotated spread sets (the
/// held-out quarter is never read): random tiles, turned and mirrored, brightness scaled,
/// against <see cref="SegmentationTargets"/>. With <see cref="SegmenterTrainingOptions.BalanceSets"/>
/// every set gets the same share of an epoch's tiles, so a small set is not drowned by a large one.
/// </summary>
public sealed class SegmenterTraining(SegmenterTrainingOptions options)
{
    public const string Architecture = "chromofarm-unet3";

    /// <summary>Trains a new network on <paramref name="sets"/>; the caller disposes it.</summary>
    public SegmentationNetwork Run(IReadOnlyList<SpreadSet> sets, IProgress<SegmenterEpoch>? progress = null,
        Action<int, int>? loading = null, ComputeDevice device = ComputeDevice.Auto)
    {
        ArgumentNullException.ThrowIfNull(sets);
        options.Validate();
        var images = Load(sets, loading);
        if (images.Sum(set => set.Count) == 0)
        {
            throw new ArgumentException("the sets hold no tuning images to train on", nameof(sets));
        }

        var network = SegmentationNetwork.Create(options.Width, options.Seed, device);
        try
        {
            Train(network, images, progress);
            network.Metadata = Provenance(sets, images.Sum(set => set.Count));
            return network;
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    private void Train(SegmentationNetwork network, IReadOnlyList<IReadOnlyList<TrainingImage>> images, IProgress<SegmenterEpoch>? progress)
    {
        var random = new Random(unchecked((int)options.Seed));
        int size = options.TileSize, tile = size * size, batch = options.BatchSize;
        var inputs = new float[batch * tile];
        var targets = new byte[batch * tile];
        float[] weights = [1f, 1f, options.ContactWeight];
        var sources = TilePlan.Epoch(images.Select(set => set.Count).ToArray(), options.TilesPerImage, options.BalanceSets)
            .Select(source => images[source.Set][source.Image]).ToArray();
        var stepsPerEpoch = (sources.Length + batch - 1) / batch;
        var totalSteps = options.Epochs * stepsPerEpoch;
        var clock = Stopwatch.StartNew();
        var step = 0;
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var order = sources.OrderBy(_ => random.Next()).ToArray();
            double lossSum = 0;
            for (var start = 0; start < order.Length; start += batch)
            {
                var count = Math.Min(batch, order.Length - start);
                for (var i = 0; i < count; i++)
                {
                    order[start + i].CutTile(random, size, inputs.AsSpan(i * tile, tile), targets.AsSpan(i * tile, tile), options.StrongAugmentation);
                }

                // Cosine decay from the peak to zero over the whole run, after a short warm-up.
                var progressFraction = (double)step / totalSteps;
                var rate = options.LearningRate * Math.Min(1.0, (step + 1) / 20.0) * 0.5 * (1 + Math.Cos(Math.PI * progressFraction));
                lossSum += network.Step(inputs.AsSpan(0, count * tile), targets.AsSpan(0, count * tile), count, size, (float)Math.Max(rate, 1e-6), weights);
                step++;
            }

            progress?.Report(new SegmenterEpoch(epoch, options.Epochs, lossSum / stepsPerEpoch, clock.Elapsed));
        }
    }

    private static List<IReadOnlyList<TrainingImage>> Load(IReadOnlyList<SpreadSet> sets, Action<int, int>? loading)
    {
        var total = sets.Sum(set => set.Spreads.Count(source => !source.HeldOut));
        var loaded = 0;
        var images = new List<IReadOnlyList<TrainingImage>>(sets.Count);
        foreach (var set in sets)
        {
            var setImages = new List<TrainingImage>();
            foreach (var source in set.Spreads.Where(source => !source.HeldOut))
            {
                using var spread = source.Load();
                var masks = spread.Truth.Select(t => t.Mask).ToArray();
                int width = spread.Image.Width, height = spread.Image.Height;
                setImages.Add(new TrainingImage(SegmentationNetwork.Input(spread.Image), SegmentationTargets.Of(masks, width, height), width, height,
                    masks.Select(m => (m.X + m.Width / 2, m.Y + m.Height / 2)).ToArray()));
                loading?.Invoke(++loaded, total);
            }

            images.Add(setImages);
        }

        return images;
    }

    private string Provenance(IReadOnlyList<SpreadSet> sets, int images) => JsonSerializer.Serialize(new
    {
        architecture = Architecture,
        trained_on = sets.Select(s => new { kind = s.Kind, tuning_images = s.Spreads.Count(x => !x.HeldOut), held_out_images = s.Spreads.Count(x => x.HeldOut) }),
        images,
        options = new { epochs = options.Epochs, tile_size = options.TileSize, tiles_per_image = options.TilesPerImage, batch_size = options.BatchSize, learning_rate = options.LearningRate, width = options.Width, contact_weight = options.ContactWeight, strong_augmentation = options.StrongAugmentation, balance_sets = options.BalanceSets, seed = options.Seed },
        trained_at = DateTimeOffset.UtcNow,
    });

    /// <summary>A spread ready for tiling: the network input, the targets and the chromosomes' centres.</summary>
    private sealed record TrainingImage(float[] Input, byte[] Targets, int Width, int Height, (int X, int Y)[] Centres)
    {
        /// <summary>
        /// A random tile, around a chromosome half of the time (the spreads are mostly empty), turned
        /// by a multiple of 90° and maybe mirrored, its brightness scaled by 0.8..1.25. With
        /// <paramref name="strong"/> it is also zoomed (0.7..1.4: other cameras and magnifications),
        /// lit unevenly across the tile, given a gamma, sometimes blurred, and noised: the ways
        /// spreads from other labs differ from the tuning images.
        /// </summary>
        public void CutTile(Random random, int size, Span<float> input, Span<byte> target, bool strong = false)
        {
            var zoom = strong ? Math.Exp((random.NextDouble() * 2 - 1) * Math.Log(1.4)) : 1.0;
            var extent = (int)Math.Ceiling(size * zoom);
            int left, top;
            if (Centres.Length > 0 && random.Next(2) == 0)
            {
                var (cx, cy) = Centres[random.Next(Centres.Length)];
                left = cx - extent / 2 + random.Next(-extent / 4, extent / 4 + 1);
                top = cy - extent / 2 + random.Next(-extent / 4, extent / 4 + 1);
            }
            else
            {
                left = random.Next(Math.Max(1, Width - extent + 1));
                top = random.Next(Math.Max(1, Height - extent + 1));
            }

            left = Math.Clamp(left, 0, Math.Max(0, Width - extent));
            top = Math.Clamp(top, 0, Math.Max(0, Height - extent));
            var turns = random.Next(4);
            var mirror = random.Next(2) == 1;
            var gain = (float)Math.Exp((random.NextDouble() * 2 - 1) * Math.Log(1.25));
            for (var v = 0; v < size; v++)
            {
                for (var u = 0; u < size; u++)
                {
                    var (x, y) = Turned(mirror ? size - 1 - u : u, v, turns, size);
                    x = left + (int)(x * zoom);
                    y = top + (int)(y * zoom);
                    var inside = x < Width && y < Height;
                    input[v * size + u] = inside ? Input[y * Width + x] * gain : 0f;
                    target[v * size + u] = inside ? Targets[y * Width + x] : SegmentationNetwork.Ignore;
                }
            }

            if (strong)
            {
                Degrade(random, size, input);
            }
        }

        // Uneven light, gamma, blur and noise on a cut tile. The input is in units of the spread's
        // background noise (asinh-compressed, 0 = background), so the noise added is of that order.
        private static void Degrade(Random random, int size, Span<float> input)
        {
            double slopeX = random.NextDouble() - 0.5, slopeY = random.NextDouble() - 0.5;
            var gamma = Math.Exp((random.NextDouble() * 2 - 1) * Math.Log(1.33));
            var sigma = random.NextDouble() * 0.08;
            for (var v = 0; v < size; v++)
            {
                for (var u = 0; u < size; u++)
                {
                    var light = 1 + slopeX * ((double)u / size - 0.5) + slopeY * ((double)v / size - 0.5);
                    var value = input[v * size + u] * light;
                    input[v * size + u] = (float)(Math.Sign(value) * Math.Pow(Math.Abs(value), gamma));
                }
            }

            if (random.Next(2) == 0)
            {
                Blur(input, size);
            }

            for (var i = 0; i < size * size; i++)
            {
                // Box–Muller: one normal deviate per pixel.
                var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                input[i] += (float)(sigma * normal);
            }
        }

        // One pass of the separable 1-2-1 binomial filter, edges repeated: a mild defocus.
        private static void Blur(Span<float> input, int size)
        {
            var row = new float[size];
            for (var pass = 0; pass < 2; pass++)
            {
                for (var line = 0; line < size; line++)
                {
                    for (var k = 0; k < size; k++)
                    {
                        row[k] = pass == 0 ? input[line * size + k] : input[k * size + line];
                    }

                    for (var k = 0; k < size; k++)
                    {
                        var blurred = 0.25f * row[Math.Max(0, k - 1)] + 0.5f * row[k] + 0.25f * row[Math.Min(size - 1, k + 1)];
                        if (pass == 0)
                        {
                            input[line * size + k] = blurred;
                        }
                        else
                        {
                            input[k * size + line] = blurred;
                        }
                    }
                }
            }
        }

        private static (int X, int Y) Turned(int u, int v, int turns, int size) => turns switch
        {
            0 => (u, v),
            1 => (size - 1 - v, u),
            2 => (size - 1 - u, size - 1 - v),
            _ => (v, size - 1 - u),
        };
    }
}
