using System.Globalization;
using System.Numerics;

namespace SpineKit.Detection.Training;

/// <summary>
/// The text a checkpoint records as its design (<see cref="ITrainingTask.Design"/>): the network's description, plus each
/// recipe option that changes what is trained, so a run resumes only under the options it started with.
/// </summary>
internal static class TrainingDesign
{
    /// <summary>
    /// <paramref name="design"/> with "<c>; name value</c>" appended when <paramref name="value"/> is above zero. At zero the
    /// option is left out, so checkpoints written before the option existed still resume.
    /// </summary>
    public static string WithOption<T>(string design, string name, T value)
        where T : IFloatingPointIeee754<T> =>
        value > T.Zero ? string.Create(CultureInfo.InvariantCulture, $"{design}; {name} {value:R}") : design;
}
