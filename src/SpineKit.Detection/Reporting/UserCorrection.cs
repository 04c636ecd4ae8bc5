using SpineKit.Anatomy;

namespace SpineKit.Detection.Reporting;

/// <summary>
/// One corner a person placed by hand (in the correction page), kept in the exported analysis so a reader can tell
/// which corners are the model's and which a person's, and when each was placed.
/// </summary>
/// <param name="Level">The vertebra corrected.</param>
/// <param name="Corner">Which of its corners.</param>
/// <param name="X">Where it was put, in original pixels.</param>
/// <param name="Y">Where it was put, in original pixels.</param>
/// <param name="At">When it was put there (written in UTC).</param>
public sealed record UserCorrection(VertebraLevel Level, Corner Corner, double X, double Y, DateTimeOffset At);
