namespace ChromoFarm.Karyograms;

/// <summary>
/// Where an upright chromosome's centromere is, and whether it stands p arm up. The centromere is the primary
/// constriction: the narrowest row of the width profile, looked for near where the class puts it (its centromere
/// index from either end). The p arm is the shorter one, so a centromere found in the lower half means the
/// chromosome is upside down.
/// </summary>
/// <param name="Row">The centromere's row, counted from the top once <paramref name="Turn"/> is applied.</param>
/// <param name="Turn">True when the chromosome must be turned 180° to stand p arm up.</param>
public readonly record struct CentromereEstimate(int Row, bool Turn)
{
    // Pixels at or above this are the white around a cut-out (the native core whitens outside the chromosome).
    private const byte Background = 250;

    // How much a row's distance from the expected position costs against its narrowness (both 0..1).
    private const double PositionWeight = 0.5;

    /// <summary>Estimates from an upright crop's pixels (dark chromosome on white, row-major).</summary>
    /// <param name="centromereIndex">The class's typical p / (p + q).</param>
    public static CentromereEstimate Find(ReadOnlySpan<byte> pixels, int width, int height, double centromereIndex)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pixels.Length, width * height);
        var widths = new double[height];
        int top = -1, bottom = -1;
        for (var y = 0; y < height; y++)
        {
            var row = pixels.Slice(y * width, width);
            var count = 0;
            foreach (var value in row)
            {
                count += value < Background ? 1 : 0;
            }

            widths[y] = count;
            if (count > 0)
            {
                top = top < 0 ? y : top;
                bottom = y;
            }
        }

        var length = bottom - top + 1;
        if (top < 0 || length < 10)
        {
            // Too small to have arms worth finding: the middle, as drawn.
            return new CentromereEstimate(height / 2, false);
        }

        var smoothed = Smooth(widths, top, bottom, Math.Max(1, length / 30));
        var widest = smoothed.Max();
        var best = top + (length / 2);
        var bestScore = double.MaxValue;
        for (var y = top + (int)(0.08 * length); y <= bottom - (int)(0.08 * length); y++)
        {
            var position = (y - top + 0.5) / length;
            var offExpected = Math.Min(Math.Abs(position - centromereIndex), Math.Abs(position - (1 - centromereIndex)));
            var score = (smoothed[y] / widest) + (PositionWeight * offExpected);
            if (score < bestScore)
            {
                bestScore = score;
                best = y;
            }
        }

        var fromTop = best - top;
        var turn = fromTop > length / 2.0;
        return turn ? new CentromereEstimate(height - 1 - best, true) : new CentromereEstimate(best, false);
    }

    // A moving average over ±radius rows within [top, bottom], so that a band's pale row is not taken for the waist.
    private static double[] Smooth(double[] widths, int top, int bottom, int radius)
    {
        var smoothed = new double[widths.Length];
        for (var y = top; y <= bottom; y++)
        {
            double sum = 0;
            var n = 0;
            for (var k = Math.Max(top, y - radius); k <= Math.Min(bottom, y + radius); k++)
            {
                sum += widths[k];
                n++;
            }

            smoothed[y] = sum / n;
        }

        return smoothed;
    }
}
