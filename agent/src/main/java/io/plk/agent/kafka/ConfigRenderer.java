package io.plk.agent.kafka;

import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;

/** Renders server.properties from a FreeMarker template and a plain model, every value Properties-escaped. */
public final class ConfigRenderer {
    private final Configuration freemarker = new Configuration(Configuration.VERSION_2_3_34);

    public ConfigRenderer() {
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setLogTemplateExceptions(false);
        freemarker.setWrapUncheckedExceptions(true);
        freemarker.setFallbackOnNullLoopVariable(false);
        freemarker.setNumberFormat("computer");
        // a custom template folder (cluster.templates) is data, never code, also on the brokers
        freemarker.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        freemarker.setAPIBuiltinEnabled(false);
        freemarker.setOutputFormat(PropertiesOutputFormat.INSTANCE);
    }

    public String render(String templateText, Map<String, Object> model) {
        try {
            Template template = new Template("server.properties.ftl", templateText, freemarker);
            StringWriter out = new StringWriter();
            template.process(model, out);
            return out.toString();
        } catch (TemplateException e) {
            throw new IllegalArgumentException("the template does not render: " + e.getMessageWithoutStackTop(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("the template does not parse: " + e.getMessage(), e);
        }
    }
}
