namespace ChromoFarm.Training.Segmentation;

/// <summary>8-connected components of equal non-zero values in a label image.</summary>
public static class ComponentLabels
{
    /// <returns>Per pixel its component number (1..count, 0 for zero pixels), and the count.</returns>
    public static (int[] Components, int Count) Label(ReadOnlySpan<byte> values, int width, int height)
    {
        var components = new int[values.Length];
        var count = 0;
        var stack = new Stack<int>();
        for (var start = 0; start < values.Length; start++)
        {
            if (values[start] == 0 || components[start] != 0)
            {
                continue;
            }

            var value = values[start];
            components[start] = ++count;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var index = stack.Pop();
                int x = index % width, y = index / width;
                for (var dy = -1; dy <= 1; dy++)
                {
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        int nx = x + dx, ny = y + dy;
                        if (nx < 0 || ny < 0 || nx >= width || ny >= height)
                        {
                            continue;
                        }

                        var neighbour = ny * width + nx;
                        if (components[neighbour] == 0 && values[neighbour] == value)
                        {
                            components[neighbour] = count;
                            stack.Push(neighbour);
                        }
                    }
                }
            }
        }

        return (components, count);
    }
}
