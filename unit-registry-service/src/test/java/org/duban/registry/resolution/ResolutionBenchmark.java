package org.duban.registry.resolution;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Resolves 10,000 unit phrases against the Zhuhai data and reports phrases per second. The phrases
 * are the seed plan's 28 and variants of them (ASCII punctuation, full names, city prefixes,
 * 牵头/配合 markers, a misspelt name needing candidates in one of twenty).
 * Run: ./mvnw -B test -pl unit-registry-service -Dgroups=benchmark -Dduban.excludedGroups=none -Dtest=ResolutionBenchmark
 */
@Tag("benchmark")
class ResolutionBenchmark {

    static List<String> phrases(int n) {
        List<String> seed = SeedPlan.unitPhrases();
        List<String> extra = List.of("珠海市人民政府办公室、珠海市发展和改革局", "市发展改革局牵头，市直有关单位配合",
                "牵头单位：市应急管理局；责任单位：市直各单位、各区政府(管委会)", "横琴新区管委会，各区政府（管委会），市政府各部门、各直属机构",
                "市司法局会同市财政局", "市卫生和计划生育局", "珠海高新区管委会、万山区管委会、高栏港经济区管委会");
        Random random = new Random(42);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String p = i % 5 == 4 ? extra.get(random.nextInt(extra.size())) : seed.get(random.nextInt(seed.size()));
            switch (i % 4) {
                case 1 -> p = p.replace('，', ',').replace('（', '(').replace('）', ')');
                case 2 -> p = p.replace("市政府办公室", "珠海市人民政府办公室").replace("，", " ; ");
                case 3 -> p = p + "，" + (i % 20 == 3 ? "市政务服务数据局" : "市司法局");
                default -> {
                }
            }
            out.add(p);
        }
        return out;
    }

    @Test
    void resolvesTenThousandPhrases() throws IOException {
        long t0 = System.nanoTime();
        Resolver resolver = Cities.zhuhai();
        double buildMs = (System.nanoTime() - t0) / 1e6;
        List<String> phrases = phrases(10_000);
        for (int warm = 0; warm < 3; warm++) {
            phrases.forEach(resolver::resolve);
        }
        double[] rates = new double[5];
        int unresolved = 0;
        for (int round = 0; round < rates.length; round++) {
            unresolved = 0;
            long start = System.nanoTime();
            for (String p : phrases) {
                if (!resolver.resolve(p).complete()) {
                    unresolved++;
                }
            }
            rates[round] = phrases.size() / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(rates);
        String line = String.format("%s ResolutionBenchmark: 10000 phrases, median %.0f phrases/s (min %.0f, max %.0f; "
                        + "5 rounds after 3 warm-up), %d unresolved per round (misspelt on purpose), index built in %.1f ms",
                LocalDate.now(), rates[2], rates[0], rates[4], unresolved, buildMs);
        System.out.println(line);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/benchmarks.txt"), line + System.lineSeparator(),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        assertTrue(rates[2] >= 5_000, "target: at least 5,000 phrases per second, was " + rates[2]);
    }
}
