package org.duban.task.evidence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kind of an evidence file is told by its bytes; every file here is named as something it is not. */
class EvidenceTypesTest {

    @TempDir
    Path dir;

    private Optional<EvidenceTypes.Kind> kindOf(byte[] bytes) throws IOException {
        // the name always lies: detection must not read it
        Path f = Files.write(dir.resolve("材料.bin"), bytes);
        return EvidenceTypes.detect(f).kind();
    }

    @Test
    void acceptedKindsAreRecognisedByContent() throws IOException {
        assertEquals(Optional.of(EvidenceTypes.Kind.PDF), kindOf(Samples.pdf()));
        assertEquals(Optional.of(EvidenceTypes.Kind.PNG), kindOf(Samples.png()));
        assertEquals(Optional.of(EvidenceTypes.Kind.JPEG), kindOf(Samples.jpeg()));
        assertEquals(Optional.of(EvidenceTypes.Kind.DOCX), kindOf(Samples.docx()));
        assertEquals(Optional.of(EvidenceTypes.Kind.XLSX), kindOf(Samples.xlsx()));
        assertEquals(Optional.of(EvidenceTypes.Kind.XLS), kindOf(Samples.xls()));
        assertEquals(Optional.of(EvidenceTypes.Kind.TEXT), kindOf(Samples.text()));
    }

    @Test
    void aLegacyWordDocumentIsADoc() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/importing/zhuhai-2020-openness-plan.doc")) {
            assertNotNull(in);
            assertEquals(Optional.of(EvidenceTypes.Kind.DOC), kindOf(in.readAllBytes()));
        }
    }

    @Test
    void executablesAreRefusedWhateverTheirName() throws IOException {
        Path elf = Files.write(dir.resolve("会议纪要.pdf"), Samples.elf());
        EvidenceTypes.Detection d = EvidenceTypes.detect(elf);
        assertTrue(d.kind().isEmpty(), "an ELF executable named .pdf: " + d);
        Path pe = Files.write(dir.resolve("照片.png"), Samples.pe());
        assertTrue(EvidenceTypes.detect(pe).kind().isEmpty(), "a PE executable named .png");
    }

    @Test
    void htmlAndPlainZipsAreRefused() throws IOException {
        assertEquals(Optional.empty(), kindOf(Samples.html()));
        assertEquals(Optional.empty(), kindOf(Samples.zip()));
    }
}
