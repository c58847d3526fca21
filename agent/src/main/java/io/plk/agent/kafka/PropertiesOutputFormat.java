package io.plk.agent.kafka;

import freemarker.core.CommonMarkupOutputFormat;
import freemarker.core.CommonTemplateMarkupOutputModel;
import java.io.IOException;
import java.io.Writer;

/**
 * Every {@code ${...}} of a server.properties template is escaped as {@link java.util.Properties#load}
 * reads it back: a value can hold a line break, a backslash or a leading space and still stay one value
 * on one line. Ordinary values are written unchanged, so the file reads like the runbook's.
 */
final class PropertiesOutputFormat extends CommonMarkupOutputFormat<PropertiesOutputFormat.Model> {
    static final PropertiesOutputFormat INSTANCE = new PropertiesOutputFormat();

    private PropertiesOutputFormat() {
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                case ' ' -> out.append(i == 0 ? "\\ " : " ");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    @Override
    public void output(String textToEsc, Writer out) throws IOException {
        out.write(escape(textToEsc));
    }

    @Override
    public String escapePlainText(String plainTextContent) {
        return escape(plainTextContent);
    }

    @Override
    public boolean isLegacyBuiltInBypassed(String builtInName) {
        return false;
    }

    @Override
    protected Model newTemplateMarkupOutputModel(String plainTextContent, String markupContent) {
        return new Model(plainTextContent, markupContent);
    }

    @Override
    public String getName() {
        return "properties";
    }

    @Override
    public String getMimeType() {
        return "text/x-java-properties";
    }

    static final class Model extends CommonTemplateMarkupOutputModel<Model> {
        Model(String plainTextContent, String markupContent) {
            super(plainTextContent, markupContent);
        }

        @Override
        public PropertiesOutputFormat getOutputFormat() {
            return INSTANCE;
        }
    }
}
