using System.Globalization;
using SpineKit.Anatomy.Cobb;

namespace SpineKit.Detection.Training;

/// <summary>Accuracy of the model on held-out images, in original pixels and degrees.</summary>
/// <param name="Images">Images evaluated.</param>
/// <param name="MeanRadialError">Mean corner distance, original pixels.</param>
/// <param name="Smape">Challenge SMAPE in percent.</param>
/// <param name="AngleMae">Mean absolute error of each of the three angles, degrees.</param>
/// <param name="CircularMae">Circular mean absolute error, degrees.</param>
public sealed record ValidationFigures(int Images, double MeanRadialError, double Smape, AngleTriple AngleMae, double CircularMae)
{
    /// <summary>One line for logs.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"MRE {MeanRadialError:0.0} px, SMAPE {Smape:0.00}%, MAE {AngleMae.First:0.0}/{AngleMae.Second:0.0}/{AngleMae.Third:0.0} deg, circular MAE {CircularMae:0.00} deg ({Images} images)");
}
