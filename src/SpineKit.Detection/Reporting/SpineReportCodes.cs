using SpineKit.Anatomy;
using SpineKit.Anatomy.Clinical;
using SpineKit.Imaging.Formats.Dicom;

namespace SpineKit.Detection.Reporting;

/// <summary>
/// The coded concepts of SpineKit's measurement report (listed code by code in <c>docs/pacs.md</c>): DICOM (DCM),
/// SNOMED CT (SCT) and UCUM codes where the standard has one, and SpineKit's private coding scheme
/// <see cref="PrivateScheme"/> where it has none (the challenge's angle columns, end and apical vertebrae, the
/// vertebral levels as values, curve regions, model identity). The private scheme is declared in every report's
/// Coding Scheme Identification Sequence.
/// </summary>
public static class SpineReportCodes
{
    /// <summary>SpineKit's private coding scheme designator ("99" prefix: private, PS3.16 8.2).</summary>
    public const string PrivateScheme = "99SPINEKIT";

    /// <summary>(126000, DCM, "Imaging Measurement Report"): the root of TID 1500.</summary>
    public static readonly DicomCode ImagingMeasurementReport = new("126000", "DCM", "Imaging Measurement Report");

    /// <summary>(121049, DCM, "Language of Content Item and Descendants").</summary>
    public static readonly DicomCode Language = new("121049", "DCM", "Language of Content Item and Descendants");

    /// <summary>(en-US, RFC5646, "English (United States)").</summary>
    public static readonly DicomCode EnglishUnitedStates = new("en-US", "RFC5646", "English (United States)");

    /// <summary>(121005, DCM, "Observer Type").</summary>
    public static readonly DicomCode ObserverType = new("121005", "DCM", "Observer Type");

    /// <summary>(121007, DCM, "Device").</summary>
    public static readonly DicomCode Device = new("121007", "DCM", "Device");

    /// <summary>(121012, DCM, "Device Observer UID").</summary>
    public static readonly DicomCode DeviceObserverUid = new("121012", "DCM", "Device Observer UID");

    /// <summary>(121013, DCM, "Device Observer Name").</summary>
    public static readonly DicomCode DeviceObserverName = new("121013", "DCM", "Device Observer Name");

    /// <summary>(121014, DCM, "Device Observer Manufacturer").</summary>
    public static readonly DicomCode DeviceObserverManufacturer = new("121014", "DCM", "Device Observer Manufacturer");

    /// <summary>(121015, DCM, "Device Observer Model Name").</summary>
    public static readonly DicomCode DeviceObserverModelName = new("121015", "DCM", "Device Observer Model Name");

    /// <summary>(121058, DCM, "Procedure reported").</summary>
    public static readonly DicomCode ProcedureReported = new("121058", "DCM", "Procedure reported");

    /// <summary>(111028, DCM, "Image Library").</summary>
    public static readonly DicomCode ImageLibrary = new("111028", "DCM", "Image Library");

    /// <summary>(126200, DCM, "Image Library Group").</summary>
    public static readonly DicomCode ImageLibraryGroup = new("126200", "DCM", "Image Library Group");

    /// <summary>(126010, DCM, "Imaging Measurements").</summary>
    public static readonly DicomCode ImagingMeasurements = new("126010", "DCM", "Imaging Measurements");

    /// <summary>(125007, DCM, "Measurement Group").</summary>
    public static readonly DicomCode MeasurementGroup = new("125007", "DCM", "Measurement Group");

    /// <summary>(112039, DCM, "Tracking Identifier").</summary>
    public static readonly DicomCode TrackingIdentifier = new("112039", "DCM", "Tracking Identifier");

    /// <summary>(112040, DCM, "Tracking Unique Identifier").</summary>
    public static readonly DicomCode TrackingUid = new("112040", "DCM", "Tracking Unique Identifier");

    /// <summary>(121071, DCM, "Finding").</summary>
    public static readonly DicomCode Finding = new("121071", "DCM", "Finding");

    /// <summary>(363698007, SCT, "Finding Site").</summary>
    public static readonly DicomCode FindingSite = new("363698007", "SCT", "Finding Site");

    /// <summary>(370129005, SCT, "Measurement Method").</summary>
    public static readonly DicomCode MeasurementMethod = new("370129005", "SCT", "Measurement Method");

    /// <summary>(111030, DCM, "Image Region").</summary>
    public static readonly DicomCode ImageRegion = new("111030", "DCM", "Image Region");

    /// <summary>(111001, DCM, "Algorithm Name").</summary>
    public static readonly DicomCode AlgorithmName = new("111001", "DCM", "Algorithm Name");

    /// <summary>(111003, DCM, "Algorithm Version").</summary>
    public static readonly DicomCode AlgorithmVersion = new("111003", "DCM", "Algorithm Version");

    /// <summary>(121106, DCM, "Comment").</summary>
    public static readonly DicomCode Comment = new("121106", "DCM", "Comment");

    /// <summary>(285285000, SCT, "Cobb angle").</summary>
    public static readonly DicomCode CobbAngle = new("285285000", "SCT", "Cobb angle");

    /// <summary>(298382003, SCT, "Scoliosis deformity of spine").</summary>
    public static readonly DicomCode Scoliosis = new("298382003", "SCT", "Scoliosis deformity of spine");

    /// <summary>(246112005, SCT, "Severity").</summary>
    public static readonly DicomCode Severity = new("246112005", "SCT", "Severity");

    /// <summary>(373066001, SCT, "Yes").</summary>
    public static readonly DicomCode Yes = new("373066001", "SCT", "Yes");

    /// <summary>(373067005, SCT, "No").</summary>
    public static readonly DicomCode No = new("373067005", "SCT", "No");

    /// <summary>(deg, UCUM, "degree"): the unit of every angle.</summary>
    public static readonly DicomCode Degree = new("deg", "UCUM", "degree");

    /// <summary>(1, UCUM, "no units"): the unit of a confidence in [0, 1].</summary>
    public static readonly DicomCode NoUnits = new("1", "UCUM", "no units");

    /// <summary>(SK-PROC, 99SPINEKIT, "Coronal spine radiograph landmark analysis").</summary>
    public static readonly DicomCode Procedure = Private("SK-PROC", "Coronal spine radiograph landmark analysis");

    /// <summary>(SK-AASCE, 99SPINEKIT, "AASCE 2019 challenge Cobb angle algorithm").</summary>
    public static readonly DicomCode ChallengeMethod = Private("SK-AASCE", "AASCE 2019 challenge Cobb angle algorithm");

    /// <summary>(SK-CLINICAL, 99SPINEKIT, "SpineKit clinical curve analysis").</summary>
    public static readonly DicomCode ClinicalMethod = Private("SK-CLINICAL", "SpineKit clinical curve analysis");

    /// <summary>The three challenge columns, (SK-AASCE-PT/MT/TL, 99SPINEKIT, ...).</summary>
    public static readonly IReadOnlyList<DicomCode> ChallengeAngles =
    [
        Private("SK-AASCE-PT", "Cobb angle, AASCE column 1 (proximal thoracic)"),
        Private("SK-AASCE-MT", "Cobb angle, AASCE column 2 (main thoracic)"),
        Private("SK-AASCE-TL", "Cobb angle, AASCE column 3 (thoracolumbar/lumbar)"),
    ];

    /// <summary>(SK-UEV, 99SPINEKIT, "Upper end vertebra").</summary>
    public static readonly DicomCode UpperEndVertebra = Private("SK-UEV", "Upper end vertebra");

    /// <summary>(SK-LEV, 99SPINEKIT, "Lower end vertebra").</summary>
    public static readonly DicomCode LowerEndVertebra = Private("SK-LEV", "Lower end vertebra");

    /// <summary>(SK-APEX, 99SPINEKIT, "Apical vertebra").</summary>
    public static readonly DicomCode ApicalVertebra = Private("SK-APEX", "Apical vertebra");

    /// <summary>(SK-CONVEX, 99SPINEKIT, "Convex side as seen on the image").</summary>
    public static readonly DicomCode ConvexSide = Private("SK-CONVEX", "Convex side as seen on the image");

    /// <summary>(SK-MAJOR, 99SPINEKIT, "Major curve").</summary>
    public static readonly DicomCode MajorCurve = Private("SK-MAJOR", "Major curve");

    /// <summary>(SK-OPENEND, 99SPINEKIT, "End vertebra is the last level found").</summary>
    public static readonly DicomCode ReachesLastFoundLevel = Private("SK-OPENEND", "End vertebra is the last level found");

    /// <summary>(SK-ENDPLATE, 99SPINEKIT, "Measured endplate").</summary>
    public static readonly DicomCode MeasuredEndplate = Private("SK-ENDPLATE", "Measured endplate");

    /// <summary>(SK-CONF, 99SPINEKIT, "Landmark confidence").</summary>
    public static readonly DicomCode Confidence = Private("SK-CONF", "Landmark confidence");

    /// <summary>(SK-MODEL, 99SPINEKIT, "Model").</summary>
    public static readonly DicomCode Model = Private("SK-MODEL", "Model");

    /// <summary>(SK-ROLE, 99SPINEKIT, "Model role").</summary>
    public static readonly DicomCode ModelRole = Private("SK-ROLE", "Model role");

    /// <summary>(SK-SHA256, 99SPINEKIT, "Model file SHA-256").</summary>
    public static readonly DicomCode ModelSha256 = Private("SK-SHA256", "Model file SHA-256");

    /// <summary>(SK-IMGSHA256, 99SPINEKIT, "Source file SHA-256").</summary>
    public static readonly DicomCode ImageSha256 = Private("SK-IMGSHA256", "Source file SHA-256");

    /// <summary>A vertebral level as a value: (SK-T7, 99SPINEKIT, "T7 vertebra").</summary>
    public static DicomCode Level(VertebraLevel level) => Private($"SK-{VertebraLevels.Name(level)}", $"{VertebraLevels.Name(level)} vertebra");

    /// <summary>A curve region by apex level, as a finding site.</summary>
    public static DicomCode Region(CurveRegion region) => region switch
    {
        CurveRegion.Cervicothoracic => Private("SK-REG-CT", "Cervicothoracic spine (apex T1 or above)"),
        CurveRegion.ProximalThoracic => Private("SK-REG-PT", "Proximal thoracic spine (apex T2-T5)"),
        CurveRegion.MainThoracic => Private("SK-REG-MT", "Main thoracic spine (apex T6-T11)"),
        CurveRegion.Thoracolumbar => Private("SK-REG-TL", "Thoracolumbar spine (apex T12-L1)"),
        CurveRegion.Lumbar => Private("SK-REG-L", "Lumbar spine (apex L2 or below)"),
        _ => throw new ArgumentOutOfRangeException(nameof(region), region, "Not a curve region."),
    };

    /// <summary>A severity class: SCT mild, moderate, severe; below 10 degrees is the private SK-SEV-NONE.</summary>
    public static DicomCode SeverityOf(CurveSeverity severity) => severity switch
    {
        CurveSeverity.None => Private("SK-SEV-NONE", "Below 10 degrees"),
        CurveSeverity.Mild => new("255604002", "SCT", "Mild"),
        CurveSeverity.Moderate => new("6736007", "SCT", "Moderate"),
        CurveSeverity.Severe => new("24484000", "SCT", "Severe"),
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Not a severity."),
    };

    /// <summary>The side a curve bulges to on the image.</summary>
    public static DicomCode Side(CurveSide side) => side switch
    {
        CurveSide.ImageLeft => Private("SK-IMG-LEFT", "Image left"),
        CurveSide.ImageRight => Private("SK-IMG-RIGHT", "Image right"),
        _ => throw new ArgumentOutOfRangeException(nameof(side), side, "Not a side."),
    };

    /// <summary>SCT yes or no.</summary>
    public static DicomCode YesNo(bool value) => value ? Yes : No;

    private static DicomCode Private(string value, string meaning) => new(value, PrivateScheme, meaning);
}
