package org.duban.task.importing;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

import java.io.IOException;

/**
 * Reads a plan issued as PDF, best effort: its text layer (PDFBox, in reading order by position)
 * goes to {@link PlainTextPlanReader#layout(String)}. A table drawn in a PDF has no cells, only
 * text runs: PDFBox separates the runs of one printed line by spaces, so the text layouts see the
 * numbered paragraphs and unit parentheses, not columns. A scanned PDF has no text layer: it reads
 * as empty (no task table). A problem's "line" is the line of the extracted text.
 */
public final class PdfPlanReader {

    private PdfPlanReader() {
    }

    /** Thrown when the bytes are not a readable PDF, or it is encrypted against text extraction. */
    public static final class NotAPdfException extends Exception {
        NotAPdfException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Too many pages to read within a request. */
    public static final class TooManyPagesException extends Exception {
        final int pages;

        TooManyPagesException(int pages) {
            super(pages + " pages");
            this.pages = pages;
        }
    }

    public static ParsedPlan read(byte[] pdf, int maxPages) throws NotAPdfException, TooManyPagesException {
        return PlanStructure.build(PlainTextPlanReader.layout(text(pdf, maxPages)));
    }

    static String text(byte[] pdf, int maxPages) throws NotAPdfException, TooManyPagesException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            if (doc.getNumberOfPages() > maxPages) {
                throw new TooManyPagesException(doc.getNumberOfPages());
            }
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setLineSeparator("\n");
            // a page ends a line, no more: the text layouts drop page numbers and rejoin what runs on
            stripper.setPageEnd("\n");
            return stripper.getText(doc);
        } catch (IOException | RuntimeException e) {
            throw new NotAPdfException("The file is not a readable PDF document", e);
        }
    }
}
