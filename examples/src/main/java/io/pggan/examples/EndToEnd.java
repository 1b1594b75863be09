package io.pggan.examples;

import io.pggan.examples.study.SparkStudy;
import io.pggan.examples.study.StudyPipeline;
import io.pggan.examples.study.StudyPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole study in one command: dataset, bone-age CNN, progressive GAN, GAN metrics, latent
 * labelling, LASSO with 10-fold CV, the age axis, the aging video and an offline HTML report, as
 * the stages of {@link StudyPipeline}. Every stage writes its outputs atomically and is skipped
 * when run again, so an interrupted run continues where it stopped (the GAN resumes from its
 * checkpoint). {@code --help} lists the options.
 *
 * <p>An option is one annotated field here plus one line in {@link #plan()} that puts it into the
 * plan; a stage reads it from the plan.
 *
 * <pre>
 * mvn -B -ntp -q install -DskipTests
 * mvn -B -ntp -q -pl examples exec:java -Dexec.args="--out runs/study"
 * </pre>
 */
@Command(
        name = "EndToEnd",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Runs the study end to end and writes <out>/report/index.html. Re-running the same"
                    + " command resumes: finished stages are skipped, the GAN continues from its"
                    + " checkpoint."
        },
        footer = {
            "",
            "Default (no option): hand phantoms, 64x64 GAN with small feature maps, 55 kimg;"
                    + " about 14 minutes on 2 idle CPU cores, build included."
        })
public final class EndToEnd implements Callable<Integer> {
    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "output folder (default ${DEFAULT-VALUE})")
    Path out = Path.of("runs/study");

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "seed of every random draw (default ${DEFAULT-VALUE})")
    long seed = 2018;

    @Option(
            names = "--quick",
            description = "tiny run for tests: 32x32, a few hundred images, < 2 minutes")
    boolean quick;

    @Option(
            names = "--rsna",
            paramLabel = "DIR",
            description =
                    "use the RSNA Bone Age training set in DIR (boneage-training-dataset.csv +"
                            + " images) instead of hand phantoms made on the fly")
    Path rsna;

    @Option(
            names = "--resolution",
            paramLabel = "N",
            description = "GAN resolution, a power of two from 32 (default 64)")
    Integer resolution;

    @Option(
            names = "--full",
            description =
                    "the study's full schedule: official 12,000 kimg progressive schedule, latent"
                            + " 512, feature maps up to 512, full-width Xception, 200,000"
                            + " labelled latents (days on a CPU)")
    boolean full;

    @Option(
            names = "--gpu",
            description =
                    "GPU profile (build with mvn -Pgpu for the CUDA PyTorch): wider networks,"
                            + " larger samples; with --full, the full study on GPUs")
    boolean gpu;

    @Option(
            names = "--inception",
            paramLabel = "FILE",
            description =
                    "TorchScript Inception returning class logits, for the Inception Score"
                            + " (never downloaded; see the metrics module's README)")
    Path inception;

    @Option(
            names = "--inception-classes",
            paramLabel = "N",
            description = "logits the Inception file returns (default ${DEFAULT-VALUE})")
    int inceptionClasses = 1008;

    @Option(
            names = "--conditional",
            description =
                    "also train a GAN conditioned on sex and age and judge it with the age CNN"
                            + " (<out>/conditional; phantoms only); may be added to a finished run")
    boolean conditional;

    @Option(
            names = "--plan",
            paramLabel = "FILE",
            description =
                    "a JSON object of plan fields (grouped as in <out>/plan.json) that override"
                            + " the chosen profile's, e.g. {\"gan\": {\"gsHalfLifeKimg\": 2}}")
    Path planFile;

    @Option(
            names = "--spark",
            paramLabel = "MASTER",
            description =
                    "label the latents and fit the age axis on Apache Spark: local (= local[*]),"
                            + " local[N] or a cluster's master URL; Spark must be on the class"
                            + " path (see the spark module's README section)")
    String spark;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "this text")
    boolean help;

    /** Entry point; exits with 2 on bad options and 1 on failure. */
    public static void main(String[] args) {
        int status = run(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the study with command-line options.
     *
     * @return 0 on success (and for {@code --help}), 2 for bad options, 1 when a stage failed
     */
    public static int run(String... args) {
        System.setProperty("java.awt.headless", "true");
        return commandLine().execute(args);
    }

    /** The parsed options of a command line (for tests and tools that build a plan). */
    public static EndToEnd parse(String... args) {
        EndToEnd e = new EndToEnd();
        new CommandLine(e).parseArgs(args);
        return e;
    }

    /** picocli around a new instance: bad plans give status 2, failed stages 1. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new EndToEnd());
        cl.setExecutionExceptionHandler(
                (e, line, parsed) -> {
                    if (e instanceof IllegalArgumentException) {
                        line.getErr().println("error: " + e.getMessage());
                        return 2;
                    }
                    LoggerFactory.getLogger(EndToEnd.class).error("the study failed", e);
                    return 1;
                });
        return cl;
    }

    @Override
    public Integer call() throws Exception {
        if (spark != null) {
            System.setProperty("java.awt.headless", "true");
            try (SparkStudy onSpark = new SparkStudy(spark)) {
                onSpark.pipeline().run(plan(), out);
            }
            return 0;
        }
        run(plan(), out);
        return 0;
    }

    /**
     * Runs (or resumes) a study.
     *
     * @param plan sizes of every stage
     * @param out output folder
     * @return the report's {@code index.html}
     */
    public static Path run(StudyPlan plan, Path out) throws Exception {
        System.setProperty("java.awt.headless", "true");
        return StudyPipeline.standard().run(plan, out).reportIndex();
    }

    /** The plan of these options: the profile, the options on it, then {@code --plan FILE}. */
    public StudyPlan plan() {
        if (quick && (full || gpu || resolution != null)) {
            throw new IllegalArgumentException(
                    "--quick cannot be combined with --full, --gpu or --resolution");
        }
        StudyPlan p =
                profile().toBuilder()
                        .seed(seed)
                        .data(
                                d ->
                                        resolution == null
                                                ? d.rsna(abs(rsna))
                                                : d.rsna(abs(rsna)).resolution(resolution))
                        .metrics(
                                m -> m.inception(abs(inception)).inceptionClasses(inceptionClasses))
                        .gan(g -> conditional ? g.conditional(true) : g)
                        .build();
        if (planFile == null) {
            return p;
        }
        String json;
        try {
            json = Files.readString(planFile);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read --plan " + planFile + ": " + e.getMessage(), e);
        }
        return p.with(json, planFile.toString());
    }

    private StudyPlan profile() {
        if (quick) {
            return StudyPlan.quick();
        }
        if (full) {
            return gpu ? StudyPlan.full().toBuilder().profile("gpu").build() : StudyPlan.full();
        }
        return gpu ? StudyPlan.gpu() : StudyPlan.defaults();
    }

    private static String abs(Path p) {
        return p == null ? null : p.toAbsolutePath().toString();
    }
}
