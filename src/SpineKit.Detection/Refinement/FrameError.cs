namespace SpineKit.Detection.Refinement;

/// <summary>
/// How far an estimated vertebra frame lies from the true one: the centre's shift along and across the true
/// axis in units of the crop side, the log of the side's ratio, and the turn in radians.
/// </summary>
/// <param name="Along">Shift along the axis (left to right), in crop sides.</param>
/// <param name="Across">Shift across the axis (downwards), in crop sides.</param>
/// <param name="LogScale">Natural log of estimated side over true side.</param>
/// <param name="Turn">Estimated angle minus true angle, radians.</param>
internal readonly record struct FrameError(double Along, double Across, double LogScale, double Turn)
{
    /// <summary>Whether the error is small enough to be a corner error rather than a wrong vertebra (a level slip or a rib).</summary>
    public bool IsLocal => Math.Abs(Along) < 0.3 && Math.Abs(Across) < 0.3 && Math.Abs(LogScale) < 0.5 && Math.Abs(Turn) < 0.5;
}
