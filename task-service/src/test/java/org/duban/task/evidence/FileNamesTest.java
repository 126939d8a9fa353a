package org.duban.task.evidence;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class FileNamesTest {

    @Test
    void keepsTheLastPathSegmentOnly() {
        assertEquals("会议纪要.pdf", FileNames.clean("C:\\fakepath\\会议纪要.pdf", 200).name());
        assertEquals("x.pdf", FileNames.clean("../../etc/x.pdf", 200).name());
    }

    @Test
    void dropsControlAndFormatCharacters() {
        // U+202E (right-to-left override) would show "fdp.exe" as "exe.pdf"
        assertEquals("纪要exe.pdf", FileNames.clean("纪要\u202Eexe.pdf\u0000\n", 200).name());
    }

    @Test
    void refusesEmptyNames() {
        assertNotNull(FileNames.clean("", 200).refusal());
        assertNotNull(FileNames.clean("  ", 200).refusal());
        assertNotNull(FileNames.clean("dir/", 200).refusal());
        assertNotNull(FileNames.clean("..", 200).refusal());
        assertNotNull(FileNames.clean(null, 200).refusal());
    }

    @Test
    void theLengthBoundIsInCharactersAtItsEdge() {
        String at = "材".repeat(196) + ".pdf"; // 200 characters
        assertEquals(at, FileNames.clean(at, 200).name());
        FileNames.Result over = FileNames.clean("材" + at, 200);
        assertNull(over.name());
        assertNotNull(over.refusal());
    }
}
