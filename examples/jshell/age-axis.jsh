// Moves a generated hand along the age axis of a finished EndToEnd run.
//
//   mvn -q -pl examples dependency:build-classpath -Dmdep.outputFile=cp.txt
//   mvn -q -pl examples compile
//   STUDY=runs/study jshell --class-path $(cat examples/cp.txt):examples/target/classes \
//       examples/jshell/age-axis.jsh
//
// (dependency:build-classpath writes cp.txt inside the examples folder when run with -pl examples.)
// Writes hand_-060.png ... hand_+060.png into the current folder and prints the age the CNN
// gives each image.

import java.nio.file.*;
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.Shape;
import io.pggan.engine.PgganEngine;
import io.pggan.examples.study.StudyRun;
import io.pggan.gan.LatentSampler;
import io.pggan.io.ImagePng;

System.setProperty("java.awt.headless", "true");
PgganEngine.start();
// the run's Gs, age CNN (at its input size) and age axis (refused if found for another model)
var run = StudyRun.open(Path.of(System.getenv().getOrDefault("STUDY", "runs/study")));
var generator = run.generator();
var age = run.ageCnn();
var axis = run.axis();
var manager = NDManager.newBaseManager();

float[] z = LatentSampler.latent(2018, 0, generator.latentDim());   // one reproducible hand
System.out.printf("start: the axis puts this hand at %.0f months%n", axis.predictMonths(z));
for (int delta = -60; delta <= 60; delta += 30) {
    NDArray image = generator.generate(manager.create(axis.move(z, delta), new Shape(1, generator.latentDim())));
    float months = age.predictMonths(image)[0];
    Path file = Path.of(String.format("hand_%+04d.png", delta));
    ImagePng.write(file, image.get(0));
    System.out.printf("%+4d months along the axis -> CNN says %5.1f months  (%s)%n", delta, months, file);
}
manager.close();
run.close();
/exit
