package io.plk.agent.kafka;

import io.plk.agent.secrets.Redaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The text of a .properties file read the way {@link java.util.Properties#load(java.io.Reader)}
 * reads it (comments, blank lines, {@code key=value}, {@code key value}, {@code key: value},
 * trailing-backslash continuations, escapes, CRLF/LF/CR), but keeping, for every value
 * character, where it sits in the original text, so that an edit can touch exactly the bytes it
 * means to and nothing else.
 */
final class PropertiesLines {
    private final String text;
    private final List<Entry> entries;

    private PropertiesLines(String text, List<Entry> entries) {
        this.text = text;
        this.entries = entries;
    }

    /**
     * One {@code key=value} logical line.
     *
     * @param firstLine  1-based number of its first natural line
     * @param start      offset of its first character (leading blanks included)
     * @param end        offset just past its last character, before the line terminator
     * @param valueStart offset where the value begins (where an empty value would be written)
     * @param charStart  per value character: offset of its first source character
     * @param charEnd    per value character: offset just past its last source character (past
     *                   the whole escape sequence for an escaped one)
     */
    record Entry(String key, String value, int firstLine, int start, int end, int valueStart,
                 int[] charStart, int[] charEnd) {
    }

    static PropertiesLines parse(String text) {
        List<Entry> entries = new ArrayList<>();
        int pos = 0;
        int line = 1;
        while (pos < text.length()) {
            int first = skipBlanks(text, pos);
            if (first == text.length() || isTerminator(text.charAt(first))
                    || text.charAt(first) == '#' || text.charAt(first) == '!') {
                pos = afterTerminator(text, endOfLine(text, first));
                line++;
                continue;
            }
            StringBuilder joined = new StringBuilder();
            List<Integer> offsets = new ArrayList<>();
            int firstLine = line;
            int from = first;
            int end;
            while (true) {
                int eol = endOfLine(text, from);
                int backslashes = 0;
                while (eol - 1 - backslashes >= from && text.charAt(eol - 1 - backslashes) == '\\') {
                    backslashes++;
                }
                boolean continues = backslashes % 2 == 1;
                for (int i = from; i < (continues ? eol - 1 : eol); i++) {
                    joined.append(text.charAt(i));
                    offsets.add(i);
                }
                end = eol;
                if (!continues || eol == text.length()) {
                    break;
                }
                from = skipBlanks(text, afterTerminator(text, eol));
                line++;
            }
            entries.add(entry(joined, offsets, firstLine, pos, end));
            pos = afterTerminator(text, end);
            line++;
        }
        return new PropertiesLines(text, List.copyOf(entries));
    }

    /** The entry that wins for this key: like {@link java.util.Properties}, the last one. */
    Optional<Entry> last(String key) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).key().equals(key)) {
                return Optional.of(entries.get(i));
            }
        }
        return Optional.empty();
    }

    /** The entries whose key starts with {@code prefix}, in file order. */
    List<Entry> startingWith(String prefix) {
        return entries.stream().filter(e -> e.key().startsWith(prefix)).toList();
    }

    /** {@code line N: "<the line as written>"}, continuation lines included, a secret value masked. */
    String quote(Entry entry) {
        return "line " + entry.firstLine() + ": \"" + Redaction.mask(
                text.substring(entry.start(), entry.end()).replaceAll("\r\n?", "\n")) + "\"";
    }

    /** The terminator after this entry, or "" when it is the file's unterminated last line. */
    String terminatorAfter(Entry entry) {
        return text.substring(entry.end(), afterTerminator(text, entry.end()));
    }

    /** The file's own line terminator (its first one), LF for a file without any. */
    String lineTerminator() {
        int eol = endOfLine(text, 0);
        return eol == text.length() ? "\n" : text.substring(eol, afterTerminator(text, eol));
    }

    private static Entry entry(StringBuilder joined, List<Integer> offsets, int firstLine, int start, int end) {
        int keyEnd = 0;
        int valueStart = joined.length();
        boolean escaped = false;
        boolean separator = false;
        for (; keyEnd < joined.length(); keyEnd++) {
            char c = joined.charAt(keyEnd);
            if (!escaped && (c == '=' || c == ':' || isBlank(c))) {
                separator = c == '=' || c == ':';
                valueStart = keyEnd + 1;
                break;
            }
            escaped = c == '\\' && !escaped;
        }
        for (; valueStart < joined.length(); valueStart++) {
            char c = joined.charAt(valueStart);
            if (!isBlank(c)) {
                if (separator || (c != '=' && c != ':')) {
                    break;
                }
                separator = true;
            }
        }
        StringBuilder value = new StringBuilder();
        int count = joined.length() - valueStart;
        int[] charStart = new int[count];
        int[] charEnd = new int[count];
        for (int i = valueStart; i < joined.length(); ) {
            int next = unescapeOne(joined, i, value);
            charStart[value.length() - 1] = offsets.get(i);
            charEnd[value.length() - 1] = offsets.get(next - 1) + 1;
            i = next;
        }
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < keyEnd; ) {
            i = unescapeOne(joined, i, key);
        }
        int valueOffset = valueStart < offsets.size() ? offsets.get(valueStart) : end;
        return new Entry(key.toString(), value.toString(), firstLine, start, end, valueOffset,
                Arrays.copyOf(charStart, value.length()), Arrays.copyOf(charEnd, value.length()));
    }

    /** Appends the character starting at {@code i} (after escape processing); returns where the next starts. */
    private static int unescapeOne(CharSequence s, int i, StringBuilder out) {
        char c = s.charAt(i);
        if (c != '\\' || i + 1 == s.length()) {
            out.append(c);
            return i + 1;
        }
        char e = s.charAt(i + 1);
        if (e == 'u' && i + 6 <= s.length() && s.subSequence(i + 2, i + 6).chars().allMatch(PropertiesLines::isHex)) {
            out.append((char) Integer.parseInt(s.subSequence(i + 2, i + 6).toString(), 16));
            return i + 6;
        }
        out.append(switch (e) {
            case 't' -> '\t';
            case 'r' -> '\r';
            case 'n' -> '\n';
            case 'f' -> '\f';
            default -> e;
        });
        return i + 2;
    }

    private static boolean isHex(int c) {
        return Character.digit(c, 16) >= 0;
    }

    private static int skipBlanks(String text, int pos) {
        while (pos < text.length() && isBlank(text.charAt(pos))) {
            pos++;
        }
        return pos;
    }

    private static int endOfLine(String text, int pos) {
        while (pos < text.length() && !isTerminator(text.charAt(pos))) {
            pos++;
        }
        return pos;
    }

    private static int afterTerminator(String text, int eol) {
        if (eol == text.length()) {
            return eol;
        }
        return text.startsWith("\r\n", eol) ? eol + 2 : eol + 1;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\f';
    }

    private static boolean isTerminator(char c) {
        return c == '\n' || c == '\r';
    }
}
