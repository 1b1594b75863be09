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
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pggan.engine.PgganEngine;
import io.pggan.gan.Pggan;
import io.pggan.agecnn.AgeRegressor;
import io.pggan.io.ImagePng;
import io.pggan.latent.axis.AgeAxis;
import io.pggan.latent.labeling.LatentLabeler;
import io.pggan.examples.adapters.*;

System.setProperty("java.awt.headless", "true");
var run = Path.of(System.getenv().getOrDefault("STUDY", "runs/study"));
PgganEngine.start();
var weights = run.resolve("gan/generator.zip");
var gan = Pggan.load(weights);
var generator = PgganLatentGenerator.of(gan, weights);
var plan = new ObjectMapper().readTree(run.resolve("plan.json").toFile());
var age = new AgeModelAdapter(AgeRegressor.load(run.resolve("agecnn/model")), plan.get("cnnInput").asInt());
var axis = AgeAxis.load(run.resolve("axis/age-axis.json"), generator);   // refuses another model
var manager = NDManager.newBaseManager();

float[] z = LatentLabeler.latent(2018, 0, generator.latentDim());   // one reproducible hand
System.out.printf("start: the axis puts this hand at %.0f months%n", axis.predictMonths(z));
for (int delta = -60; delta <= 60; delta += 30) {
    NDArray image = generator.generate(manager.create(axis.move(z, delta), new Shape(1, generator.latentDim())));
    float months = age.predictMonths(image)[0];
    Path file = Path.of(String.format("hand_%+04d.png", delta));
    ImagePng.write(file, image.get(0));
    System.out.printf("%+4d months along the axis -> CNN says %5.1f months  (%s)%n", delta, months, file);
}
manager.close();
age.close();
gan.close();
/exit
