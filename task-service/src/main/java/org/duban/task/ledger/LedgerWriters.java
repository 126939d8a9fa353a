package org.duban.task.ledger;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.duban.common.csv.CsvCells;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/** Writes ledger rows as they come: JSON, CSV (UTF-8 with BOM) or XLSX (fastexcel, flushed every {@link #FLUSH_ROWS}). */
final class LedgerWriters {
    private LedgerWriters() {
    }

    static final int FLUSH_ROWS = 500;

    /** Column widths of the XLSX in characters, in {@link LedgerLabels#HEADERS} order. */
    private static final double[] WIDTHS = {6, 30, 30, 50, 22, 12, 6, 8, 6, 12, 10, 10, 9, 40, 13, 12, 10, 40};
    private static final String DATE = "yyyy-mm-dd";

    static void json(Ledger.Export export, LedgerMeta meta, ObjectMapper mapper, OutputStream out) throws IOException {
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("planId", meta.planId().toString());
            g.writeStringField("documentNumber", meta.documentNumber());
            g.writeStringField("title", meta.title());
            g.writeStringField("asOf", meta.asOf().toString());
            g.writeArrayFieldStart("items");
            export.forEach(r -> {
                try {
                    mapper.writeValue(g, r);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            g.writeEndArray();
            g.writeEndObject();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static void csv(Ledger.Export export, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        try {
            w.write('\uFEFF'); // so Excel reads the file as UTF-8
            line(w, LedgerLabels.headers(export.periods()));
            long[] n = {0};
            export.forEach(r -> {
                try {
                    String[] fixed = LedgerLabels.cells(++n[0], r);
                    String[] periods = LedgerLabels.periodCells(r, export.periods());
                    String[] all = java.util.Arrays.copyOf(fixed, fixed.length + periods.length);
                    System.arraycopy(periods, 0, all, fixed.length, periods.length);
                    line(w, all);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        w.flush();
    }

    private static void line(Writer w, String[] cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(csvField(cells[i]));
        }
        w.write("\r\n"); // RFC 4180
    }

    /** One CSV cell, safe to open in a spreadsheet (common CsvCells: the one formula guard). */
    static String csvField(String s) {
        return CsvCells.field(s);
    }

    static void xlsx(Ledger.Export export, LedgerMeta meta, OutputStream out) throws IOException {
        Workbook wb = new Workbook(out, "Duban", "1.0");
        Worksheet ws = wb.newWorksheet("台账");
        String[] headers = LedgerLabels.headers(export.periods());
        for (int c = 0; c < headers.length; c++) {
            ws.width(c, c < WIDTHS.length ? WIDTHS[c] : 16);
            ws.value(0, c, headers[c]);
        }
        ws.range(0, 0, 0, headers.length - 1).style().bold().fillColor("D9E1F2").set();
        ws.freezePane(0, 1);
        int[] row = {0};
        try {
            export.forEach(r -> {
                int i = ++row[0];
                ws.value(i, 0, i);
                ws.value(i, 1, LedgerLabels.section(r));
                ws.value(i, 2, r.workItem());
                ws.value(i, 3, r.task());
                ws.value(i, 4, r.unitName());
                ws.value(i, 5, r.unitCode());
                ws.value(i, 6, LedgerLabels.role(r.role()));
                ws.value(i, 7, LedgerLabels.state(r.state()));
                ws.value(i, 8, LedgerLabels.light(r.light()));
                String colour = LedgerLabels.colour(r.light());
                if (colour != null) {
                    ws.style(i, 8).fillColor(colour).set();
                }
                date(ws, i, 9, r.deadline());
                ws.value(i, 10, r.workingDaysLeft());
                ws.value(i, 11, r.overdueWorkingDays());
                ws.value(i, 12, r.progressPercent());
                ws.value(i, 13, r.lastProgress());
                date(ws, i, 14, r.lastProgressOn());
                date(ws, i, 15, r.completedOn());
                ws.value(i, 16, r.evidenceCount());
                ws.value(i, 17, r.evidenceFiles());
                String[] periods = LedgerLabels.periodCells(r, export.periods());
                for (int c = 0; c < periods.length; c++) {
                    int col = LedgerLabels.HEADERS.length + c;
                    ws.value(i, col, periods[c]);
                    String fill = LedgerLabels.periodColour(periods[c]);
                    if (fill != null) {
                        ws.style(i, col).fillColor(fill).set();
                    }
                }
                if (i % FLUSH_ROWS == 0) {
                    try {
                        ws.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        wb.finish();
    }

    private static void date(Worksheet ws, int r, int c, LocalDate d) {
        if (d != null) {
            ws.value(r, c, d);
            ws.style(r, c).format(DATE).set();
        }
    }
}
