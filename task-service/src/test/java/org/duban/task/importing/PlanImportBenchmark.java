package org.duban.task.importing;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads a 1,000-task plan (10 sections × 10 work items × 10 tasks, the seed's tasks and unit
 * phrases over again) in each form the importer takes and reports the time from the uploaded bytes
 * to the ParsedPlan (format sniffing, decoding, the reader, PlanStructure; no HTTP, no registry).
 * Text, HTML (work-item cells spanning their tasks) and .docx are made here from one plan; the .doc
 * and PDF are fixtures made from the same generator by LibreOffice (see {@link #main}): the .doc
 * the .docx saved as Word 97, the PDF the plan as numbered paragraphs printed (the text layouts
 * read it, once they read paragraphs). Median of 5 timed rounds after 3 warm-up rounds.
 * Run: ./mvnw -B test -pl task-service -Dgroups=benchmark -Dduban.excludedGroups=none -Dtest=PlanImportBenchmark
 */
@Tag("benchmark")
class PlanImportBenchmark {

    static final int SECTIONS = 10;
    static final int ITEMS = 10;
    static final int TASKS = 10;

    private static final String[] CN = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

    /** The plan as rows: a section row (one cell), then work item | task | units rows (work item empty when continued). */
    static List<List<String>> rows() throws IOException {
        ParsedPlan seed = PlainTextPlanReader.read(PlainTextPlanReaderTest.seed());
        List<ParsedPlan.Task> tasks = seed.sections().stream().flatMap(s -> s.workItems().stream())
                .flatMap(w -> w.tasks().stream()).toList();
        List<List<String>> rows = new ArrayList<>();
        int n = 0;
        for (int s = 0; s < SECTIONS; s++) {
            rows.add(List.of(CN[s] + "、" + seed.sections().get(s % seed.sections().size()).title() + "（第" + (s + 1) + "部分）"));
            for (int w = 0; w < ITEMS; w++) {
                for (int t = 0; t < TASKS; t++) {
                    ParsedPlan.Task task = tasks.get(n++ % tasks.size());
                    String item = t == 0 ? "（" + CN[w] + "）工作事项" + (s + 1) + "-" + (w + 1) : "";
                    rows.add(List.of(item, "第" + n + "项：" + task.text(), task.unitPhrase()));
                }
            }
        }
        return rows;
    }

    static final String NOTICE = "珠府办〔2020〕99号\n\n珠海市人民政府办公室关于印发千项任务分工方案的通知\n\n"
            + "各区政府（管委会），市政府各部门、各直属机构：\n\n现将《珠海市千项任务分工方案》印发给你们，请认真贯彻落实。\n\n"
            + "珠海市人民政府办公室\n\n2020年8月4日\n\n珠海市千项任务分工方案\n\n";

    static String text(List<List<String>> rows) {
        StringBuilder b = new StringBuilder(NOTICE).append("\t工作事项\n\t具体任务\n\t牵头及责任单位\n\n");
        for (List<String> r : rows) {
            r.forEach(c -> b.append('\t').append(c).append('\n'));
            b.append('\n');
        }
        return b.toString();
    }

    static String html(List<List<String>> rows) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>通知</title></head><body>");
        for (String l : NOTICE.split("\n")) {
            if (!l.isBlank()) {
                b.append("<p>").append(l).append("</p>\n");
            }
        }
        b.append("<table border=\"1\"><tr><th>工作事项</th><th>具体任务</th><th>牵头及责任单位</th></tr>\n");
        for (List<String> r : rows) {
            if (r.size() == 1) {
                b.append("<tr><td colspan=\"3\">").append(r.get(0)).append("</td></tr>\n");
            } else if (!r.get(0).isEmpty()) {
                b.append("<tr><td rowspan=\"").append(TASKS).append("\">").append(r.get(0)).append("</td><td>")
                        .append(r.get(1)).append("</td><td>").append(r.get(2)).append("</td></tr>\n");
            } else {
                b.append("<tr><td>").append(r.get(1)).append("</td><td>").append(r.get(2)).append("</td></tr>\n");
            }
        }
        return b.append("</table></body></html>").toString();
    }

    static byte[] docx(List<List<String>> rows) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String l : NOTICE.split("\n")) {
                if (!l.isBlank()) {
                    doc.createParagraph().createRun().setText(l);
                }
            }
            XWPFTable table = doc.createTable(rows.size() + 1, 3);
            List<String> header = List.of("工作事项", "具体任务", "牵头及责任单位");
            for (int c = 0; c < 3; c++) {
                table.getRow(0).getCell(c).setText(header.get(c));
            }
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < rows.get(r).size(); c++) {
                    table.getRow(r + 1).getCell(c).setText(rows.get(r).get(c));
                }
            }
            doc.write(out);
            return out.toByteArray();
        }
    }

    /** The plan as numbered paragraphs ending in their unit parenthesis (the form the PDF fixture prints). */
    static String paragraphs(List<List<String>> rows) {
        StringBuilder b = new StringBuilder(NOTICE);
        int task = 0;
        for (List<String> r : rows) {
            if (r.size() == 1) {
                b.append(r.get(0)).append("\n\n");
                continue;
            }
            if (!r.get(0).isEmpty()) {
                b.append(r.get(0)).append("\n\n");
                task = 0;
            }
            b.append(++task).append(". ").append(r.get(1)).append("（").append(r.get(2)).append("）\n\n");
        }
        return b.toString();
    }

    /** Writes the .docx and the paragraphs text that LibreOffice turns into the .doc and PDF fixtures. */
    public static void main(String[] args) throws IOException {
        List<List<String>> rows = rows();
        Files.write(Path.of(args[0], "plan-1000-tasks.docx"), docx(rows));
        Files.writeString(Path.of(args[0], "plan-1000-tasks-paragraphs.txt"), paragraphs(rows));
    }

    @Test
    void readsAThousandTaskPlanInEachForm() throws IOException {
        List<List<String>> rows = rows();
        Map<String, byte[]> forms = new LinkedHashMap<>();
        forms.put("text", text(rows).getBytes(StandardCharsets.UTF_8));
        forms.put("html", html(rows).getBytes(StandardCharsets.UTF_8));
        forms.put("docx", docx(rows));
        forms.put("doc", PlanReading.fixture("plan-1000-tasks.doc"));
        forms.put("pdf", PlanReading.fixture("plan-1000-tasks.pdf"));
        List<String> lines = new ArrayList<>();
        for (var form : forms.entrySet()) {
            byte[] bytes = form.getValue();
            ParsedPlan plan = null;
            for (int warm = 0; warm < 3; warm++) {
                plan = PlanDocuments.parse(bytes);
            }
            double[] ms = new double[5];
            for (int round = 0; round < ms.length; round++) {
                long start = System.nanoTime();
                plan = PlanDocuments.parse(bytes);
                ms[round] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(ms);
            lines.add(String.format("%s PlanImportBenchmark %s: %d bytes, %d tasks read, median %.0f ms (min %.0f, max %.0f; "
                            + "5 rounds after 3 warm-up)", LocalDate.now(), form.getKey(), bytes.length, plan.taskCount(),
                    ms[2], ms[0], ms[4]));
            assertEquals(SECTIONS * ITEMS * TASKS, plan.taskCount(), form.getKey());
            assertTrue(ms[2] < 5_000, form.getKey() + ": target under 5 s, was " + ms[2] + " ms");
        }
        lines.forEach(System.out::println);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/benchmarks.txt"), String.join(System.lineSeparator(), lines) + System.lineSeparator(),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
