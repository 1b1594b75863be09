package io.pggan.data.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ij.plugin.DICOM;
import io.pggan.data.DataException;
import io.pggan.data.ImageFiles;
import io.pggan.data.Preprocessing;
import io.pggan.data.SquareMode;
import io.pggan.data.folder.ImageFolder;
import io.pggan.data.rsna.RsnaDataset;
import io.pggan.io.ImagePng;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DicomReaderTest {
    @TempDir Path dir;

    private static float[] gray(Path f) {
        return DicomReader.defaults().read(f).gray();
    }

    @Test
    void explicitLittleEndianMonochrome2SixteenBitsMapsMinMaxWithoutWindow() {
        TestDicomWriter w = new TestDicomWriter(40, 48, 16, 12).ramp();
        Path f = w.write(dir.resolve("m2.dcm"));
        DicomImage img = DicomReader.defaults().read(f);
        assertThat(img.width()).isEqualTo(48);
        assertThat(img.height()).isEqualTo(40);
        assertThat(img.mirrored()).isFalse(); // the "R" inside the sequence is not the image's
        assertThat(img.info().transferSyntax()).isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(img.info().bitsStored()).isEqualTo(12);
        assertThat(img.info().modality()).isEqualTo("DX");
        for (int i = 0; i < w.samples.length; i++) {
            assertThat(img.gray()[i]).isCloseTo(255f * w.samples[i] / 4095f, within(1e-3f));
        }
        assertThat(img.gray()[0]).isEqualTo(0f);
        assertThat(img.gray()[w.samples.length - 1]).isEqualTo(255f);
    }

    @Test
    void implicitLittleEndianMonochrome1EightBitsIsInverted() {
        TestDicomWriter w = new TestDicomWriter(36, 36, 8, 8).ramp();
        w.syntax = TestDicomWriter.IMPLICIT_LE;
        w.photometric = "MONOCHROME1";
        DicomImage img = DicomReader.defaults().read(w.write(dir.resolve("m1.dcm")));
        assertThat(img.info().transferSyntax()).isEqualTo(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        for (int i = 0; i < w.samples.length; i++) {
            assertThat(img.gray()[i]).isCloseTo(255f - w.samples[i], within(1e-3f));
        }
        // the same pixels as MONOCHROME2 read the other way round
        w.photometric = "MONOCHROME2";
        float[] m2 = gray(w.write(dir.resolve("m2.dcm")));
        for (int i = 0; i < m2.length; i++) {
            assertThat(m2[i] + img.gray()[i]).isCloseTo(255f, within(1e-3f));
        }
    }

    @Test
    void rescaleThenWindowFollowTheStandardsLinearFunction() {
        TestDicomWriter w = new TestDicomWriter(32, 32, 16, 12);
        w.samples = new int[32 * 32];
        w.samples[1] = 1024; // x = 2 * 1024 - 1024 = 1024: the window's lower edge -> 0
        w.samples[2] = 1536; // x = 2048: the middle -> 127.5
        w.samples[3] = 2048; // x = 3072: the upper edge -> 255
        w.samples[4] = 4095; // far above -> 255
        w.samples[5] = 1280; // x = 1536 -> 63.75
        w.slope = "2";
        w.intercept = "-1024";
        w.windowCenter = "2048.5\\100"; // several pairs: the first is the default view
        w.windowWidth = "2049\\10";
        float[] g = gray(w.write(dir.resolve("win.dcm")));
        assertThat(g[0]).isEqualTo(0f); // x = -1024, below the window
        assertThat(g[1]).isEqualTo(0f);
        assertThat(g[2]).isCloseTo(127.5f, within(1e-3f));
        assertThat(g[3]).isCloseTo(255f, within(1e-3f));
        assertThat(g[4]).isEqualTo(255f);
        assertThat(g[5]).isCloseTo(63.75f, within(1e-3f));
        // the same file without its window: min..max of the rescaled values (-1024 .. 7166)
        float[] raw =
                DicomReader.builder()
                        .useFileWindow(false)
                        .build()
                        .read(dir.resolve("win.dcm"))
                        .gray();
        assertThat(raw[2]).isCloseTo(255f * (2048 + 1024) / (7166 + 1024), within(1e-3f));
        // LINEAR_EXACT and SIGMOID
        w.voiFunction = "LINEAR_EXACT";
        w.windowCenter = "2048";
        w.windowWidth = "2048";
        float[] exact = gray(w.write(dir.resolve("exact.dcm")));
        assertThat(exact[5]).isCloseTo(255f * 0.25f, within(1e-3f));
        w.voiFunction = "SIGMOID";
        float[] sig = gray(w.write(dir.resolve("sigmoid.dcm")));
        assertThat(sig[2]).isCloseTo(127.5f, within(1e-3f));
        assertThat(sig[5]).isCloseTo((float) (255 / (1 + Math.exp(1))), within(1e-3f));
    }

    @Test
    void bitsAboveBitsStoredAreDroppedAndSignedValuesSignExtended() {
        TestDicomWriter clean = new TestDicomWriter(32, 40, 16, 12).ramp();
        float[] expected = gray(clean.write(dir.resolve("clean.dcm")));
        TestDicomWriter dirty = new TestDicomWriter(32, 40, 16, 12).ramp();
        for (int i = 0; i < dirty.samples.length; i++) {
            dirty.samples[i] |= 0xA000; // overlay bits above bit 11
        }
        assertThat(gray(dirty.write(dir.resolve("dirty.dcm")))).containsExactly(expected);

        TestDicomWriter signed = new TestDicomWriter(32, 32, 16, 16);
        signed.pixelRepresentation = 1;
        signed.samples = new int[32 * 32];
        for (int i = 0; i < signed.samples.length; i++) {
            signed.samples[i] = (i % 3 - 1) * 1000; // -1000, 0, 1000 as two's complement
        }
        float[] s = gray(signed.write(dir.resolve("signed.dcm")));
        assertThat(s[0]).isEqualTo(0f);
        assertThat(s[1]).isCloseTo(127.5f, within(1e-3f));
        assertThat(s[2]).isEqualTo(255f);

        TestDicomWriter signed12 = new TestDicomWriter(32, 32, 16, 12);
        signed12.pixelRepresentation = 1;
        signed12.samples = new int[32 * 32];
        signed12.samples[0] = 0x0FFF; // -1 in 12 bits
        signed12.samples[1] = 0x0800; // -2048
        signed12.samples[2] = 0x07FF; // 2047
        signed12.windowCenter = "0";
        signed12.windowWidth = "4096";
        signed12.voiFunction = "LINEAR_EXACT";
        float[] s12 = gray(signed12.write(dir.resolve("signed12.dcm")));
        assertThat(s12[0]).isCloseTo(255f * (-1 / 4096f + 0.5f), within(1e-3f));
        assertThat(s12[1]).isEqualTo(0f);
        assertThat(s12[2]).isCloseTo(255f * (2047 / 4096f + 0.5f), within(1e-3f));
    }

    @Test
    void unknownSequencesOfUndefinedLengthAreSkippedAsImplicitVr() {
        TestDicomWriter w = new TestDicomWriter(32, 36, 16, 12).ramp();
        float[] plain = gray(w.write(dir.resolve("plain.dcm")));
        w.unknownSequence = true; // private UN (0019,1010) of undefined length, implicit inside
        DicomImage img = DicomReader.defaults().read(w.write(dir.resolve("un.dcm")));
        assertThat(img.gray()).containsExactly(plain);
        assertThat(img.mirrored()).isFalse(); // the R inside it is not the image's
    }

    @Test
    void bigEndianGivesTheSameImage() {
        TestDicomWriter w = new TestDicomWriter(33, 45, 16, 12).ramp();
        float[] little = gray(w.write(dir.resolve("le.dcm")));
        w.syntax = TestDicomWriter.EXPLICIT_BE;
        DicomImage big = DicomReader.defaults().read(w.write(dir.resolve("be.dcm")));
        assertThat(big.info().transferSyntax()).isEqualTo(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
        assertThat(big.gray()).containsExactly(little);
    }

    @Test
    void rightHandsAreMirroredByEitherLateralityTag() {
        for (String syntax :
                new String[] {TestDicomWriter.EXPLICIT_LE, TestDicomWriter.IMPLICIT_LE}) {
            TestDicomWriter w = new TestDicomWriter(32, 40, 16, 12).ramp();
            w.syntax = syntax;
            w.laterality = "L";
            DicomImage left = DicomReader.defaults().read(w.write(dir.resolve("l.dcm")));
            assertThat(left.mirrored()).isFalse();
            w.laterality = "R";
            DicomImage right = DicomReader.defaults().read(w.write(dir.resolve("r.dcm")));
            assertThat(right.mirrored()).isTrue();
            assertThat(right.info().side()).isEqualTo("R");
            assertThat(right.info().sideTag()).isEqualTo("Laterality (0020,0060)");
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 40; x++) {
                    assertThat(right.gray()[y * 40 + x]).isEqualTo(left.gray()[y * 40 + 39 - x]);
                }
            }
            w.laterality = null;
            w.imageLaterality = "R";
            DicomImage image = DicomReader.defaults().read(w.write(dir.resolve("ir.dcm")));
            assertThat(image.mirrored()).isTrue();
            assertThat(image.info().sideTag()).isEqualTo("Image Laterality (0020,0062)");
            assertThat(image.gray()).containsExactly(right.gray());
            // the image's own tag wins over the series'
            w.laterality = "R";
            w.imageLaterality = "L";
            assertThat(DicomReader.defaults().read(w.write(dir.resolve("rl.dcm"))).mirrored())
                    .isFalse();
            w.imageLaterality = "R";
            DicomImage kept =
                    DicomReader.builder()
                            .mirrorRightHands(false)
                            .build()
                            .read(w.write(dir.resolve("kept.dcm")));
            assertThat(kept.mirrored()).isFalse();
            assertThat(kept.gray()).containsExactly(left.gray());
        }
    }

    @Test
    void compressedAndUnknownTransferSyntaxesAreNamed() {
        TestDicomWriter w = new TestDicomWriter(32, 32, 16, 12).ramp();
        w.syntax = "1.2.840.10008.1.2.4.70";
        Path jpeg = w.write(dir.resolve("jpeg.dcm"));
        assertThatThrownBy(() -> DicomReader.defaults().read(jpeg))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(jpeg.toString())
                .hasMessageContaining("1.2.840.10008.1.2.4.70 (JPEG Lossless")
                .hasMessageContaining("only uncompressed DICOM");
        w.syntax = "1.2.840.10008.1.2.5";
        Path rle = w.write(dir.resolve("rle.dcm"));
        assertThatThrownBy(() -> DicomReader.defaults().read(rle))
                .hasMessageContaining("1.2.840.10008.1.2.5 (RLE Lossless)");
        w.syntax = "1.2.840.10008.1.2.1.99";
        Path deflated = w.write(dir.resolve("deflated.dcm"));
        assertThatThrownBy(() -> DicomReader.defaults().read(deflated))
                .hasMessageContaining("Deflated Explicit VR Little Endian");
        w.syntax = "1.2.3.4";
        Path unknown = w.write(dir.resolve("unknown.dcm"));
        assertThatThrownBy(() -> DicomReader.defaults().read(unknown))
                .hasMessageContaining("1.2.3.4 (unknown transfer syntax)");
    }

    @Test
    void truncatedAndNonDicomFilesGetClearErrors() throws Exception {
        byte[] full = new TestDicomWriter(32, 32, 16, 12).ramp().bytes();
        Path cutPixels = dir.resolve("cut-pixels.dcm");
        Files.write(cutPixels, Arrays.copyOf(full, full.length - 500));
        assertThatThrownBy(() -> DicomReader.defaults().read(cutPixels))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(cutPixels.toString())
                .hasMessageContaining("truncated: Pixel Data (7FE0,0010) announces 2048 bytes");
        Path cutHeader = dir.resolve("cut-header.dcm");
        Files.write(cutHeader, Arrays.copyOf(full, 300));
        assertThatThrownBy(() -> DicomReader.defaults().read(cutHeader))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(cutHeader.toString())
                .hasMessageContaining("truncated");
        Path png = dir.resolve("png.dcm");
        float[] noise = new float[64 * 64];
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = random.nextFloat() * 2 - 1;
        }
        ImagePng.writeGray(png, noise, 64, 64);
        assertThatThrownBy(() -> DicomReader.defaults().read(png))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(png + ": not a DICOM file: no 'DICM' marker at byte 128");
        Path text = dir.resolve("text.dcm");
        Files.writeString(text, "hello");
        assertThatThrownBy(() -> DicomReader.defaults().read(text))
                .hasMessageContaining(text + ": not a DICOM file: 5 bytes");
        assertThatThrownBy(() -> DicomReader.defaults().read(dir.resolve("none.dcm")))
                .hasMessageContaining("none.dcm: DICOM file does not exist");
    }

    @Test
    void sizesAreCheckedBeforeAnythingIsAllocated() {
        TestDicomWriter w = new TestDicomWriter(32, 32, 16, 12).ramp();
        w.hugeSide = 100_000;
        Path huge = w.write(dir.resolve("huge.dcm"));
        assertThatThrownBy(() -> DicomReader.defaults().read(huge))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(
                        "header announces 100000 x 100000 pixels, larger than the maximum 8192");
        TestDicomWriter big = new TestDicomWriter(9000, 32, 8, 8);
        big.samples = new int[32 * 32]; // far fewer bytes than announced: refused by size first
        Path tall = big.write(dir.resolve("tall.dcm"));
        assertThatThrownBy(() -> DicomReader.defaults().read(tall))
                .hasMessageContaining("32 x 9000 pixels, larger than the maximum 8192");
        TestDicomWriter shortData = new TestDicomWriter(64, 64, 16, 12);
        shortData.samples = new int[64 * 32]; // half the pixels
        Path half = shortData.write(dir.resolve("half.dcm"));
        assertThatThrownBy(() -> DicomReader.defaults().read(half))
                .hasMessageContaining("Pixel Data (7FE0,0010) holds 4096 bytes")
                .hasMessageContaining("need 8192");
    }

    @Test
    void imageJsOwnDicomPluginReadsTheTestFilesAlike() {
        // an independent reader of the files the tests write: ImageJ's DICOM plugin
        for (String syntax :
                new String[] {TestDicomWriter.EXPLICIT_LE, TestDicomWriter.IMPLICIT_LE}) {
            TestDicomWriter w = new TestDicomWriter(34, 38, 16, 12).ramp();
            w.syntax = syntax;
            w.decoySequence = false;
            Path f = w.write(dir.resolve("ij.dcm"));
            DICOM ij = new DICOM();
            ij.open(f.toString());
            assertThat(ij.getWidth()).isEqualTo(38);
            assertThat(ij.getHeight()).isEqualTo(34);
            short[] px = (short[]) ij.getProcessor().getPixels();
            for (int i = 0; i < px.length; i++) {
                assertThat(px[i] & 0xFFFF).isEqualTo(w.samples[i]);
            }
        }
    }

    @Test
    void imageFolderRsnaAndImageFilesAcceptDicom() throws Exception {
        TestDicomWriter w = new TestDicomWriter(40, 48, 16, 12).ramp();
        w.laterality = "R";
        Path folder = Files.createDirectories(dir.resolve("images"));
        Path f = w.write(folder.resolve("a.dcm"));
        ImagePng.writeGray(folder.resolve("b.png"), new float[40 * 40], 40, 40);
        DicomImage d = DicomReader.defaults().read(f);
        Preprocessing pre = new Preprocessing(16, SquareMode.PAD);
        float[] expected = pre.apply(d.gray(), d.width(), d.height(), f.toString());
        ImageFolder images = ImageFolder.builder().folder(folder).resolution(16).build();
        assertThat(images.size()).isEqualTo(2);
        assertThat(images.load(0)).containsExactly(expected);

        Path root = Files.createDirectories(dir.resolve("rsna"));
        Path imageDir = Files.createDirectories(root.resolve("boneage-training-dataset"));
        Files.copy(f, imageDir.resolve("7.dcm"));
        ImagePng.writeGray(imageDir.resolve("8.png"), new float[40 * 40], 40, 40);
        Files.writeString(
                root.resolve(RsnaDataset.TRAINING_CSV),
                "id,boneage,male\n7,120,True\n8,60,False\n");
        RsnaDataset rsna = RsnaDataset.builder().root(root).resolution(16).build();
        assertThat(rsna.record(0).image().getFileName().toString()).isEqualTo("7.dcm");
        assertThat(rsna.record(1).image().getFileName().toString()).isEqualTo("8.png");
        assertThat(rsna.load(0)).containsExactly(expected);
        Files.writeString(root.resolve(RsnaDataset.TRAINING_CSV), "id,boneage,male\n9,120,True\n");
        assertThatThrownBy(() -> RsnaDataset.builder().root(root).build())
                .hasMessageContaining("no image for id '9': neither")
                .hasMessageContaining("9.dcm");

        BufferedImage eight = ImageFiles.read(f);
        assertThat(eight.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        assertThat(eight.getRaster().getSample(0, 0, 0)).isEqualTo(Math.round(d.gray()[0]));
    }
}
