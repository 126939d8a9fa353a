package org.duban.registry.resolution;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The units a task's text names itself, found with the resolver's own keys and normaliser. */
class UnitsInTextTest {

    private final Resolver zhuhai = Cities.zhuhai();

    private List<String> codes(String text) {
        return zhuhai.unitsNamedIn(text).stream().map(UnitsInText.Found::unitCode).toList();
    }

    @Test
    void aShortNameInTheTextIsFoundWithWhereItIsWritten() {
        String text = "市司法局要在2020年底前完成行政执法公示平台建设";
        assertEquals(List.of(new UnitsInText.Found("sfj", "市司法局", 0)), zhuhai.unitsNamedIn(text));
    }

    @Test
    void fullNamesAndTheCitysPrefixAreOneUnitAndTheLongestNameWins() {
        // 珠海市人民政府办公室 is one unit, not 市政府 plus something; the text keeps its own form and offset
        String text = "由珠海市人民政府办公室会同珠海市司法局推进";
        List<UnitsInText.Found> found = zhuhai.unitsNamedIn(text);
        assertEquals(List.of("szfb", "sfj"), found.stream().map(UnitsInText.Found::unitCode).toList());
        assertEquals("珠海市人民政府办公室", found.get(0).text());
        assertEquals(1, found.get(0).offset());
        assertEquals("珠海市司法局", found.get(1).text());
        assertEquals(text.indexOf("珠海市司法局"), found.get(1).offset());
    }

    @Test
    void theNormalisersContractionsAndWidthsMeetTheIndex() {
        // 管理委员会 → 管委会, full-width letters and spaces as written
        List<UnitsInText.Found> found = zhuhai.unitsNamedIn("请横琴新区管理委员会 和 市 财 政 局配合");
        assertEquals(List.of("hqxq", "czj"), found.stream().map(UnitsInText.Found::unitCode).toList());
        assertEquals("横琴新区管理委员会", found.get(0).text());
        assertEquals("市 财 政 局", found.get(1).text());
    }

    @Test
    void retiredUnitsAndTextsWithoutNamesFindNothing() {
        assertEquals(List.of(), codes("市卫生计生局负责"), "a retired unit is not named");
        assertEquals(List.of(), codes("全市政府网站全部支持互联网协议第6版"), "全市 is the whole city, not 市政府");
        assertEquals(List.of("szf"), codes("本市政府网站"), "本市政府 is the city's government");
        assertEquals(List.of(), codes(""));
    }
}
