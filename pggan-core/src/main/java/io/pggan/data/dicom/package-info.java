/**
 * Radiographs from DICOM files: {@link io.pggan.data.dicom.DicomReader} (uncompressed transfer
 * syntaxes, MONOCHROME1/2, 8 to 16 bits, rescale and window applied, right hands mirrored).
 */
package io.pggan.data.dicom;
