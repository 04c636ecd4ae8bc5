namespace SpineKit.Anatomy.Clinical;

/// <summary>
/// The lumbar modifier of the Lenke classification: where the center sacral vertical line (CSVL) passes the apical
/// lumbar vertebra. It is one part of a Lenke type; the curve type itself needs side-bending films, which a
/// single standing AP radiograph does not give.
/// </summary>
public enum LumbarModifier
{
    /// <summary>The CSVL runs between the pedicles of the apical lumbar vertebra.</summary>
    A,

    /// <summary>The CSVL touches the apical vertebral body between the concave pedicle and the body's lateral edge.</summary>
    B,

    /// <summary>The CSVL misses the apical vertebral body entirely (it lies medial to the body's lateral edge).</summary>
    C,
}
