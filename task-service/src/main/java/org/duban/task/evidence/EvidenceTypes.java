package org.duban.task.evidence;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationshipCollection;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.tika.Tika;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What an evidence file is, told by its bytes and never by its name or the Content-Type the client sent:
 * Apache Tika's magic-number detector names the family, and for the Office containers (a ZIP, an OLE2 file)
 * POI opens the container and reads which document it holds. Accepted: PDF, PNG, JPEG, Word (.docx, .doc),
 * Excel (.xlsx, .xls) and plain text. Anything else — an executable (ELF, PE), HTML, a ZIP of something else,
 * a macro-enabled Office file — is refused.
 */
public final class EvidenceTypes {

    /** An accepted kind: the media type it is stored and served as, and the extension that goes with it. */
    public enum Kind {
        PDF("application/pdf", "pdf"),
        PNG("image/png", "png"),
        JPEG("image/jpeg", "jpg"),
        DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
        XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
        DOC("application/msword", "doc"),
        XLS("application/vnd.ms-excel", "xls"),
        TEXT("text/plain", "txt");

        public final String mediaType;
        public final String extension;

        Kind(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }
    }

    /** What the detector saw: the accepted kind, or empty with the detected media type (for the refusal). */
    public record Detection(Optional<Kind> kind, String detected) {
    }

    private static final Tika TIKA = new Tika();

    private static final String WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    private static final String EXCEL_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";

    private EvidenceTypes() {
    }

    public static Detection detect(Path file) throws IOException {
        String detected;
        try (InputStream in = Files.newInputStream(file)) {
            // no name in the metadata: magic numbers only (Tika falls back to the name when it has one)
            detected = TIKA.detect(in);
        }
        Kind kind = switch (detected) {
            case "application/pdf" -> Kind.PDF;
            case "image/png" -> Kind.PNG;
            case "image/jpeg" -> Kind.JPEG;
            case "text/plain" -> Kind.TEXT;
            case "application/zip", "application/x-tika-ooxml" -> ooxml(file);
            case "application/x-tika-msoffice" -> ole2(file);
            default -> null;
        };
        return new Detection(Optional.ofNullable(kind), detected);
    }

    /** A .docx or .xlsx: the package's main part says which (a .docm/.xlsm has another content type, refused). */
    private static Kind ooxml(Path file) {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            PackageRelationshipCollection rels = pkg.getRelationshipsByType(PackageRelationshipTypes.CORE_DOCUMENT);
            if (rels.size() != 1) {
                return null;
            }
            PackagePart main = pkg.getPart(rels.getRelationship(0));
            if (main == null) {
                return null;
            }
            return switch (main.getContentType()) {
                case WORD_MAIN -> Kind.DOCX;
                case EXCEL_MAIN -> Kind.XLSX;
                default -> null;
            };
        } catch (Exception | LinkageError notOoxml) {
            // a plain ZIP, a damaged package, a zip bomb stopped by POI's guards: not an accepted document
            return null;
        }
    }

    /** A .doc or .xls: the OLE2 container's root holds WordDocument or Workbook (Book: Excel 5/95). */
    private static Kind ole2(Path file) {
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
            DirectoryNode root = fs.getRoot();
            if (root.hasEntry("WordDocument")) {
                return Kind.DOC;
            }
            if (root.hasEntry("Workbook") || root.hasEntry("Book")) {
                return Kind.XLS;
            }
            return null;
        } catch (Exception | LinkageError notOle2) {
            return null;
        }
    }
}
