package io.pggan.data.dicom;

import io.pggan.data.DataException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

/**
 * The element level of a DICOM file for {@link DicomParser}: element headers in the current
 * transfer syntax, values (unsigned, strings, decimal and integer strings), and skipping by
 * position, with every length checked against the bytes left before anything is read or allocated,
 * strings capped and sequences skipped with a depth limit.
 */
final class DicomElementReader {
    static final long UNDEFINED = 0xFFFFFFFFL;
    private static final int MAX_STRING = 1024;
    private static final int MAX_DEPTH = 8;
    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_END = 0xFFFEE00D;
    private static final int SEQUENCE_END = 0xFFFEE0DD;

    /** Explicit VRs with a 2-byte reserved field and a 4-byte length (PS3.5 7.1.2). */
    private static final Set<String> LONG_VRS =
            Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");

    /** One element header: its tag, its explicit VR ("" when implicit) and its value length. */
    record Element(int tag, String vr, long length) {}

    private final Path file;
    private final FileChannel channel;
    private final long size;
    private long pos;
    private boolean littleEndian = true;
    private boolean explicitVr = true;

    DicomElementReader(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.channel = channel;
        this.size = channel.size();
    }

    long size() {
        return size;
    }

    long position() {
        return pos;
    }

    void seek(long position) {
        pos = position;
    }

    /** The data set's byte order and VR encoding, from the transfer syntax. */
    void syntax(boolean littleEndian, boolean explicitVr) {
        this.littleEndian = littleEndian;
        this.explicitVr = explicitVr;
    }

    DataException error(String message) {
        return new DataException(file + ": " + message);
    }

    Element element() throws IOException {
        long start = pos;
        if (size - pos < 8) {
            throw error(
                    "truncated: an element header at byte "
                            + start
                            + " needs 8 bytes, the file ends after "
                            + (size - pos));
        }
        ByteBuffer b = buffer(4, "an element tag");
        int group = b.getShort() & 0xFFFF;
        int elem = b.getShort() & 0xFFFF;
        int tag = (group << 16) | elem;
        boolean explicit = group == 0x0002 || explicitVr;
        if (group == 0xFFFE || !explicit) {
            long length = buffer(4, "the length of " + tag(tag)).getInt() & 0xFFFFFFFFL;
            return new Element(tag, "", length);
        }
        String vr = new String(bytes(2, "the VR of " + tag(tag)), StandardCharsets.US_ASCII);
        if (!vr.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            throw error(
                    "element "
                            + tag(tag)
                            + " at byte "
                            + start
                            + " has no valid value representation (corrupt header, or the"
                            + " transfer syntax is wrong)");
        }
        long length;
        if (LONG_VRS.contains(vr)) {
            skip(2, "the reserved bytes of " + tag(tag));
            length = buffer(4, "the length of " + tag(tag)).getInt() & 0xFFFFFFFFL;
        } else {
            length = buffer(2, "the length of " + tag(tag)).getShort() & 0xFFFF;
        }
        return new Element(tag, vr, length);
    }

    /**
     * Skips an element of undefined length. An explicit-VR UN element of undefined length holds
     * implicit VR little endian content (PS3.5 6.2.2), so its items are read that way.
     */
    void skipUndefined(Element e, int depth) throws IOException {
        boolean wasExplicit = explicitVr;
        boolean wasLittle = littleEndian;
        if (e.vr.equals("UN")) {
            explicitVr = false;
            littleEndian = true;
        }
        try {
            skipSequence(depth, e.tag);
        } finally {
            explicitVr = wasExplicit;
            littleEndian = wasLittle;
        }
    }

    /** Skips a sequence of undefined length: items until the sequence delimiter. */
    private void skipSequence(int depth, int seqTag) throws IOException {
        if (depth > MAX_DEPTH) {
            throw error("sequences nested deeper than " + MAX_DEPTH + " (at " + tag(seqTag) + ")");
        }
        while (true) {
            Element item = element();
            if (item.tag == SEQUENCE_END) {
                return;
            }
            if (item.tag != ITEM) {
                throw error(
                        "sequence "
                                + tag(seqTag)
                                + " holds "
                                + tag(item.tag)
                                + " where an item (FFFE,E000) or the sequence delimiter was"
                                + " expected");
            }
            if (item.length != UNDEFINED) {
                skip(item.length, "an item of " + tag(seqTag));
                continue;
            }
            while (true) {
                Element e = element();
                if (e.tag == ITEM_END) {
                    break;
                }
                if (e.length == UNDEFINED) {
                    skipUndefined(e, depth + 1);
                } else {
                    skip(e.length, tag(e.tag));
                }
            }
        }
    }

    // ---------------------------------------------------------------- values

    long unsigned(Element e, String name) throws IOException {
        if (e.length == 2) {
            return buffer(2, name).getShort() & 0xFFFF;
        }
        if (e.length == 4) {
            return buffer(4, name).getInt() & 0xFFFFFFFFL;
        }
        throw error(name + " has a value of " + e.length + " bytes; 2 (US) were expected");
    }

    String string(Element e, String name) throws IOException {
        if (e.length > MAX_STRING) {
            throw error(
                    name
                            + " has a value of "
                            + e.length
                            + " bytes; at most "
                            + MAX_STRING
                            + " are expected");
        }
        String s = new String(bytes((int) e.length, name), StandardCharsets.US_ASCII);
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        return s.substring(0, end).strip();
    }

    /** The first value of a decimal (DS) or integer (IS) string. */
    double number(Element e, String name, boolean integer) throws IOException {
        String s = string(e, name);
        String first = s.split("\\\\", -1)[0].strip();
        if (first.isEmpty()) {
            return integer ? 1 : Double.NaN;
        }
        try {
            double v = integer ? Long.parseLong(first) : Double.parseDouble(first);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException ex) {
            throw error(name + " is '" + s + "', not a" + (integer ? "n integer" : " number"));
        }
    }

    // ---------------------------------------------------------------- bytes

    int peekGroupLittleEndian() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN);
        readFully(b, pos);
        return b.getShort(0) & 0xFFFF;
    }

    void skip(long n, String what) {
        if (n > size - pos) {
            throw error(
                    "truncated: "
                            + what
                            + " announces "
                            + n
                            + " bytes at byte "
                            + pos
                            + " but the file ends "
                            + (size - pos)
                            + " bytes later");
        }
        pos += n;
    }

    byte[] bytes(int n, String what) throws IOException {
        return buffer(n, what).array();
    }

    private ByteBuffer buffer(int n, String what) throws IOException {
        long at = pos;
        skip(n, what);
        ByteBuffer b =
                ByteBuffer.allocate(n)
                        .order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        readFully(b, at);
        b.flip();
        return b;
    }

    private void readFully(ByteBuffer b, long at) throws IOException {
        long p = at;
        while (b.hasRemaining()) {
            int r = channel.read(b, p);
            if (r < 0) {
                throw error("truncated: the file ended while reading byte " + p);
            }
            p += r;
        }
    }

    static String tag(int tag) {
        return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }
}
