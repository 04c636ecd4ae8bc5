using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>
/// Unique identifiers for the DICOM objects SpineKit writes. Every UID lives under the root <c>2.25</c>
/// (PS3.5 B.2): <c>2.25.</c> followed by the decimal value of a 128-bit UUID, which needs no registered
/// organisation root and cannot collide with another organisation's UIDs. New instances get a random (version 4)
/// UUID; identifiers that must be stable (the same input always naming the same thing) get a name-based UUID
/// derived from a SHA-256 of the name (RFC 9562 version 8 layout).
/// </summary>
public static class DicomUid
{
    /// <summary>The root every SpineKit UID starts with.</summary>
    public const string Root = "2.25";

    /// <summary>
    /// SpineKit's Implementation Class UID (0002,0012): the random UUID fed8c7b6-6f28-4f0e-9b56-3b2027172f27,
    /// drawn once, under <see cref="Root"/>; it names the writing software and never changes.
    /// </summary>
    public const string ImplementationClassUid = "2.25.338749497704250425223207038508825259815";

    /// <summary>The longest a UID may be (PS3.5 9.1).</summary>
    public const int MaxLength = 64;

    /// <summary>A new random UID under <see cref="Root"/>.</summary>
    public static string New() => FromGuid(Guid.NewGuid());

    /// <summary>The UID <c>2.25.&lt;decimal of the UUID&gt;</c> of <paramref name="uuid"/>.</summary>
    public static string FromGuid(Guid uuid)
    {
        var bytes = uuid.ToByteArray(bigEndian: true);
        return $"{Root}.{new BigInteger(bytes, isUnsigned: true, isBigEndian: true)}";
    }

    /// <summary>
    /// A stable UID for <paramref name="name"/>: the first 16 bytes of SHA-256(name) with the UUID version set to 8
    /// and the RFC variant bits set, so the same name always gives the same UID and different names practically never do.
    /// </summary>
    public static string Derive(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return $"{Root}.{new BigInteger(bytes, isUnsigned: true, isBigEndian: true)}";
    }

    /// <summary>
    /// True when <paramref name="uid"/> is a well-formed UID: at most 64 characters, dot-separated components of
    /// digits, none empty and none with a leading zero (except "0" itself).
    /// </summary>
    public static bool IsValid(string? uid)
    {
        if (string.IsNullOrEmpty(uid) || uid.Length > MaxLength)
        {
            return false;
        }

        foreach (var component in uid.Split('.'))
        {
            if (component.Length == 0 || (component.Length > 1 && component[0] == '0') || !component.All(char.IsAsciiDigit))
            {
                return false;
            }
        }

        return true;
    }
}
