package org.duban.task.importing;

import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import org.duban.common.problem.Problem;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * Turns an uploaded plan document into a {@link ParsedPlan}, whatever its form: the form is told by
 * the content (see {@link PlanFormat#sniff}), each form has its size limit, and every failure is a
 * 4xx problem. A file named or sent as .docx/.doc/.pdf whose content is not a document of that kind
 * is refused rather than read as text (it was saved wrong; reading it as text would yield nonsense).
 */
@ApplicationScoped
public class PlanDocuments {

    /** What was read, and as which form. */
    public record Read(PlanFormat format, ParsedPlan plan) {
    }

    @ConfigProperty(name = "duban.import.max-size", defaultValue = "10M")
    MemorySize maxBinary;

    @ConfigProperty(name = "duban.import.max-size-text", defaultValue = "2M")
    MemorySize maxText;

    @ConfigProperty(name = "duban.import.max-size-html", defaultValue = "5M")
    MemorySize maxHtml;

    @ConfigProperty(name = "duban.import.max-pdf-pages", defaultValue = "200")
    int maxPdfPages;

    public Read read(byte[] b, String contentType, String fileName) {
        if (b == null || b.length == 0) {
            throw new ProblemException(ProblemType.EMPTY_DOCUMENT,
                    "Send the plan as text, HTML, .docx, .doc or PDF", List.of(Problem.FieldError.of("body", "empty")));
        }
        PlanFormat format = PlanFormat.sniff(b);
        PlanFormat declared = PlanFormat.declared(contentType, fileName);
        if (declared != null && declared != format && !(declared == PlanFormat.DOCX && format == PlanFormat.DOC)
                && !(declared == PlanFormat.DOC && format == PlanFormat.DOCX)) {
            // a Word file saved as the other Word format reads fine by its content; anything else is a mistake
            throw notA(declared);
        }
        long limit = switch (format) {
            case TEXT -> maxText.asLongValue();
            case HTML -> maxHtml.asLongValue();
            default -> maxBinary.asLongValue();
        };
        if (b.length > limit) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "The document (" + format.wireName() + ") has "
                    + b.length + " bytes; the limit for this form is " + limit,
                    List.of(Problem.FieldError.of("body", "over " + limit + " bytes")));
        }
        return new Read(format, parse(b, format, maxPdfPages));
    }

    /**
     * Any document file as the importer reads it, told by its content, without the size limits (for
     * the corpus test and the benchmark, which read files from disk).
     */
    static ParsedPlan parse(byte[] b) {
        return parse(b, PlanFormat.sniff(b), Integer.MAX_VALUE);
    }

    private static ParsedPlan parse(byte[] b, PlanFormat format, int maxPdfPages) {
        try {
            return switch (format) {
                case DOCX -> DocxPlanReader.read(b);
                case DOC -> DocPlanReader.read(b);
                case PDF -> PdfPlanReader.read(b, maxPdfPages);
                case HTML -> HtmlPlanReader.read(b);
                case TEXT -> PlainTextPlanReader.read(PlanFormat.decodeText(b));
            };
        } catch (DocxPlanReader.NotADocxException e) {
            throw notA(PlanFormat.DOCX);
        } catch (DocPlanReader.NotADocException e) {
            throw notA(PlanFormat.DOC);
        } catch (PdfPlanReader.NotAPdfException e) {
            throw notA(PlanFormat.PDF);
        } catch (PdfPlanReader.TooManyPagesException e) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "The PDF has " + e.pages
                    + " pages; the limit is " + maxPdfPages, List.of(Problem.FieldError.of("file", "over " + maxPdfPages + " pages")));
        } catch (PlanFormat.NotTextException e) {
            throw new ProblemException(ProblemType.UNREADABLE_DOCUMENT,
                    "The body is none of the accepted forms: send the plan as text (UTF-8 or GB18030), HTML, "
                            + ".docx, .doc or PDF", List.of(Problem.FieldError.of("body", "not a plan document")));
        }
    }

    private static ProblemException notA(PlanFormat format) {
        return switch (format) {
            case DOCX -> new ProblemException(ProblemType.NOT_A_DOCX, "The file is not a Word (.docx) document: "
                    + "send a .docx saved by Word or WPS, or the plan as UTF-8 plain text",
                    List.of(Problem.FieldError.of("file", "not a .docx document")));
            case DOC -> new ProblemException(ProblemType.DAMAGED_DOCUMENT, "The file is not a readable Word 97-2003 (.doc) "
                    + "document: save it again as .docx, or send the plan as text",
                    List.of(Problem.FieldError.of("file", "not a .doc document")));
            default -> new ProblemException(ProblemType.DAMAGED_DOCUMENT, "The file is not a readable PDF document "
                    + "(damaged, or encrypted): send the .docx or the text of the plan",
                    List.of(Problem.FieldError.of("file", "not a PDF document")));
        };
    }
}
