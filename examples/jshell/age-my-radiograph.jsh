// Projects your radiograph (PNG, JPEG or DICOM) into a finished EndToEnd run's GAN and shows it
// two years younger and older.
//
//   mvn -q -pl examples dependency:build-classpath -Dmdep.outputFile=cp.txt
//   mvn -q -pl examples compile
//   STUDY=runs/study IMAGE=hand.dcm jshell --class-path $(cat examples/cp.txt):examples/target/classes \
//       examples/jshell/age-my-radiograph.jsh
//
// Writes my-radiograph/side_by_side.png (original, reconstruction, -24 and +24 months with the
// CNN's age under each), the single images, ages.csv, projection.json and video/.

import java.nio.file.*;
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.Shape;
import io.pggan.engine.PgganEngine;
import io.pggan.examples.study.StudyRun;
import io.pggan.data.*;
import io.pggan.latent.editing.*;
import io.pggan.latent.projection.*;

System.setProperty("java.awt.headless", "true");
var image = Path.of(System.getenv().getOrDefault("IMAGE", "hand.png"));
PgganEngine.start();
// the run's Gs, age CNN (at its input size) and age axis (refused if found for another model)
var run = StudyRun.open(Path.of(System.getenv().getOrDefault("STUDY", "runs/study")));
var generator = run.generator();
var age = run.ageCnn();
var axis = run.axis();
var manager = NDManager.newBaseManager();

int r = run.resolution();
float[] pixels = ImageFiles.load(image, new Preprocessing(r, SquareMode.PAD));   // DICOM too
var target = manager.create(pixels, new Shape(1, 1, r, r));
// (in JShell a continued line ends with the dot, or the statement ends early)
var projector = Projector.builder().
        generator(generator).
        features(age).                                      // feature loss in the CNN's features
        config(ProjectionConfig.builder().steps(200).restarts(4).build()).
        build();
var editor = AgeEditor.builder().projector(projector).edit(AgeEdit.along(axis)).predictor(age).build();
var e = editor.editAndWrite(Path.of("my-radiograph"), manager, target, new double[] {-24, 24});
System.out.printf("CNN: original %.0f, reconstruction %.0f, -24 -> %.0f, +24 -> %.0f months%n",
        e.originalMonths(), e.reconstructionMonths(), e.editedMonths()[0], e.editedMonths()[1]);
manager.close();
run.close();
/exit
