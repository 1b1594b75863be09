package io.pggan.data.rsna;

import io.pggan.data.DataException;
import io.pggan.data.Sex;
import io.pggan.io.Csv;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads and validates one RSNA CSV. Every error names the CSV file, the line (1-based, the header
 * is line 1) and the field.
 *
 * <p>Rules: ages are decimal months within [{@value #MIN_AGE_MONTHS}, {@value #MAX_AGE_MONTHS}]
 * (the range of the release); {@code male} is {@code True}/{@code False} (any case), {@code Sex} is
 * {@code M}/{@code F}; ids are unique, made of letters, digits, {@code _ - .} only and never {@code
 * .} or {@code ..}, so {@code <id>.png} cannot leave the image folder; every id must have its image
 * file.
 */
public final class RsnaCsv {
    /** Smallest valid bone age. */
    public static final double MIN_AGE_MONTHS = 1;

    /** Largest valid bone age (19 years). */
    public static final double MAX_AGE_MONTHS = 228;

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    private RsnaCsv() {}

    /** Result of reading a CSV. */
    public record Contents(RsnaCsvFormat format, List<BoneAgeRecord> records) {}

    /**
     * Reads a CSV whose images are {@code imageDir/<id>.png}, or {@code imageDir/<id>.dcm} where no
     * PNG exists.
     *
     * @param csv the CSV file
     * @param imageDir the folder of images
     * @param checkImages whether to require each image file to exist
     * @return the format and records in file order
     * @throws DataException naming file, line and field on any bad input
     */
    public static Contents read(Path csv, Path imageDir, boolean checkImages) {
        if (!Files.isRegularFile(csv)) {
            throw new DataException(csv + ": CSV file does not exist");
        }
        if (checkImages && !Files.isDirectory(imageDir)) {
            throw new DataException(
                    csv + ": image folder " + imageDir + " for this CSV does not exist");
        }
        List<String> lines;
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            lines = r.lines().toList();
        } catch (NoSuchFileException e) {
            throw new DataException(csv + ": CSV file does not exist", e);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DataException(csv + ": cannot read CSV (" + e.getMessage() + ")", e);
        }
        if (lines.isEmpty()) {
            throw new DataException(csv + ": line 1: empty file, expected a header");
        }
        String headerLine = lines.get(0);
        if (headerLine.startsWith("\uFEFF")) {
            headerLine = headerLine.substring(1);
        }
        List<String> header = trimAll(parseLine(headerLine, csv, 1));
        RsnaCsvFormat format = RsnaCsvFormat.ofHeader(header);
        if (format == null) {
            throw new DataException(
                    csv
                            + ": line 1: header "
                            + header
                            + " is none of the RSNA layouts "
                            + RsnaCsvFormat.TRAINING.header()
                            + ", "
                            + RsnaCsvFormat.VALIDATION.header()
                            + ", "
                            + RsnaCsvFormat.TEST.header());
        }
        Path dir = imageDir.toAbsolutePath().normalize();
        List<BoneAgeRecord> records = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            List<String> fields = trimAll(parseLine(line, csv, lineNo));
            if (fields.size() != header.size()) {
                throw new DataException(
                        csv
                                + ": line "
                                + lineNo
                                + ": expected "
                                + header.size()
                                + " fields "
                                + header
                                + ", got "
                                + fields.size());
            }
            String idField = header.get(0);
            String id = fields.get(0);
            String where = csv + ": line " + lineNo + ": field '" + idField + "'";
            if (!SAFE_ID.matcher(id).matches() || id.equals(".") || id.equals("..")) {
                throw new DataException(
                        where
                                + ": id '"
                                + id
                                + "' is not a plain file name (letters, digits,"
                                + " '_', '-', '.'): it could point outside "
                                + dir);
            }
            Path image = dir.resolve(id + ".png").normalize();
            Path dicom = dir.resolve(id + ".dcm").normalize();
            if (!Files.isRegularFile(image) && Files.isRegularFile(dicom)) {
                image = dicom; // <id>.dcm when there is no <id>.png
            }
            if (!image.getParent().equals(dir)) {
                throw new DataException(where + ": id '" + id + "' escapes folder " + dir);
            }
            Integer previous = seen.putIfAbsent(id, lineNo);
            if (previous != null) {
                throw new DataException(
                        where + ": duplicate id '" + id + "' (first on line " + previous + ")");
            }
            double age = Double.NaN;
            Sex sex;
            if (format.hasAges()) {
                age =
                        parseAge(
                                fields.get(1),
                                csv + ": line " + lineNo + ": field '" + header.get(1) + "'");
                sex =
                        parseMale(
                                fields.get(2),
                                csv + ": line " + lineNo + ": field '" + header.get(2) + "'");
            } else {
                sex =
                        parseSexLetter(
                                fields.get(1),
                                csv + ": line " + lineNo + ": field '" + header.get(1) + "'");
            }
            if (checkImages && !Files.isRegularFile(image)) {
                throw new DataException(
                        where
                                + ": no image for id '"
                                + id
                                + "': neither "
                                + image
                                + " nor "
                                + dicom
                                + " exists");
            }
            if (checkImages && !insideFolder(image, dir)) {
                throw new DataException(
                        where + ": image " + image + " is a link to a file outside folder " + dir);
            }
            records.add(new BoneAgeRecord(id, age, sex, image));
        }
        return new Contents(format, List.copyOf(records));
    }

    /** Whether the file, links resolved, lies in the folder (links resolved too). */
    private static boolean insideFolder(Path file, Path dir) {
        try {
            return file.toRealPath().startsWith(dir.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    static double parseAge(String text, String where) {
        double age;
        try {
            age = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new DataException(where + ": age '" + text + "' is not a number");
        }
        if (!(age >= MIN_AGE_MONTHS && age <= MAX_AGE_MONTHS)) {
            throw new DataException(
                    where
                            + ": age "
                            + text
                            + " months is outside the valid range "
                            + (int) MIN_AGE_MONTHS
                            + ".."
                            + (int) MAX_AGE_MONTHS);
        }
        return age;
    }

    static Sex parseMale(String text, String where) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true":
                return Sex.MALE;
            case "false":
                return Sex.FEMALE;
            default:
                throw new DataException(where + ": '" + text + "' is not True or False");
        }
    }

    static Sex parseSexLetter(String text, String where) {
        switch (text.toUpperCase(Locale.ROOT)) {
            case "M":
                return Sex.MALE;
            case "F":
                return Sex.FEMALE;
            default:
                throw new DataException(where + ": '" + text + "' is not M or F");
        }
    }

    private static List<String> trimAll(List<String> fields) {
        List<String> out = new ArrayList<>(fields.size());
        for (String f : fields) {
            out.add(f.strip());
        }
        return out;
    }

    /** One CSV line, RFC 4180 quoting (fields never span lines in the RSNA files). */
    static List<String> parseLine(String line, Path csv, int lineNo) {
        try {
            return List.of(Csv.parseLine(line));
        } catch (IllegalArgumentException e) {
            throw new DataException(csv + ": line " + lineNo + ": " + e.getMessage(), e);
        }
    }
}
