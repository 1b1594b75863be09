package io.pggan.examples.study.report;

import io.pggan.examples.study.StudyContext;

/**
 * One section of the report: it reads a finished stage's outputs through the run's layout and
 * appends its HTML, figures and numbers to the page. A new section is one class plus one line in
 * {@link ReportStage#SECTIONS}.
 */
public interface ReportSection {
    /** Writes the section; a section whose stage left no outputs writes little or nothing. */
    void write(StudyContext study, ReportPage page) throws Exception;
}
