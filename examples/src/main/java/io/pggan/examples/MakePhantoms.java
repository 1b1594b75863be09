package io.pggan.examples;

import io.pggan.data.phantom.ContactSheet;
import io.pggan.data.phantom.HandPhantoms;
import io.pggan.data.phantom.PhantomDatasetWriter;
import java.nio.file.Path;

/**
 * Step 1: a synthetic pediatric hand-radiograph dataset in the RSNA training layout, readable by
 * {@code RsnaDataset} (and so by {@code EndToEnd --rsna}), plus a contact sheet of ages 1-18 y.
 *
 * <pre>
 * java ... io.pggan.examples.MakePhantoms [out=phantoms] [count=2000] [resolution=256]
 * </pre>
 */
public final class MakePhantoms {
    private MakePhantoms() {}

    /** Entry point. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        Path out = Path.of(args.length > 0 ? args[0] : "phantoms");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int resolution = args.length > 2 ? Integer.parseInt(args[2]) : 256;

        HandPhantoms phantoms = HandPhantoms.builder().seed(2018).resolution(resolution).build();
        Path csv =
                PhantomDatasetWriter.builder().phantoms(phantoms).count(count).build().write(out);
        ContactSheet.write(out.resolve("contact-sheet.png"), phantoms);
        System.out.println("wrote " + count + " phantoms, labels in " + csv);
    }
}
