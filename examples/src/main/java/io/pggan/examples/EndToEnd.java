package io.pggan.examples;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The whole study in one command: dataset, progressive GAN, bone-age CNN, GAN metrics, latent
 * labelling, LASSO with 10-fold CV, the age axis, the aging video and an offline HTML report. Every
 * stage writes its outputs atomically and is skipped when run again, so an interrupted run
 * continues where it stopped (the GAN resumes from its checkpoint). See {@link #HELP}.
 *
 * <pre>
 * mvn -B -ntp -q install -DskipTests
 * mvn -B -ntp -q -pl examples exec:java -Dexec.args="--out runs/study"
 * </pre>
 */
public final class EndToEnd {
    /** The {@code --help} text. */
    public static final String HELP =
            """
            Usage: EndToEnd [options]

            Runs the study end to end and writes <out>/report/index.html. Re-running the same
            command resumes: finished stages are skipped, the GAN continues from its checkpoint.

            Options:
              --out DIR          output folder (default runs/study)
              --seed N           seed of every random draw (default 2018)
              --quick            tiny run for tests: 32x32, a few hundred images, < 2 minutes
              --rsna DIR         use the RSNA Bone Age training set in DIR (boneage-training-
                                 dataset.csv + images) instead of hand phantoms made on the fly
              --resolution N     GAN resolution, a power of two from 32 (default 64)
              --full             the study's full schedule: official 12,000 kimg progressive
                                 schedule, latent 512, feature maps up to 512, full-width
                                 Xception, 200,000 labelled latents (days on a CPU)
              --gpu              GPU profile (build with mvn -Pgpu for the CUDA PyTorch): wider
                                 networks, larger samples; with --full, the full study on GPUs
              --inception FILE   TorchScript Inception returning class logits, for the Inception
                                 Score (never downloaded; see the metrics module's README)
              --inception-classes N  logits the Inception file returns (default 1008)
              --plan FILE        a JSON object of plan fields (as in <out>/plan.json) that
                                 override the chosen profile's, e.g. {"gsHalfLifeKimg": 2}
              --help             this text

            Default (no option): hand phantoms, 64x64 GAN with small feature maps, 45 kimg;
            about 14 minutes on 2 idle CPU cores, build included.
            """;

    private EndToEnd() {}

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
     * @return 0 on success, 2 for bad options, 1 when a stage failed
     */
    public static int run(String... args) {
        System.setProperty("java.awt.headless", "true");
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(HELP);
            return 2;
        }
        if (o.help) {
            System.out.println(HELP);
            return 0;
        }
        try {
            run(o.plan(), o.out);
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(EndToEnd.class).error("the study failed", e);
            return 1;
        }
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
        new Study(plan, out).run();
        return out.resolve("report").resolve("index.html");
    }

    /** Parsed command line. */
    static final class Options {
        Path out = Path.of("runs/study");
        long seed = 2018;
        boolean quick;
        boolean full;
        boolean gpu;
        boolean help;
        String rsna;
        Integer resolution;
        String inception;
        int inceptionClasses = 1008;
        Path planFile;

        static Options parse(String... args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--help", "-h" -> o.help = true;
                    case "--quick" -> o.quick = true;
                    case "--full" -> o.full = true;
                    case "--gpu" -> o.gpu = true;
                    case "--out" -> o.out = Path.of(value(args, ++i, a));
                    case "--rsna" ->
                            o.rsna = Path.of(value(args, ++i, a)).toAbsolutePath().toString();
                    case "--inception" ->
                            o.inception = Path.of(value(args, ++i, a)).toAbsolutePath().toString();
                    case "--plan" -> o.planFile = Path.of(value(args, ++i, a));
                    case "--seed" -> o.seed = number(value(args, ++i, a), a);
                    case "--resolution" -> o.resolution = (int) number(value(args, ++i, a), a);
                    case "--inception-classes" ->
                            o.inceptionClasses = (int) number(value(args, ++i, a), a);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (o.quick && (o.full || o.gpu || o.resolution != null)) {
                throw new IllegalArgumentException(
                        "--quick cannot be combined with --full, --gpu or --resolution");
            }
            return o;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static long number(String v, String option) {
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        option + " expects a whole number, got '" + v + "'");
            }
        }

        StudyPlan plan() {
            StudyPlan p = profile();
            if (planFile == null) {
                return p;
            }
            try {
                return p.with(java.nio.file.Files.readString(planFile), planFile.toString());
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(
                        "cannot read --plan " + planFile + ": " + e.getMessage(), e);
            }
        }

        private StudyPlan profile() {
            if (quick) {
                return StudyPlan.quick(seed, rsna, inception, inceptionClasses);
            }
            int r = resolution == null ? 64 : resolution;
            if (full) {
                return StudyPlan.full(
                        seed, rsna, resolution == null ? 256 : r, inception, inceptionClasses, gpu);
            }
            if (gpu) {
                return StudyPlan.gpu(
                        seed, rsna, resolution == null ? 128 : r, inception, inceptionClasses);
            }
            return StudyPlan.cpu(seed, rsna, r, inception, inceptionClasses);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "Options[out=%s, seed=%d]", out, seed);
        }
    }
}
