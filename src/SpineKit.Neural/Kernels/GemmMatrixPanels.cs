using System.Runtime.Intrinsics;

namespace SpineKit.Neural.Kernels;

/// <summary>Packs panels of a plain row-major matrix B (or of Bᵀ when B is stored transposed).</summary>
internal readonly unsafe struct GemmMatrixPanels : IGemmPanelSource
{
    private readonly float* matrix;
    private readonly int leadingDimension;
    private readonly int columns;
    private readonly bool transposed;

    /// <summary>Describes op(B) with <paramref name="columns"/> columns stored at <paramref name="matrix"/>.</summary>
    public GemmMatrixPanels(float* matrix, int leadingDimension, int columns, bool transposed)
    {
        this.matrix = matrix;
        this.leadingDimension = leadingDimension;
        this.columns = columns;
        this.transposed = transposed;
    }

    /// <inheritdoc/>
    public void Pack(int k0, int kc, int n0, float* panel)
    {
        var valid = Math.Min(GemmTile.Columns, columns - n0);
        if (transposed)
        {
            // Column j of op(B) is row j of the stored matrix: read it contiguously, write it strided.
            if (valid < GemmTile.Columns)
            {
                new Span<float>(panel, kc * GemmTile.Columns).Clear();
            }

            for (var j = 0; j < valid; j++)
            {
                var source = matrix + ((long)(n0 + j) * leadingDimension) + k0;
                for (var p = 0; p < kc; p++)
                {
                    panel[(p * GemmTile.Columns) + j] = source[p];
                }
            }

            return;
        }

        for (var p = 0; p < kc; p++)
        {
            var source = matrix + ((long)(k0 + p) * leadingDimension) + n0;
            var target = panel + (p * GemmTile.Columns);
            if (valid == GemmTile.Columns)
            {
                Vector256.Store(Vector256.Load(source), target);
                Vector256.Store(Vector256.Load(source + 8), target + 8);
                Vector256.Store(Vector256.Load(source + 16), target + 16);
                Vector256.Store(Vector256.Load(source + 24), target + 24);
            }
            else
            {
                for (var j = 0; j < valid; j++)
                {
                    target[j] = source[j];
                }

                for (var j = valid; j < GemmTile.Columns; j++)
                {
                    target[j] = 0;
                }
            }
        }
    }

    /// <inheritdoc/>
    public float* DirectRows(int k0, int n0, out int* rowOffsets)
    {
        rowOffsets = null;
        return null;
    }
}
