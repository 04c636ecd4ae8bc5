namespace SpineKit.Neural.Kernels;

/// <summary>Allocation of tensor storage.</summary>
internal static class Storage
{
    /// <summary>
    /// An array whose contents are unspecified, for outputs every element of which is written before
    /// being read: large tensors then skip the runtime's zeroing pass.
    /// </summary>
    public static float[] Uninitialized(int length) => GC.AllocateUninitializedArray<float>(length);
}
