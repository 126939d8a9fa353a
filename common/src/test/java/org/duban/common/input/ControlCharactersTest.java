package org.duban.common.input;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ControlCharactersTest {

    @Test
    void findsC0ControlsDelAndLoneSurrogatesButNotTabNewlineOrPairs() {
        assertEquals(-1, ControlCharacters.firstIn("珠海市司法局\t第一行\r\n第二行 😀"));
        assertEquals(2, ControlCharacters.firstIn("ab\u0000"));
        assertEquals(0, ControlCharacters.firstIn("\u001f"));
        assertEquals(1, ControlCharacters.firstIn("a\u007f"));
        assertEquals(1, ControlCharacters.firstIn("a\ud800b"));
        assertEquals(0, ControlCharacters.firstIn("\udc00"));
        assertEquals(1, ControlCharacters.firstIn("a\ud83d"));
    }
}
