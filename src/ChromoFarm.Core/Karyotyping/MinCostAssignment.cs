namespace ChromoFarm.Karyotyping;

/// <summary>Optimal assignment of rows to distinct columns (rows ≤ columns) minimising the total cost.</summary>
/// <remarks>
/// Hungarian method with row/column potentials, O(rows² · columns): about 0.1 ms for a 46 × 48 cell.
/// Each row gets exactly one column; unused columns are allowed.
/// </remarks>
public static class MinCostAssignment
{
    /// <returns>For each row, the index of its column.</returns>
    public static int[] Solve(double[,] cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        var rows = cost.GetLength(0);
        var columns = cost.GetLength(1);
        if (rows > columns)
        {
            throw new ArgumentException($"{rows} rows cannot be assigned to {columns} distinct columns", nameof(cost));
        }

        if (rows == 0)
        {
            return [];
        }

        // Row-major copy: the inner loop then walks one contiguous row without two-dimensional bounds checks.
        var flat = new double[rows * columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                flat[(r * columns) + c] = cost[r, c];
            }
        }

        // 1-based arrays: index 0 is the virtual column/row the augmenting search starts from.
        var rowPotential = new double[rows + 1];
        var columnPotential = new double[columns + 1];
        var rowOfColumn = new int[columns + 1];
        var previousColumn = new int[columns + 1];
        var minSlack = new double[columns + 1];
        var used = new bool[columns + 1];

        for (var row = 1; row <= rows; row++)
        {
            rowOfColumn[0] = row;
            var column = 0;
            Array.Fill(minSlack, double.PositiveInfinity);
            Array.Fill(used, false);
            do
            {
                used[column] = true;
                var currentRow = rowOfColumn[column];
                var rowCosts = flat.AsSpan((currentRow - 1) * columns, columns);
                var potential = rowPotential[currentRow];
                var delta = double.PositiveInfinity;
                var nextColumn = 0;
                for (var j = 1; j <= columns; j++)
                {
                    if (used[j])
                    {
                        continue;
                    }

                    var slack = rowCosts[j - 1] - potential - columnPotential[j];
                    if (slack < minSlack[j])
                    {
                        minSlack[j] = slack;
                        previousColumn[j] = column;
                    }

                    if (minSlack[j] < delta)
                    {
                        delta = minSlack[j];
                        nextColumn = j;
                    }
                }

                if (double.IsPositiveInfinity(delta))
                {
                    throw new ArgumentException("the cost matrix has no finite assignment", nameof(cost));
                }

                for (var j = 0; j <= columns; j++)
                {
                    if (used[j])
                    {
                        rowPotential[rowOfColumn[j]] += delta;
                        columnPotential[j] -= delta;
                    }
                    else
                    {
                        minSlack[j] -= delta;
                    }
                }

                column = nextColumn;
            }
            while (rowOfColumn[column] != 0);

            // Augment along the alternating path back to the virtual column.
            do
            {
                var previous = previousColumn[column];
                rowOfColumn[column] = rowOfColumn[previous];
                column = previous;
            }
            while (column != 0);
        }

        var assignment = new int[rows];
        for (var j = 1; j <= columns; j++)
        {
            if (rowOfColumn[j] != 0)
            {
                assignment[rowOfColumn[j] - 1] = j - 1;
            }
        }

        return assignment;
    }
}
