using SpineKit.Neural.Autograd;

namespace SpineKit.Neural.Kernels;

/// <summary>Allocation of tensor storage.</summary>
internal static class Storage
{
    /// <summary>
    /// An array whose contents are unspecified, for outputs every element of which is written before
    /// being read: large tensors then skip the runtime's zeroing pass. Inside a training step that owns a
    /// <see cref="TrainingBuffers"/> the array comes from that step's pool (see <see cref="BufferPool.RentOutput"/>).
    /// </summary>
    public static float[] Uninitialized(int length) => BufferPool.RentOutput(length);
}
