package org.duban.common.csv;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvCellsTest {

    @Test
    void everyPartOfACellThatWouldRunAsAFormulaIsDefused() {
        assertEquals("'=1+1", CsvCells.defused("=1+1"));
        assertEquals("珠海;'=HYPERLINK(\"x\");'@a;-3", CsvCells.defused("珠海;=HYPERLINK(\"x\");@a;-3"));
        assertEquals("'\tx", CsvCells.defused("\tx"));
        assertEquals("珠海市司法局", CsvCells.defused("珠海市司法局"));
    }

    @Test
    void aDefusedCellIsRestoredAsItWas() {
        for (String s : List.of("=1+1", "珠海;=a;+b;-3", "'已有引号", "@x|=y", "", "-2.5", ";=")) {
            assertEquals(s, CsvCells.restored(CsvCells.defused(s)));
        }
    }
}
