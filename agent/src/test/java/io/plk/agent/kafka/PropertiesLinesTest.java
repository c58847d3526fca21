package io.plk.agent.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plk.agent.kafka.PropertiesLines.Entry;
import java.io.IOException;
import java.io.StringReader;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PropertiesLines reads keys and values exactly as java.util.Properties (and so Kafka) does. */
class PropertiesLinesTest {

    @ParameterizedTest
    @ValueSource(strings = {"kraft-combined", "kraft-broker-only", "zookeeper", "comments-odd-spacing", "ssl-sasl",
            "no-advertised", "crlf"})
    void readsTheFixturesLikeJavaUtilProperties(String name) throws IOException {
        assertSameAsProperties(ExternalListenerPatchGoldenTest.resource(name + ".properties"));
        assertSameAsProperties(ExternalListenerPatchGoldenTest.resource(name + ".expected.properties"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "a\\:b=c\\=d\n",
            "key\\ with\\ blanks = v\n",
            "\\u0041=\\u0042\\u00e9\n",
            "a=x\\\\\nb=y\n",
            "a=x\\\\\\\n  y\n",
            "# comment ending in a backslash \\\nb=kept\n",
            "a=one,\\\n\n  b=not part of a\n",
            "a=1\rb=2\rc=3",
            "a=1\r\nb = 2 \r\n  c:3\r\n",
            "lonely\n",
            "k   v w\n",
            "k = = v\n",
            "k=\\\n",
            "k=v\\",
            "\tk\t=\tv\t\n",
            "! bang comment\nk=v\n",
            "dup=1\ndup=2\n"})
    void readsTrickyLinesLikeJavaUtilProperties(String text) throws IOException {
        assertSameAsProperties(text);
    }

    @Test
    void everyValueCharacterKnowsWhereItWasWritten() {
        String text = "# c\nlisteners = A\\://h:1,\\\n    B://h:2  \nnext=1";
        PropertiesLines lines = PropertiesLines.parse(text);
        Entry entry = lines.last("listeners").orElseThrow();
        assertEquals("A://h:1,B://h:2  ", entry.value());
        assertEquals(2, entry.firstLine());
        assertEquals(text.indexOf("A\\:"), entry.valueStart());
        int colon = entry.value().indexOf(':');
        assertEquals("\\:", text.substring(entry.charStart()[colon], entry.charEnd()[colon]));
        int b = entry.value().indexOf('B');
        assertEquals("B", text.substring(entry.charStart()[b], entry.charEnd()[b]));
        int comma = entry.value().indexOf(',');
        assertEquals(",\\\n    B", text.substring(entry.charStart()[comma], entry.charEnd()[b]));
        assertEquals("line 2: \"listeners = A\\://h:1,\\\n    B://h:2  \"", lines.quote(entry));
        assertEquals("\n", lines.terminatorAfter(entry));
        assertEquals(4, lines.last("next").orElseThrow().firstLine());
        assertEquals("", lines.terminatorAfter(lines.last("next").orElseThrow()));
    }

    @Test
    void lineTerminatorIsTheFilesOwn() {
        assertEquals("\r\n", PropertiesLines.parse("a=1\r\nb=2\n").lineTerminator());
        assertEquals("\r", PropertiesLines.parse("a=1\rb=2").lineTerminator());
        assertEquals("\n", PropertiesLines.parse("a=1").lineTerminator());
    }

    private static void assertSameAsProperties(String text) throws IOException {
        Properties expected = new Properties();
        expected.load(new StringReader(text));
        PropertiesLines lines = PropertiesLines.parse(text);
        for (String key : expected.stringPropertyNames()) {
            assertEquals(expected.getProperty(key), lines.last(key).map(Entry::value).orElse(null),
                    () -> "key '" + key + "' in " + text);
        }
    }
}
