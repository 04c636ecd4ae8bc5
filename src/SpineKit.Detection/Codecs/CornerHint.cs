using SpineKit.Anatomy;

namespace SpineKit.Detection.Codecs;

/// <summary>A user's correction: this level's corner is exactly here (original-image pixels).</summary>
/// <param name="Level">The vertebra the corner belongs to.</param>
/// <param name="Corner">Which corner.</param>
/// <param name="X">Column in original-image pixels.</param>
/// <param name="Y">Row in original-image pixels.</param>
public sealed record CornerHint(VertebraLevel Level, Corner Corner, double X, double Y);
