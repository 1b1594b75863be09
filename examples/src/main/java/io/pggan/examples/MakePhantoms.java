package io.pggan.examples;

import io.pggan.data.phantom.ContactSheet;
import io.pggan.data.phantom.HandPhantoms;
import io.pggan.data.phantom.PhantomDatasetWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Step 1: a synthetic pediatric hand-radiograph dataset in the RSNA training layout, readable by
 * {@code RsnaDataset} (and so by {@code EndToEnd --rsna}), plus a contact sheet of ages 1-18 y.
 *
 * <pre>
 * java ... io.pggan.examples.MakePhantoms [out=phantoms] [count=2000] [resolution=256]
 * </pre>
 */
@Command(
        name = "MakePhantoms",
        mixinStandardHelpOptions = true,
        description = "A synthetic hand-radiograph dataset in the RSNA layout and a contact sheet.")
public final class MakePhantoms implements Callable<Integer> {
    @Parameters(
            index = "0",
            arity = "0..1",
            defaultValue = "phantoms",
            description = "output folder (default ${DEFAULT-VALUE})")
    Path out;

    @Parameters(
            index = "1",
            arity = "0..1",
            defaultValue = "2000",
            description = "phantoms (default ${DEFAULT-VALUE})")
    int count;

    @Parameters(
            index = "2",
            arity = "0..1",
            defaultValue = "256",
            description = "side in pixels (default ${DEFAULT-VALUE})")
    int resolution;

    /** Entry point: {@code --help} lists the arguments. */
    public static void main(String[] args) {
        int status = new CommandLine(new MakePhantoms()).execute(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    @Override
    public Integer call() {
        System.setProperty("java.awt.headless", "true");

        HandPhantoms phantoms = HandPhantoms.builder().seed(2018).resolution(resolution).build();
        Path csv =
                PhantomDatasetWriter.builder().phantoms(phantoms).count(count).build().write(out);
        ContactSheet.write(out.resolve("contact-sheet.png"), phantoms);
        System.out.println("wrote " + count + " phantoms, labels in " + csv);
        return 0;
    }
}
