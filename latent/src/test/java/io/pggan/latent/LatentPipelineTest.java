package io.pggan.latent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import io.pggan.engine.PgganEngine;
import io.pggan.gan.LatentSampler;
import io.pggan.latent.axis.AgeAxis;
import io.pggan.latent.axis.LatentAxisFinder;
import io.pggan.latent.interpolation.AgeChain;
import io.pggan.latent.interpolation.Interpolation;
import io.pggan.latent.labeling.LabelSet;
import io.pggan.latent.labeling.LatentLabeler;
import io.pggan.latent.video.AgingVideo;
import io.pggan.model.AgePredictor;
import io.pggan.model.LatentGenerator;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.jcodec.api.FrameGrab;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with a stand-in generator and age model whose age is a known noisy linear function of
 * z: label sampled latents, find the axis, walk along it and along the study's chain, and write the
 * video outputs.
 */
class LatentPipelineTest {
    private static final int DIM = 32;
    private static NDManager manager;
    private static SyntheticWorld world;
    private static LatentGenerator generator;
    private static AgePredictor predictor;
    @TempDir static Path work;
    private static LabelSet labels;
    private static AgeAxis axis;

    @BeforeAll
    static void labelAndFit() throws Exception {
        PgganEngine.start();
        manager = NDManager.newBaseManager();
        world = new SyntheticWorld(DIM, 7);
        generator = world.generator("synthetic-v1");
        predictor = world.predictor();
        labels =
                LatentLabeler.builder()
                        .samples(4000)
                        .seed(99)
                        .batchSize(500)
                        .shardSize(1500)
                        .progress(false)
                        .build()
                        .label(work.resolve("labels"), manager, generator, predictor);
        axis =
                LatentAxisFinder.builder()
                        .generator(generator)
                        .build()
                        .fit(labels.latents(), labels.months());
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void labelsAreThePredictorsAgesOfTheSeededLatents() throws Exception {
        float[][] z = labels.latents();
        double[] months = labels.months();
        assertThat(z).hasNumberOfRows(4000);
        for (int i : new int[] {0, 1499, 1500, 3999}) {
            assertThat(z[i]).containsExactly(LatentSampler.latent(99, i, DIM));
            assertThat(months[i]).isCloseTo(world.age(z[i]), within(0.05));
        }
        assertThat(Files.readAllLines(work.resolve("labels/index.csv"))).hasSize(4);
    }

    @Test
    void axisRecoversTheDirectionAndBeatsTheMean() {
        assertThat(SyntheticWorld.cosine(axis.direction(), world.ageDirection)).isGreaterThan(0.95);
        assertThat(axis.testErrors().mean()).isLessThan(0.35 * axis.testMaeOfMean());
        assertThat(axis.modelId()).isEqualTo("synthetic-v1");
    }

    @Test
    void walkingAlongTheAxisAgesTheHandAndWritesTheVideo() throws Exception {
        float[] start = labels.latents()[10];
        List<float[]> frames = Interpolation.alongAxis(axis, start, -60, 60, 41);
        double[] position = new double[41];
        for (int i = 0; i < 41; i++) {
            position[i] = -60 + 3 * i;
        }
        Path out = work.resolve("axis-video");
        AgingVideo.Result r =
                AgingVideo.builder()
                        .progress(false)
                        .fps(8)
                        .videoMinSide(64)
                        .build()
                        .write(out, manager, generator, predictor, frames, position);
        assertThat(r.spearman()).isGreaterThan(0.9);
        for (int i = 1; i < r.trend().length; i++) {
            assertThat(r.trend()[i]).isGreaterThan(r.trend()[i - 1]);
        }
        assertThat(r.months()[40] - r.months()[0]).isCloseTo(120.0, within(25.0));

        try (var pngs = Files.list(r.framesDir())) {
            assertThat(pngs.filter(p -> p.toString().endsWith(".png")).count()).isEqualTo(41);
        }
        BufferedImage frame0 = ImageIO.read(r.framesDir().resolve("frame_00000.png").toFile());
        assertThat(frame0.getWidth()).isEqualTo(SyntheticWorld.SIDE);

        int mp4Frames = 0;
        try (SeekableByteChannel ch = NIOUtils.readableChannel(r.mp4().toFile())) {
            FrameGrab grab = FrameGrab.createFrameGrab(ch);
            while (grab.getNativeFrame() != null) {
                mp4Frames++;
            }
            assertThat(grab.getMediaInfo().getDim().getWidth()).isEqualTo(64);
        }
        assertThat(mp4Frames).isEqualTo(41);

        try (ImageInputStream in = ImageIO.createImageInputStream(r.gif().toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(41);
            IIOMetadata meta = reader.getImageMetadata(0);
            String tree = dump(meta.getAsTree(meta.getNativeMetadataFormatName()));
            assertThat(tree).contains("NETSCAPE");
            reader.dispose();
        }

        List<String> csv = Files.readAllLines(r.csv());
        assertThat(csv).hasSize(42);
        assertThat(csv.get(0)).isEqualTo("frame,position,predicted_months,loess_months");
        assertThat(csv.get(1)).startsWith("0,-60.000000,");
        BufferedImage chart = ImageIO.read(r.chart().toFile());
        assertThat(chart.getWidth()).isEqualTo(900);
        try (var all = Files.list(out)) {
            assertThat(all.map(Path::toString).filter(s -> s.endsWith(".part"))).isEmpty();
        }
    }

    @Test
    void theStudysChainStepsToOlderNeighbours() throws Exception {
        float[][] z = labels.latents();
        double[] months = labels.months();
        List<Integer> keys =
                AgeChain.builder()
                        .startMonths(36, 60)
                        .stepMonths(24)
                        .stepTolerance(8)
                        .build()
                        .keys(z, months);
        assertThat(keys.size()).isGreaterThanOrEqualTo(4);
        assertThat(months[keys.get(0)]).isBetween(36.0, 60.0);
        for (int k = 1; k < keys.size(); k++) {
            assertThat(months[keys.get(k)] - months[keys.get(k - 1)]).isBetween(16.0, 32.0);
        }
        List<float[]> keyLatents = new ArrayList<>();
        keys.forEach(i -> keyLatents.add(z[i]));
        List<float[]> frames = Interpolation.path(keyLatents, 6, Interpolation.Kind.SPHERICAL);
        assertThat(frames).hasSize((keys.size() - 1) * 6 + 1);
        AgingVideo.Result r =
                AgingVideo.builder()
                        .progress(false)
                        .png(false)
                        .mp4(false)
                        .gif(false)
                        .chart(false)
                        .build()
                        .write(work.resolve("chain"), manager, generator, predictor, frames, null);
        assertThat(r.spearman()).isGreaterThan(0.9);
        assertThat(r.mp4()).isNull();
        assertThat(r.months()[0]).isCloseTo(months[keys.get(0)], within(0.05));
    }

    @Test
    void refusesFramesOfTheWrongSizeAndAxesOfAnotherModel() throws Exception {
        List<float[]> bad = List.of(new float[DIM], new float[DIM + 2]);
        assertThatThrownBy(
                        () ->
                                AgingVideo.builder()
                                        .progress(false)
                                        .build()
                                        .write(
                                                work.resolve("bad"),
                                                manager,
                                                generator,
                                                predictor,
                                                bad,
                                                null))
                .hasMessageContaining("frame 1 latent has 34 values")
                .hasMessageContaining("expects latentDim 32");
        Path file = work.resolve("axis.json");
        axis.save(file);
        assertThatThrownBy(() -> AgeAxis.load(file, world.generator("pggan-other")))
                .hasMessageContaining("not for model 'pggan-other'");
        assertThatThrownBy(
                        () -> LabelSet.open(work.resolve("labels"), world.generator("pggan-other")))
                .hasMessageContaining("not 'pggan-other'");
    }

    @Test
    void slerpKeepsTheRadiusAndHitsTheEnds() {
        float[] a = LatentSampler.latent(1, 0, DIM);
        float[] b = LatentSampler.latent(1, 1, DIM);
        assertThat(Interpolation.slerp(a, b, 0)).containsExactly(a, within(1e-5f));
        assertThat(Interpolation.slerp(a, b, 1)).containsExactly(b, within(1e-5f));
        float[] mid = Interpolation.slerp(a, b, 0.5);
        assertThat(norm(mid)).isCloseTo(0.5 * (norm(a) + norm(b)), within(1e-3));
        // orthogonal latents of radius 3: slerp stays on the sphere, a straight line cuts inside
        float[] x = new float[DIM];
        float[] y = new float[DIM];
        x[0] = 3;
        y[1] = 3;
        assertThat(norm(Interpolation.slerp(x, y, 0.5))).isCloseTo(3.0, within(1e-5));
        assertThat(Interpolation.slerp(x, y, 0.5)[0])
                .isCloseTo((float) (3 / Math.sqrt(2)), within(1e-5f));
        assertThat(norm(Interpolation.lerp(x, y, 0.5))).isCloseTo(3 / Math.sqrt(2), within(1e-5));
        assertThatThrownBy(() -> Interpolation.lerp(a, new float[3], 0.5))
                .hasMessageContaining("different sizes");
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static String dump(org.w3c.dom.Node n) {
        StringBuilder sb = new StringBuilder(n.getNodeName());
        if (n.getAttributes() != null) {
            for (int i = 0; i < n.getAttributes().getLength(); i++) {
                org.w3c.dom.Node at = n.getAttributes().item(i);
                sb.append(' ').append(at.getNodeName()).append('=').append(at.getNodeValue());
            }
        }
        for (org.w3c.dom.Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            sb.append('\n').append(dump(c));
        }
        return sb.toString();
    }
}
