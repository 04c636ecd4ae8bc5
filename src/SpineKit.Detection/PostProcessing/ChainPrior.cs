namespace SpineKit.Detection.PostProcessing;

/// <summary>
/// The weights of <see cref="ChainAssignment"/>'s spine-shape prior. <see cref="Default"/> is the prior the
/// shipped challenge-framed model was tuned with (validation mean radial error); <see cref="FieldOfView"/>
/// is for models that estimate each vertebra's level and were trained on any field of view: there the
/// level estimate names the levels, and levels beyond the film's edge are simply not visible.
/// </summary>
/// <param name="MissCost">Cost of a level without a candidate inside the image.</param>
/// <param name="LevelCost">Cost per level of disagreement between the assigned level and the network's estimate.</param>
/// <param name="SpacingCost">Cost per unit of |log(distance / expected distance)| between consecutive chosen candidates.</param>
/// <param name="SpacingTolerance">Spacing deviations up to this |log ratio| cost nothing.</param>
/// <param name="SidewaysCost">Cost per unit of (step across / step along the bodies' axes) squared.</param>
/// <param name="OutsideCost">Added to <paramref name="MissCost"/> for each left-over level that would lie outside the image (negative: cheaper).</param>
/// <param name="DropOutside">Whether left-over levels that would lie outside the image are reported absent instead of extrapolated.</param>
internal sealed record ChainPrior(float MissCost, float LevelCost, float SpacingCost, float SpacingTolerance, float SidewaysCost, float OutsideCost, bool DropOutside)
{
    /// <summary>
    /// Cost per unit of score of a candidate the chain leaves out: zero when every level is expected in the
    /// image (false peaks cost nothing); on any field of view it keeps a chain from ending at one confident
    /// body near the edge, which would make every other level "outside" and cheap.
    /// </summary>
    public float SkipCost { get; init; }

    /// <summary>
    /// Whether the chain's labels are then moved by the network's level estimates: the median of
    /// (estimate - assigned level) over the confident vertebrae, when it is a level or more, shifts every
    /// label, and vertebrae shifted past T1 or L5 (a C7, an S1) are not reported.
    /// </summary>
    public bool RelabelByLevelEstimate { get; init; }

    /// <summary>
    /// The challenge-framed prior: T1 to L5 are all expected in the image, a level left over outside it costs
    /// double, and the level estimate carries no weight (on the validation split the only such model's
    /// estimates, which drift towards the middle levels at both ends, made chains worse at every weight tried).
    /// </summary>
    public static ChainPrior Default { get; } = new(2f, 0f, 2f, 0.25f, 0.5f, 2f, false);

    /// <summary>
    /// Any field of view: the challenge prior's shape terms pick the chain of bodies, but a level beyond the
    /// film's edge costs a tenth of a miss (it is simply not visible) and is left out of the result; the level
    /// estimates then name the chain as a whole (<see cref="RelabelByLevelEstimate"/>), so a lumbar film yields
    /// lumbar levels and a visible C7 does not become T1. (Per-vertebra level costs inside the programme made
    /// long chains dear and let two stray peaks at a film's edges win on fullspine-dev.)
    /// </summary>
    public static ChainPrior FieldOfView { get; } = Default with { OutsideCost = -1.8f, SkipCost = 2f, DropOutside = true, RelabelByLevelEstimate = true };
}
