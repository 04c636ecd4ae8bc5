namespace SpineKit.Imaging.Formats.Jpeg;

/// <summary>The second byte of the JPEG markers the decoder acts on (ITU T.81 table B.1).</summary>
internal static class JpegMarker
{
    public const byte Sof0 = 0xC0;
    public const byte Sof1 = 0xC1;
    public const byte Sof2 = 0xC2;
    public const byte Sof3 = 0xC3;
    public const byte Dht = 0xC4;
    public const byte Sof15 = 0xCF;
    public const byte Dac = 0xCC;
    public const byte Rst0 = 0xD0;
    public const byte Rst7 = 0xD7;
    public const byte Soi = 0xD8;
    public const byte Eoi = 0xD9;
    public const byte Sos = 0xDA;
    public const byte Dqt = 0xDB;
    public const byte Dnl = 0xDC;
    public const byte Dri = 0xDD;
    public const byte App0 = 0xE0;
    public const byte App1 = 0xE1;
    public const byte App14 = 0xEE;

    public static bool IsRestart(byte marker) => marker is >= Rst0 and <= Rst7;
}
