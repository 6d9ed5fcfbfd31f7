using ChromoFarm.Karyotyping;

namespace ChromoFarm.Core.Tests;

public class MinCostAssignmentTests
{
    [Fact]
    public void Square_matrix_gets_the_hand_computed_optimum()
    {
        // Rows 0,1,2 → columns 1,0,2 costs 1+2+2 = 5; every other permutation costs more.
        var cost = new double[,] { { 4, 1, 3 }, { 2, 0, 5 }, { 3, 2, 2 } };
        Assert.Equal([1, 0, 2], MinCostAssignment.Solve(cost));
    }

    [Fact]
    public void More_columns_than_rows_leaves_the_expensive_columns_unused()
    {
        var cost = new double[,] { { 9, 1, 9, 9 }, { 9, 9, 9, 1 } };
        Assert.Equal([1, 3], MinCostAssignment.Solve(cost));
    }

    [Fact]
    public void More_rows_than_columns_is_refused()
    {
        Assert.Throws<ArgumentException>(() => MinCostAssignment.Solve(new double[3, 2]));
    }

    [Fact]
    public void Empty_matrix_assigns_nothing()
    {
        Assert.Empty(MinCostAssignment.Solve(new double[0, 5]));
    }

    [Fact]
    public void Random_matrices_match_brute_force_optimum()
    {
        var random = new Random(1234);
        for (var trial = 0; trial < 200; trial++)
        {
            var rows = random.Next(1, 6);
            var columns = random.Next(rows, 7);
            var cost = new double[rows, columns];
            for (var i = 0; i < rows; i++)
            {
                for (var j = 0; j < columns; j++)
                {
                    // Small integers make ties frequent, which is where potentials-based solvers go wrong.
                    cost[i, j] = random.Next(0, 4);
                }
            }

            var solution = MinCostAssignment.Solve(cost);
            Assert.Equal(rows, solution.Distinct().Count());
            Assert.Equal(BruteForce(cost), Total(cost, solution), 9);
        }
    }

    private static double Total(double[,] cost, int[] columns) => columns.Select((c, r) => cost[r, c]).Sum();

    private static double BruteForce(double[,] cost)
    {
        var rows = cost.GetLength(0);
        var columns = cost.GetLength(1);
        var best = double.PositiveInfinity;
        void Search(int row, bool[] used, double sum)
        {
            if (row == rows)
            {
                best = Math.Min(best, sum);
                return;
            }

            for (var c = 0; c < columns; c++)
            {
                if (!used[c])
                {
                    used[c] = true;
                    Search(row + 1, used, sum + cost[row, c]);
                    used[c] = false;
                }
            }
        }

        Search(0, new bool[columns], 0);
        return best;
    }
}
