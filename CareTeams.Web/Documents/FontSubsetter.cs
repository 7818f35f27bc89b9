using System.Runtime.InteropServices;

namespace CareTeams.Web.Documents;

/// <summary>
/// Cuts a TrueType face down to the characters a document uses, with HarfBuzz's subsetter (hb-subset),
/// which the HarfBuzzSharp native library exports but the managed package does not wrap. Skia embeds
/// whatever face it is given whole, so without this a Chinese font puts megabytes into every PDF.
/// </summary>
internal static class FontSubsetter
{
    // hb_subset_flags_t (hb-subset.h). HB_SUBSET_FLAGS_NOTDEF_OUTLINE keeps the .notdef box, so a character
    // no font has shows as a box instead of vanishing. Not set: GLYPH_NAMES (+9% size and no use: Skia
    // writes the ToUnicode map from the cmap, which the subset keeps), NO_HINTING (hints help some viewers).
    private const uint NotdefOutline = 0x40;

    /// <summary>
    /// The subset face as a stand-alone TrueType file. <paramref name="face"/> is the hb_face_t of the
    /// full font (for a .ttc, already the chosen face of the collection); keep it alive and reuse it, as
    /// HarfBuzz caches its cmap and glyph tables on the face (the first subset of WenQuanYi Micro Hei
    /// takes ~25 ms, later ones ~1 ms). The caller serialises calls on one face.
    /// </summary>
    public static byte[] Subset(IntPtr face, IEnumerable<int> codePoints)
    {
        var input = Native.hb_subset_input_create_or_fail();
        if (input == IntPtr.Zero)
            throw new InvalidOperationException("HarfBuzz could not allocate a subset input (out of memory).");
        try
        {
            var unicodes = Native.hb_subset_input_unicode_set(input);
            foreach (var codePoint in codePoints)
                Native.hb_set_add(unicodes, (uint)codePoint);
            Native.hb_subset_input_set_flags(input, NotdefOutline);

            var subset = Native.hb_subset_or_fail(face, input);
            if (subset == IntPtr.Zero)
                throw new InvalidOperationException("HarfBuzz could not subset the document font.");
            try
            {
                var blob = Native.hb_face_reference_blob(subset);
                try
                {
                    var data = Native.hb_blob_get_data(blob, out var length);
                    if (data == IntPtr.Zero || length == 0)
                        throw new InvalidOperationException("HarfBuzz produced an empty font subset.");
                    var bytes = new byte[length];
                    Marshal.Copy(data, bytes, 0, (int)length);
                    return bytes;
                }
                finally
                {
                    Native.hb_blob_destroy(blob);
                }
            }
            finally
            {
                Native.hb_face_destroy(subset);
            }
        }
        finally
        {
            Native.hb_subset_input_destroy(input);
        }
    }

    private static class Native
    {
        private const string Library = "libHarfBuzzSharp";

        [DllImport(Library)]
        public static extern IntPtr hb_subset_input_create_or_fail();

        [DllImport(Library)]
        public static extern void hb_subset_input_destroy(IntPtr input);

        [DllImport(Library)]
        public static extern IntPtr hb_subset_input_unicode_set(IntPtr input);

        [DllImport(Library)]
        public static extern void hb_subset_input_set_flags(IntPtr input, uint value);

        [DllImport(Library)]
        public static extern void hb_set_add(IntPtr set, uint codepoint);

        [DllImport(Library)]
        public static extern IntPtr hb_subset_or_fail(IntPtr source, IntPtr input);

        [DllImport(Library)]
        public static extern IntPtr hb_face_reference_blob(IntPtr face);

        [DllImport(Library)]
        public static extern void hb_face_destroy(IntPtr face);

        [DllImport(Library)]
        public static extern IntPtr hb_blob_get_data(IntPtr blob, out uint length);

        [DllImport(Library)]
        public static extern void hb_blob_destroy(IntPtr blob);
    }
}
