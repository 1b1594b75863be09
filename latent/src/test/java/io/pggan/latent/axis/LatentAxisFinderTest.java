package io.pggan.latent.axis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pggan.latent.SyntheticWorld;
import io.pggan.model.LatentGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LatentAxisFinderTest {
    private static final int DIM = 32;
    private static SyntheticWorld world;
    private static float[][] z;
    private static double[] months;

    @BeforeAll
    static void data() {
        world = new SyntheticWorld(DIM, 7);
        z = world.latents(3000, 11);
        months = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            months[i] = world.age(z[i]);
        }
    }

    private static LatentAxisFinder.Builder finder() {
        return LatentAxisFinder.builder().model("synthetic-v1", DIM);
    }

    static Stream<AxisMethod> linearMethods() {
        return Stream.of(AxisMethod.lassoCv(), AxisMethod.ols());
    }

    @ParameterizedTest
    @MethodSource("linearMethods")
    void linearMethodsRecoverTheAgeDirection(AxisMethod method) {
        AgeAxis axis = finder().method(method).build().fit(z, months);
        assertThat(axis.method()).isEqualTo(method.name());
        assertThat(SyntheticWorld.cosine(axis.direction(), world.ageDirection)).isGreaterThan(0.99);
        assertThat(axis.monthsPerUnit()).isCloseTo(30.0, within(1.5));
        assertThat(axis.testErrors().mean()).isLessThan(0.35 * axis.testMaeOfMean());
        assertThat(axis.heldOutR2()).isGreaterThan(0.85);
        assertThat(axis.trainErrors().n() + axis.testErrors().n()).isEqualTo(z.length);
        assertThat(axis.nonZero()).isPositive();
    }

    @Test
    void interFaceGanSvmOnTheExtremes() {
        AgeAxis axis =
                finder().method(SvmAxis.builder().tailFraction(0.05).build())
                        .build()
                        .fit(z, months);
        assertThat(axis.method()).isEqualTo("SVM");
        assertThat(SyntheticWorld.cosine(axis.direction(), world.ageDirection)).isGreaterThan(0.9);
        assertThat(axis.svmValidationAccuracy()).isGreaterThan(0.95);
        assertThat(axis.testErrors().mean()).isLessThan(0.5 * axis.testMaeOfMean());
    }

    @Test
    void linearSvmSeparatesSeparableData() {
        Random rnd = new Random(3);
        double[][] x = new double[200][2];
        int[] y = new int[200];
        for (int i = 0; i < 200; i++) {
            y[i] = i % 2 == 0 ? 1 : -1;
            x[i][0] = y[i] * (1 + rnd.nextDouble()) + 0.5;
            x[i][1] = rnd.nextGaussian() * 3;
        }
        SvmAxis svm = SvmAxis.builder().c(10).build();
        double[] wb = svm.train(x, y, 1);
        int correct = 0;
        for (int i = 0; i < x.length; i++) {
            double s = wb[0] * x[i][0] + wb[1] * x[i][1] + wb[2];
            correct += (s >= 0 ? 1 : -1) == y[i] ? 1 : 0;
        }
        assertThat(correct).isEqualTo(200);
        // the margin is along x0; x1 is pure noise; +1 lies on the positive side
        assertThat(Math.abs(wb[0])).isGreaterThan(5 * Math.abs(wb[1]));
        assertThat(wb[0] * 2.0 + wb[2]).isPositive();
        assertThatThrownBy(() -> svm.train(x, new int[200], 1))
                .hasMessageContaining("label at row 0");
    }

    @Test
    void ganSpacePcaOnActivations() {
        // activations with one dominant component driven by age plus isotropic texture
        float[][] act = new float[z.length][DIM];
        for (int i = 0; i < z.length; i++) {
            double a = 0;
            for (int j = 0; j < DIM; j++) {
                a += z[i][j] * world.ageDirection[j];
            }
            for (int j = 0; j < DIM; j++) {
                act[i][j] = (float) (z[i][j] + (j == 3 ? 4 * a : 0));
            }
        }
        AgeAxis axis = finder().method(AxisMethod.pca()).build().fit(z, months, act);
        assertThat(SyntheticWorld.cosine(axis.direction(), world.ageDirection)).isGreaterThan(0.95);
        assertThat(axis.testErrors().mean()).isLessThan(0.5 * axis.testMaeOfMean());
    }

    @Test
    void conditioningRemovesTheOtherDirection() {
        double[] sex = new double[DIM];
        for (int j = 0; j < DIM; j++) {
            sex[j] = world.ageDirection[j] + (j == 0 ? 1.0 : 0.0);
        }
        AgeAxis axis = finder().condition("sex", sex).build().fit(z, months);
        assertThat(Vectors.dot(axis.direction(), sex)).isCloseTo(0.0, within(1e-9));
        assertThat(Vectors.norm(axis.direction())).isCloseTo(1.0, within(1e-12));
        assertThat(axis.conditionedOn()).containsExactly("sex");
        // still ages, less steeply per unit than the unconditioned axis
        assertThat(axis.monthsPerUnit()).isPositive().isLessThan(30);
    }

    @Test
    void moveChangesPredictedAgeByTheRequestedMonths() {
        AgeAxis axis = finder().method(AxisMethod.ols()).build().fit(z, months);
        float[] start = z[0];
        float[] older = axis.move(start, 24.0);
        assertThat(axis.predictMonths(older) - axis.predictMonths(start))
                .isCloseTo(24.0, within(1e-3));
        assertThat(world.age(older) - world.age(start)).isCloseTo(24.0, within(3.0));
        assertThatThrownBy(() -> axis.move(new float[DIM + 1], 1))
                .hasMessageContaining("latent has 33 values")
                .hasMessageContaining("synthetic-v1");
    }

    @Test
    void savesReadableJsonAndRefusesAnotherModel(@TempDir Path dir) throws Exception {
        AgeAxis axis = finder().method(AxisMethod.ols()).build().fit(z, months);
        Path file = dir.resolve("age-axis.json");
        axis.save(file);
        String json = Files.readString(file);
        assertThat(json).contains("\"modelId\" : \"synthetic-v1\"").contains("\"latentDim\" : 32");
        LatentGenerator same = world.generator("synthetic-v1");
        AgeAxis back = AgeAxis.load(file, same);
        assertThat(back.direction()).containsExactly(axis.direction());
        assertThat(back.monthsPerUnit()).isEqualTo(axis.monthsPerUnit());
        assertThat(back.testErrors()).isEqualTo(axis.testErrors());
        assertThatThrownBy(() -> AgeAxis.load(file, world.generator("other-gan")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("synthetic-v1")
                .hasMessageContaining("other-gan");
        assertThatThrownBy(() -> AgeAxis.load(file, "synthetic-v1", 64))
                .hasMessageContaining("latentDim 64");
        Files.writeString(dir.resolve("broken.json"), "{\"schema\": 1, \"modelId\": ");
        assertThatThrownBy(() -> AgeAxis.load(dir.resolve("broken.json"), same))
                .hasMessageContaining("broken.json");
        try (var files = Files.list(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".part"))).isEmpty();
        }
    }

    @Test
    void badInputsGetClearErrors() {
        LatentAxisFinder f = finder().build();
        float[][] wrongSize = {new float[DIM], new float[DIM - 1]};
        assertThatThrownBy(() -> f.fit(wrongSize, new double[2]))
                .hasMessageContaining("latent at row 1 has 31 values")
                .hasMessageContaining("expects latentDim 32");
        float[][] withNan = world.latents(50, 1);
        withNan[7][5] = Float.NaN;
        assertThatThrownBy(() -> f.fit(withNan, new double[50]))
                .hasMessageContaining("row 7, column 5");
        double[] ages = new double[50];
        ages[9] = Double.NaN;
        assertThatThrownBy(() -> f.fit(world.latents(50, 1), ages)).hasMessageContaining("row 9");
        assertThatThrownBy(() -> f.fit(world.latents(8, 1), new double[] {1, 2, 3, 4, 5, 6, 7, 8}))
                .hasMessageContaining("fewer than the 10 CV folds");
        assertThatThrownBy(() -> LatentAxisFinder.builder().build())
                .hasMessageContaining("generator");
    }
}
