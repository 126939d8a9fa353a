package org.duban.task.ledger;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The ledger's CSV cells never start a formula in a spreadsheet, also where Excel splits a line at
 * ; (locales whose list separator is ;): each ;-separated part of a cell is guarded.
 */
class CsvFormulaGuardTest {

    @Test
    void aCellThatStartsAFormulaIsPrefixed() {
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\"", LedgerWriters.csvField("=HYPERLINK(\"http://x\")"));
        assertEquals("'@SUM(A1)", LedgerWriters.csvField("@SUM(A1)"));
        assertEquals("'+1+1", LedgerWriters.csvField("+1+1"));
        assertEquals("'\t=1+1", LedgerWriters.csvField("\t=1+1"));
        assertEquals("-3", LedgerWriters.csvField("-3"));
        assertEquals("-2.5", LedgerWriters.csvField("-2.5"));
    }

    @Test
    void everySemicolonSeparatedPartOfACellIsGuardedAndTheCellQuoted() {
        assertEquals("\"已完成;'=1+1\"", LedgerWriters.csvField("已完成;=1+1"));
        assertEquals("\"a;'-cmd|' /C calc'!A0;'@x;b\"", LedgerWriters.csvField("a;-cmd|' /C calc'!A0;@x;b"));
        assertEquals("\"进展;-5\"", LedgerWriters.csvField("进展;-5"));
        assertEquals("\"'=a;'+b\"", LedgerWriters.csvField("=a;+b"));
    }

    @Test
    void ordinaryTextStaysAsItIs() {
        assertEquals("推进政务公开；完成80%", LedgerWriters.csvField("推进政务公开；完成80%"));
        assertEquals("\"a,b\"", LedgerWriters.csvField("a,b"));
        assertEquals("", LedgerWriters.csvField(""));
    }
}
